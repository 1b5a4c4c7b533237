using System.Globalization;
using DeltaSharp.Parquet;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;

namespace DeltaSharp.Interop.Tests.WeWrite;

/// <summary>One file we write for DuckDB to read.</summary>
/// <param name="Name">Test case name.</param>
/// <param name="Options">Writer options.</param>
/// <param name="NullDensity">Share of nulls at every nullable level.</param>
/// <param name="Seed">Seed of the data generator.</param>
/// <param name="Batches">Rows per <see cref="ParquetFileWriter.Write"/> call.</param>
/// <param name="SelectEveryOther">Give the last batch a selection vector of every other row (only live rows count).</param>
internal sealed record WeWriteCase(string Name, ParquetWriteOptions Options, double NullDensity, int Seed, int[] Batches, bool SelectEveryOther = false);

/// <summary>
/// The write-side matrix: every Spark type (<see cref="Schema"/>) × codecs (Uncompressed, Snappy, Gzip, Zstd) ×
/// data page v1/v2 × dictionary on/off at 30% nulls; 0% and 100% nulls; explicit encodings
/// (DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT) on v1 and v2 pages; several
/// Write calls with a selection vector; small row groups. Small page and row-group limits make every file hold
/// several pages and row groups.
/// </summary>
internal static class WeWriteMatrix
{
    /// <summary>Every Spark type, top level and nested. <c>id</c> is non-nullable (Parquet REQUIRED).</summary>
    public static StructType Schema { get; } = new(
        new StructField("id", DataType.Long, nullable: false),
        new StructField("b", DataType.Boolean),
        new StructField("i8", DataType.Byte),
        new StructField("i16", DataType.Short),
        new StructField("i32", DataType.Integer),
        new StructField("i64", DataType.Long),
        new StructField("f32", DataType.Float),
        new StructField("f64", DataType.Double),
        new StructField("d5_2", new DecimalType(5, 2)),
        new StructField("d18_6", new DecimalType(18, 6)),
        new StructField("d38_10", new DecimalType(38, 10)),
        new StructField("s", DataType.String),
        new StructField("bin", DataType.Binary),
        new StructField("dt", DataType.Date),
        new StructField("ts", DataType.Timestamp),
        new StructField("tsn", DataType.TimestampNtz),
        new StructField("st", new StructType(
            new StructField("a", DataType.Integer),
            new StructField("b", DataType.String),
            new StructField("c", new StructType(new StructField("d", DataType.Double))))),
        new StructField("arr", new ArrayType(DataType.Long)),
        new StructField("m", new MapType(DataType.String, DataType.Integer)),
        new StructField("nested", new ArrayType(new StructType(
            new StructField("x", DataType.Double),
            new StructField("tags", new ArrayType(DataType.String))))),
        new StructField("mst", new MapType(DataType.Integer, new StructType(
            new StructField("p", new DecimalType(9, 2)),
            new StructField("q", DataType.Date)))));

    public static readonly CompressionCodec[] Codecs =
        [CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd];

    /// <summary>Encodings set A: DELTA_BINARY_PACKED for integers (also a nested leaf by dotted path),
    /// DELTA_LENGTH_BYTE_ARRAY for strings, BYTE_STREAM_SPLIT for floats.</summary>
    public static IReadOnlyDictionary<string, Encoding> EncodingsA { get; } = new Dictionary<string, Encoding>
    {
        ["id"] = Encoding.DeltaBinaryPacked,
        ["i32"] = Encoding.DeltaBinaryPacked,
        ["i64"] = Encoding.DeltaBinaryPacked,
        ["dt"] = Encoding.DeltaBinaryPacked,
        ["ts"] = Encoding.DeltaBinaryPacked,
        ["d18_6"] = Encoding.DeltaBinaryPacked,
        ["arr"] = Encoding.DeltaBinaryPacked,
        ["st.a"] = Encoding.DeltaBinaryPacked,
        ["s"] = Encoding.DeltaLengthByteArray,
        ["bin"] = Encoding.DeltaLengthByteArray,
        ["f32"] = Encoding.ByteStreamSplit,
        ["f64"] = Encoding.ByteStreamSplit,
    };

    /// <summary>Encodings set B: DELTA_BYTE_ARRAY for strings and binary (incl. nested), DELTA_BINARY_PACKED for
    /// the small integer types, PLAIN forced for the rest of the integers.</summary>
    public static IReadOnlyDictionary<string, Encoding> EncodingsB { get; } = new Dictionary<string, Encoding>
    {
        ["s"] = Encoding.DeltaByteArray,
        ["bin"] = Encoding.DeltaByteArray,
        ["st.b"] = Encoding.DeltaByteArray,
        ["i8"] = Encoding.DeltaBinaryPacked,
        ["i16"] = Encoding.DeltaBinaryPacked,
        ["tsn"] = Encoding.DeltaBinaryPacked,
        ["i32"] = Encoding.Plain,
        ["i64"] = Encoding.Plain,
    };

    private static ParquetWriteOptions Small(CompressionCodec codec, int pageVersion, bool dictionary) => new()
    {
        Compression = codec,
        DataPageVersion = pageVersion,
        EnableDictionary = dictionary,
        MaxRowGroupRows = 400,
        PageSizeBytes = 4096,
        KeyValueMetadata = new Dictionary<string, string> { ["deltasharp.test"] = "interop" },
    };

    public static IReadOnlyList<WeWriteCase> Cases { get; } = BuildCases();

    private static List<WeWriteCase> BuildCases()
    {
        var cases = new List<WeWriteCase>();
        var seed = 1000;
        foreach (var codec in Codecs)
            foreach (var page in new[] { 1, 2 })
                foreach (var dict in new[] { true, false })
                    cases.Add(new WeWriteCase($"{codec}_page{page}_{(dict ? "dict" : "plain")}_nulls30".ToLowerInvariant(),
                        Small(codec, page, dict), 0.3, seed++, [900]));
        foreach (var page in new[] { 1, 2 })
        {
            cases.Add(new WeWriteCase($"zstd_page{page}_dict_nulls0", Small(CompressionCodec.Zstd, page, true), 0.0, seed++, [900]));
            cases.Add(new WeWriteCase($"zstd_page{page}_dict_nulls100", Small(CompressionCodec.Zstd, page, true), 1.0, seed++, [900]));
            cases.Add(new WeWriteCase($"snappy_page{page}_encodingsA_nulls30",
                Small(CompressionCodec.Snappy, page, false) with { ColumnEncodings = EncodingsA }, 0.3, seed++, [900]));
            cases.Add(new WeWriteCase($"zstd_page{page}_dict_encodingsB_nulls30",
                Small(CompressionCodec.Zstd, page, true) with { ColumnEncodings = EncodingsB }, 0.3, seed++, [900]));
        }
        cases.Add(new WeWriteCase("zstd_page1_dict_nulls30_threewrites_selection", Small(CompressionCodec.Zstd, 1, true), 0.3, seed++,
            [250, 1, 700], SelectEveryOther: true));
        cases.Add(new WeWriteCase("gzip_page2_plain_nulls30_rowgroups100",
            Small(CompressionCodec.Gzip, 2, false) with { MaxRowGroupRows = 100, CompressionLevel = 9 }, 0.3, seed++, [1000]));
        cases.Add(new WeWriteCase("zstd_page1_dict_nulls30_defaults",
            ParquetWriteOptions.Default, 0.3, seed++, [2000]));
        cases.Add(new WeWriteCase("zstd_page1_dict_nulls30_nostats",
            Small(CompressionCodec.Zstd, 1, true) with { WriteStatistics = false }, 0.3, seed, [500]));
        return cases;
    }

    public static WeWriteCase Get(string name) =>
        Cases.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No write case '{name}'.");

    public static string Describe(WeWriteCase c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Name}: codec {c.Options.Compression}, page v{c.Options.DataPageVersion}, dictionary {c.Options.EnableDictionary}, " +
        $"encodings {(c.Options.ColumnEncodings is null ? "default" : string.Join(",", c.Options.ColumnEncodings.Select(kv => kv.Key + "=" + kv.Value)))}, " +
        $"nulls {c.NullDensity:P0}, seed {c.Seed}, batches [{string.Join(",", c.Batches)}]");
}
