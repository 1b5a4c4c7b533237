using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>Whether a column is nullable and how many of its values are null.</summary>
public enum NullMode
{
    /// <summary>A required (non-nullable) column: no definition levels at all.</summary>
    Required,
    /// <summary>Nullable, but no nulls.</summary>
    NoNulls,
    /// <summary>Nullable, about 30% nulls.</summary>
    Some,
    /// <summary>Nullable, every value null.</summary>
    All,
}

/// <summary>One generated write/read configuration; values come from <see cref="Random"/>(Seed), so a printed
/// failing scenario reproduces.</summary>
public sealed record Scenario(
    int Seed, int Rows, NullMode Nulls, ValueShape Shape, CompressionCodec Codec, int PageVersion, int PageSize,
    int RowGroupRows, int DictionaryLimit, int BatchSize, int Projection, bool Selection)
{
    public double NullRate => Nulls switch { NullMode.Some => 0.3, NullMode.All => 1.0, _ => 0.0 };

    public static Gen<Scenario> Generator(int maxRows) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from rows in Gen.Frequency((1, Gen.Choose(0, 3)), (6, Gen.Choose(4, maxRows)))
        from nulls in Gen.Elements(NullMode.Required, NullMode.NoNulls, NullMode.Some, NullMode.Some, NullMode.All)
        from shape in Gen.Elements(ValueShape.Mixed, ValueShape.Pool, ValueShape.Sequential, ValueShape.Edges)
        from codec in Gen.Elements(RoundTripHarness.Codecs)
        from version in Gen.Elements(1, 2)
        from pageSize in Gen.Elements(16, 100, 700, 4096, 1 << 20)
        from rowGroupRows in Gen.Elements(13, 250, 900, 1 << 20)
        from dictionaryLimit in Gen.Elements(8, 200, 2000, 1 << 20)
        from batchSize in Gen.Elements(1, 5, 97, 1000, 8192)
        from projection in Gen.Choose(0, 3)
        from selection in Gen.Elements(false, false, true)
        select new Scenario(seed, rows, nulls, shape, codec, version, pageSize, rowGroupRows, dictionaryLimit, batchSize, projection, selection);

    public ParquetWriteOptions WriteOptions(bool dictionary, IReadOnlyDictionary<string, Encoding>? encodings) => new()
    {
        Compression = Codec,
        DataPageVersion = PageVersion,
        PageSizeBytes = PageSize,
        MaxRowGroupRows = RowGroupRows,
        DictionaryPageSizeLimit = DictionaryLimit,
        EnableDictionary = dictionary,
        ColumnEncodings = encodings,
    };
}

/// <summary>
/// Property tests: for every Spark leaf type and every value encoding the writer offers for it, random columns
/// (edge values, NaN/±Inf/-0.0, unicode, extremes of decimal precision) survive a write and a read exactly, under
/// generated codecs, page versions, null densities, page/row-group/dictionary size limits, batch sizes,
/// projections and selection vectors; the writer's statistics match the values.
/// </summary>
public class PrimitiveRoundTripTests
{
    internal static readonly (string Name, DataType Type)[] LeafTypes =
    [
        ("boolean", DataType.Boolean), ("byte", DataType.Byte), ("short", DataType.Short), ("integer", DataType.Integer),
        ("long", DataType.Long), ("float", DataType.Float), ("double", DataType.Double),
        ("decimal(5,2)", new DecimalType(5, 2)), ("decimal(18,6)", new DecimalType(18, 6)), ("decimal(38,10)", new DecimalType(38, 10)),
        ("string", DataType.String), ("binary", DataType.Binary), ("date", DataType.Date),
        ("timestamp", DataType.Timestamp), ("timestamp_ntz", DataType.TimestampNtz),
    ];

    internal static DataType TypeNamed(string name) => LeafTypes.First(t => t.Name == name).Type;

    /// <summary>Value encodings the writer supports for a type besides dictionary and PLAIN.</summary>
    internal static Encoding[] OverridesFor(DataType type) => type switch
    {
        BooleanType => [],
        ByteType or ShortType or IntegerType or DateType or LongType or TimestampType or TimestampNtzType
            or DecimalType { IsLong: true } => [Encoding.DeltaBinaryPacked, Encoding.ByteStreamSplit],
        FloatType or DoubleType => [Encoding.ByteStreamSplit],
        StringType or BinaryType => [Encoding.DeltaLengthByteArray, Encoding.DeltaByteArray],
        DecimalType => [Encoding.DeltaByteArray, Encoding.ByteStreamSplit], // FIXED_LEN_BYTE_ARRAY
        _ => [],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, type) in LeafTypes)
        {
            data.Add(name, "dictionary");
            data.Add(name, "plain");
            foreach (var e in OverridesFor(type)) data.Add(name, e.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Column_WrittenAndRead_ComesBackExactly(string typeName, string encoding)
    {
        var type = TypeNamed(typeName);
        using var files = new TempFiles();
        RoundTripHarness.Check(Scenario.Generator(1500), s => Run(files, type, encoding, s), maxTest: 10);
    }

    private static void Run(TempFiles files, DataType type, string encoding, Scenario s)
    {
        var r = new Random(s.Seed);
        var schema = new StructType(
            new StructField("id", DataType.Long, nullable: false),
            new StructField("v", type, nullable: s.Nulls != NullMode.Required));
        var values = ValueGen.Column(type, r, s.Rows, s.NullRate, s.Shape);
        var rows = new List<object?[]>(s.Rows);
        for (var i = 0; i < s.Rows; i++) rows.Add([(long)i, values[i]]);

        Encoding? forced = encoding is "dictionary" or "plain" ? null : Enum.Parse<Encoding>(encoding);
        var options = s.WriteOptions(dictionary: encoding == "dictionary", forced is { } f ? new Dictionary<string, Encoding> { ["v"] = f } : null);
        var path = files.NewPath();
        var context = $"{type.SimpleString} {encoding} {s}";
        var result = RoundTripHarness.Write(path, schema, rows, options, r, s.Selection);

        var (columns, projection) = s.Projection switch
        {
            0 => ((IReadOnlyList<string>?)null, new[] { 0, 1 }),
            1 => (["v"], [1]),
            2 => (["v", "id"], [1, 0]),
            _ => (["V"], [1]), // case-insensitive fallback
        };
        var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = s.BatchSize, Columns = columns }, out var metadata);
        RoundTripHarness.AssertRows(rows, projection, read, schema, context);
        RoundTripHarness.AssertStatistics(schema, rows, result, metadata, path, context);
        AssertPageEncodings(path, metadata, type, encoding, forced, s, context);
    }

    /// <summary>The data pages of column 'v' use the requested encoding (dictionary: dictionary-encoded pages, then
    /// possibly PLAIN after a fallback, never back; a dictionary page comes first whenever a page holding values is
    /// dictionary-encoded); the page type follows the version.</summary>
    private static void AssertPageEncodings(string path, FileMetaData metadata, DataType type, string encoding, Encoding? forced, Scenario s, string context)
    {
        var pages = PageWalker.Pages(File.ReadAllBytes(path), metadata).Where(p => p.Column == 1).ToList();
        var dataType = s.PageVersion == 1 ? PageType.DataPage : PageType.DataPageV2;
        var dictionaryEncoding = s.PageVersion == 1 ? Encoding.PlainDictionary : Encoding.RleDictionary;
        foreach (var chunk in pages.GroupBy(p => p.RowGroup))
        {
            var fellBack = false;
            var first = true;
            var hasDictionaryPage = chunk.Any(p => p.Header.Type == PageType.DictionaryPage);
            foreach (var page in chunk)
            {
                if (page.Header.Type == PageType.DictionaryPage)
                {
                    Assert.True(first, $"{context}: dictionary page is not the first page of row group {page.RowGroup}");
                    first = false;
                    continue;
                }
                first = false;
                Assert.True(page.Header.Type == dataType, $"{context}: page type {page.Header.Type}");
                var e = page.ValueEncoding!.Value;
                // Only v2 headers say whether a page holds values (not just nulls).
                bool? pageHasValues = page.Header.DataPageHeaderV2 is { } v2 ? v2.NumNulls != v2.NumValues : null;
                if (forced is { } f) Assert.True(e == f, $"{context}: page encoding {e}");
                else if (encoding == "plain" || type is BooleanType) Assert.True(e == Encoding.Plain, $"{context}: page encoding {e}");
                else if (e == Encoding.Plain)
                {
                    if (pageHasValues == true) fellBack = true;
                }
                else
                {
                    Assert.True(e == dictionaryEncoding, $"{context}: page encoding {e}");
                    Assert.False(fellBack && pageHasValues == true, $"{context}: dictionary-encoded page after the fallback to PLAIN");
                    // Other readers refuse dictionary-encoded pages in a chunk without a dictionary page.
                    Assert.True(hasDictionaryPage, $"{context}: dictionary-encoded page without a dictionary page");
                }
            }
        }
    }
}
