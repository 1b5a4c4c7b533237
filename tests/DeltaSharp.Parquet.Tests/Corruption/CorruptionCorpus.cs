using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Tests.RoundTrip;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>A valid file to corrupt, with the regions worth aiming at (from parsing the intact file).</summary>
internal sealed class SourceFile
{
    public SourceFile(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
        Layout = FileLayout.Of(bytes);
    }

    public string Name { get; }
    public byte[] Bytes { get; }
    public FileLayout Layout { get; }
}

/// <summary>Where the footer and the page headers and bodies of an intact file are. Empty lists when the file
/// cannot be parsed (then mutations fall back to uniform positions).</summary>
internal sealed class FileLayout
{
    public int FooterStart { get; private init; } = -1;
    public int FooterLength { get; private init; }
    public FileMetaData? Metadata { get; private init; }
    public IReadOnlyList<PageInfo> Pages { get; private init; } = [];

    public static FileLayout Of(byte[] bytes)
    {
        try
        {
            if (bytes.Length < 12) return new FileLayout();
            var length = BitConverter.ToInt32(bytes, bytes.Length - 8);
            var start = bytes.Length - 8 - length;
            if (length <= 0 || start < 4) return new FileLayout();
            var metadata = ParquetFooter.ParseFileMetaData(bytes.AsSpan(start, length));
            List<PageInfo> pages;
            try
            {
                pages = PageWalker.Pages(bytes, metadata);
            }
            catch (Exception e) when (e is ParquetFormatException or ArgumentException or NullReferenceException or IndexOutOfRangeException)
            {
                pages = []; // a corrupted file (stacked mutations): aim uniformly instead
            }
            return new FileLayout { FooterStart = start, FooterLength = length, Metadata = metadata, Pages = pages };
        }
        catch (ParquetFormatException)
        {
            return new FileLayout();
        }
    }
}

/// <summary>
/// The files the corruption tests start from: every *.parquet of the shared conformance corpus (real files from
/// Spark, Databricks, delta-rs, …) and files written by <see cref="ParquetFileWriter"/> with every codec, data
/// page v1 and v2, dictionary/PLAIN/delta/byte-stream-split encodings and nested columns.
/// </summary>
internal static class CorruptionCorpus
{
    private static readonly Lazy<IReadOnlyList<SourceFile>> CorpusFiles = new(LoadCorpus);
    private static readonly Lazy<IReadOnlyList<SourceFile>> WrittenFiles = new(WriteOwnFiles);

    /// <summary>The conformance tables directory: <c>../shared/conformance/tables</c> from the folder holding
    /// DeltaSharp.slnx, looked up through its ancestors too (git worktrees live one level deeper).</summary>
    public static string? TablesDirectory { get; } = FindTables();

    public static IReadOnlyList<SourceFile> Corpus => CorpusFiles.Value;

    public static IReadOnlyList<SourceFile> Written => WrittenFiles.Value;

    private static string? FindTables()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeltaSharp.slnx"))) dir = dir.Parent;
        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "conformance", "tables");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static List<SourceFile> LoadCorpus()
    {
        if (TablesDirectory is null) return [];
        var paths = Directory.GetFiles(TablesDirectory, "*.parquet", SearchOption.AllDirectories);
        Array.Sort(paths, StringComparer.Ordinal);
        return [.. paths.Select(p => new SourceFile(Path.GetRelativePath(TablesDirectory, p), File.ReadAllBytes(p)))];
    }

    private static readonly StructType WrittenSchema = new(
        new StructField("id", DataType.Integer, nullable: false),
        new StructField("s", DataType.String),
        new StructField("d", DataType.Double),
        new StructField("dec", new DecimalType(38, 10)),
        new StructField("small", new DecimalType(5, 2)),
        new StructField("ts", DataType.Timestamp),
        new StructField("b", DataType.Boolean),
        new StructField("bin", DataType.Binary),
        new StructField("n", new StructType(
            new StructField("a", new ArrayType(DataType.Integer)),
            new StructField("m", new MapType(DataType.String, DataType.Long)))),
        new StructField("arr", new ArrayType(new StructType(
            new StructField("x", DataType.Long), new StructField("y", DataType.String)))));

    private static List<SourceFile> WriteOwnFiles()
    {
        var result = new List<SourceFile>();
        using var files = new TempFiles();
        var variant = 0;
        foreach (var codec in RoundTripHarness.Codecs)
        {
            foreach (var version in new[] { 1, 2 })
            {
                var r = new Random(1000 + variant);
                var rows = new List<object?[]>();
                for (var i = 0; i < 150; i++)
                {
                    var row = new object?[WrittenSchema.Count];
                    row[0] = i;
                    for (var c = 1; c < row.Length; c++)
                    {
                        var field = WrittenSchema[c];
                        row[c] = field.Type is StructType or ArrayType
                            ? ValueGen.Nested(field.Type, true, r, 0.2, 0.2)
                            : r.Next(5) == 0 ? null : r.Next(3) == 0 ? ValueGen.Edge(field.Type, r) : ValueGen.Sequential(field.Type, i % 40, r);
                    }
                    rows.Add(row);
                }
                // Alternate dictionary, PLAIN and the other encodings so every decoder sees corrupt input.
                var encodings = (variant % 3) switch
                {
                    1 => new Dictionary<string, Encoding>
                    {
                        ["id"] = Encoding.DeltaBinaryPacked, ["s"] = Encoding.DeltaLengthByteArray, ["d"] = Encoding.ByteStreamSplit,
                        ["dec"] = Encoding.DeltaByteArray, ["ts"] = Encoding.DeltaBinaryPacked, ["bin"] = Encoding.DeltaByteArray,
                        ["n.a.list.element"] = Encoding.DeltaBinaryPacked, ["arr.list.element.y"] = Encoding.DeltaByteArray,
                    },
                    2 => new Dictionary<string, Encoding>
                    {
                        ["id"] = Encoding.ByteStreamSplit, ["dec"] = Encoding.ByteStreamSplit, ["small"] = Encoding.DeltaBinaryPacked,
                        ["arr.list.element.x"] = Encoding.ByteStreamSplit,
                    },
                    _ => null,
                };
                var options = new ParquetWriteOptions
                {
                    Compression = codec,
                    DataPageVersion = version,
                    PageSizeBytes = 200,
                    MaxRowGroupRows = 60,
                    EnableDictionary = variant % 3 != 2,
                    ColumnEncodings = encodings,
                };
                var path = files.NewPath($"{codec}-v{version}-");
                RoundTripHarness.Write(path, WrittenSchema, rows, options, r, useSelection: false);
                result.Add(new SourceFile($"written/{codec}-v{version}-{(variant % 3 == 0 ? "dict" : variant % 3 == 1 ? "delta" : "plain-bss")}", File.ReadAllBytes(path)));
                variant++;
            }
        }
        return result;
    }
}
