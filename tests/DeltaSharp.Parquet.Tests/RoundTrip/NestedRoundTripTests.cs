using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>A generated configuration for a nested column; values come from <see cref="Random"/>(Seed).</summary>
public sealed record NestedScenario(
    int Seed, int Rows, double NullRate, double EmptyRate, CompressionCodec Codec, int PageVersion, int PageSize,
    int RowGroupRows, int EncodingMode, int DictionaryLimit, int BatchSize, int Projection, bool Selection)
{
    public static Gen<NestedScenario> Generator =>
        from seed in Gen.Choose(0, int.MaxValue)
        from rows in Gen.Frequency((1, Gen.Choose(0, 3)), (6, Gen.Choose(4, 600)))
        from nullRate in Gen.Elements(0.0, 0.3, 0.3, 1.0)
        from emptyRate in Gen.Elements(0.0, 0.25, 1.0)
        from codec in Gen.Elements(RoundTripHarness.Codecs)
        from version in Gen.Elements(1, 2)
        from pageSize in Gen.Elements(16, 300, 4096, 1 << 20)
        from rowGroupRows in Gen.Elements(11, 200, 1 << 20)
        from encodingMode in Gen.Choose(0, 2)
        from dictionaryLimit in Gen.Elements(8, 300, 1 << 20)
        from batchSize in Gen.Elements(1, 6, 100, 8192)
        from projection in Gen.Choose(0, 2)
        from selection in Gen.Elements(false, false, true)
        select new NestedScenario(seed, rows, nullRate, emptyRate, codec, version, pageSize, rowGroupRows, encodingMode, dictionaryLimit, batchSize, projection, selection);
}

/// <summary>
/// Property tests for nested columns: structs, lists, maps and their combinations, with null structs, null and
/// empty lists/maps, null elements, required fields inside optional ones, under generated codecs, page versions,
/// page/row-group sizes, encodings, batch sizes, projections and selection vectors. Values, the writer's result
/// statistics and every chunk's footer statistics are checked against the model.
/// </summary>
public class NestedRoundTripTests
{
    private static readonly StructType PointStruct = new(
        new StructField("x", DataType.Long), new StructField("y", DataType.String), new StructField("z", DataType.Double));

    internal static readonly (string Name, DataType Type, bool Nullable)[] NestedTypes =
    [
        ("struct<a:int,b:string>", new StructType(new StructField("a", DataType.Integer), new StructField("b", DataType.String)), true),
        ("array<int>", new ArrayType(DataType.Integer), true),
        ("array<struct<x,y,z>>", new ArrayType(PointStruct), true),
        ("map<string,long>", new MapType(DataType.String, DataType.Long), true),
        ("array<array<string>>", new ArrayType(new ArrayType(DataType.String)), true),
        ("struct<arrays,maps,struct>", new StructType(
            new StructField("ids", new ArrayType(DataType.Integer)),
            new StructField("tags", new MapType(DataType.String, DataType.Long)),
            new StructField("inner", new StructType(
                new StructField("d", new DecimalType(38, 10)), new StructField("t", DataType.Timestamp))),
            new StructField("flag", DataType.Boolean, nullable: false)), true),
        ("required struct<a:int not null,b:binary>", new StructType(
            new StructField("a", DataType.Integer, nullable: false), new StructField("b", DataType.Binary)), false),
        ("array<int not null> not null", new ArrayType(DataType.Integer, containsNull: false), false),
        ("map<int,array<struct<k,v>>>", new MapType(DataType.Integer, new ArrayType(new StructType(
            new StructField("k", DataType.String), new StructField("v", DataType.Boolean, nullable: false))), valueContainsNull: false), true),
        ("array<map<string,date>>", new ArrayType(new MapType(DataType.String, DataType.Date)), true),
        ("struct<s:struct<f:float,l:array<short>>>", new StructType(new StructField("s", new StructType(
            new StructField("f", DataType.Float), new StructField("l", new ArrayType(DataType.Short))))), true),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var t in NestedTypes) data.Add(t.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NestedColumn_WrittenAndRead_ComesBackExactly(string typeName)
    {
        var (_, type, nullable) = NestedTypes.First(t => t.Name == typeName);
        using var files = new TempFiles();
        RoundTripHarness.Check(NestedScenario.Generator, s => Run(files, type, nullable, s), maxTest: 10);
    }

    internal static void Run(TempFiles files, DataType type, bool nullable, NestedScenario s)
    {
        var r = new Random(s.Seed);
        var schema = new StructType(
            new StructField("id", DataType.Integer, nullable: false),
            new StructField("n", type, nullable),
            new StructField("tail", DataType.String));
        var rows = new List<object?[]>(s.Rows);
        for (var i = 0; i < s.Rows; i++)
            rows.Add([i, ValueGen.Nested(type, nullable, r, s.NullRate, s.EmptyRate), r.Next(4) == 0 ? null : ValueGen.Any(DataType.String, r)]);

        Dictionary<string, Encoding>? encodings = null;
        if (s.EncodingMode == 2)
        {
            // A non-default encoding per leaf, addressed by dotted leaf path.
            encodings = [];
            foreach (var leaf in Leaf.Of(schema))
            {
                var choices = PrimitiveRoundTripTests.OverridesFor(leaf.Type);
                if (choices.Length > 0) encodings[leaf.DottedPath] = choices[r.Next(choices.Length)];
            }
        }
        var options = new ParquetWriteOptions
        {
            Compression = s.Codec,
            DataPageVersion = s.PageVersion,
            PageSizeBytes = s.PageSize,
            MaxRowGroupRows = s.RowGroupRows,
            DictionaryPageSizeLimit = s.DictionaryLimit,
            EnableDictionary = s.EncodingMode == 0,
            ColumnEncodings = encodings,
        };
        var path = files.NewPath();
        var context = $"{type.SimpleString} {s}";
        var result = RoundTripHarness.Write(path, schema, rows, options, r, s.Selection);

        var (columns, projection) = s.Projection switch
        {
            0 => ((IReadOnlyList<string>?)null, new[] { 0, 1, 2 }),
            1 => (["n"], [1]),
            _ => (["tail", "n"], [2, 1]),
        };
        var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = s.BatchSize, Columns = columns }, out var metadata);
        RoundTripHarness.AssertRows(rows, projection, read, schema, context);
        RoundTripHarness.AssertStatistics(schema, rows, result, metadata, path, context);
        if (encodings is not null)
        {
            foreach (var page in PageWalker.Pages(File.ReadAllBytes(path), metadata))
            {
                var leaf = Leaf.Of(schema)[page.Column];
                var want = encodings.TryGetValue(leaf.DottedPath, out var e) ? e : Encoding.Plain;
                Assert.True(page.ValueEncoding == want, $"{context}: leaf {leaf.DottedPath} page encoding {page.ValueEncoding}, expected {want}");
            }
        }
    }
}
