using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>A temporary directory for the files of one test, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("deltasharp-props-");
    private int _next;

    public string NewPath(string name = "f") => Path.Combine(_dir.FullName, $"{name}{Interlocked.Increment(ref _next)}.parquet");

    public void Dispose()
    {
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}

/// <summary>Writes model rows with <see cref="ParquetFileWriter"/>, reads them back with <see cref="ParquetFileReader"/>
/// and checks values and statistics against the model.</summary>
internal static class RoundTripHarness
{
    public static readonly CompressionCodec[] Codecs = SupportedCodecs();

    private static CompressionCodec[] SupportedCodecs()
    {
        CompressionCodec[] all =
        [
            CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd,
            CompressionCodec.Lz4Raw, CompressionCodec.Brotli, CompressionCodec.Lz4,
        ];
        return [.. all.Where(DeltaSharp.Parquet.Compression.ParquetCompression.IsSupported)];
    }

    /// <summary>Property-test iterations per case; DELTASHARP_ROUNDTRIP_TESTS overrides the default.</summary>
    public static int MaxTest(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("DELTASHARP_ROUNDTRIP_TESTS"), out var n) && n > 0 ? n : defaultCount;

    public static void Check<T>(Gen<T> gen, Action<T> test, int maxTest) =>
        Prop.ForAll(Arb.From(gen), test).Check(Config.QuickThrowOnFailure.WithMaxTest(MaxTest(maxTest)));

    /// <summary>Writes <paramref name="rows"/> in batches of random sizes; with <paramref name="useSelection"/> each
    /// batch also holds rows that are not selected (and so must not be written).</summary>
    public static ParquetWriteResult Write(string path, StructType schema, List<object?[]> rows, ParquetWriteOptions options, Random r, bool useSelection)
    {
        using var writer = ParquetFileWriter.Create(path, schema, options);
        var i = 0;
        while (i < rows.Count)
        {
            var left = rows.Count - i;
            var n = r.Next(3) == 0 ? left : Math.Min(left, r.Next(1, left / 2 + 2));
            var slice = rows.GetRange(i, n);
            writer.Write(useSelection ? WithSelection(schema, slice, rows, r) : RowModel.ToBatch(schema, slice));
            i += n;
        }
        return writer.Close();
    }

    private static ColumnBatch WithSelection(StructType schema, List<object?[]> slice, List<object?[]> all, Random r)
    {
        var physical = new List<object?[]>(slice.Count * 2);
        var selected = new List<int>(slice.Count);
        foreach (var row in slice)
        {
            while (r.Next(3) == 0) physical.Add(all[r.Next(all.Count)]); // a row that is not part of the batch
            selected.Add(physical.Count);
            physical.Add(row);
        }
        if (r.Next(2) == 0) physical.Add(all[r.Next(all.Count)]);
        var batch = RowModel.ToBatch(schema, physical);
        var selection = new SelectionVector(selected.Count) { Count = selected.Count };
        selected.CopyTo(selection.Indices);
        batch.Selection = selection;
        return batch;
    }

    /// <summary>Reads every batch and returns the rows in model form (checking batch shape on the way).</summary>
    public static List<object?[]> Read(string path, ParquetReadOptions options, out FileMetaData metadata)
    {
        using var reader = ParquetFileReader.Open(path);
        metadata = reader.Metadata;
        var rows = new List<object?[]>();
        foreach (var batch in reader.ReadBatches(options))
        {
            Assert.InRange(batch.RowCount, 1, options.BatchSize);
            Assert.Null(batch.Selection);
            foreach (var c in batch.Columns) Assert.Equal(batch.RowCount, c.Length);
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[batch.Columns.Length];
                for (var c = 0; c < row.Length; c++) row[c] = RowModel.Get(batch.Columns[c], r);
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the <paramref name="projection"/> columns of <paramref name="expected"/>.</summary>
    public static void AssertRows(List<object?[]> expected, int[] projection, List<object?[]> actual, StructType schema, string context)
    {
        if (expected.Count != actual.Count)
            Assert.Fail($"{context}: read {actual.Count} rows, wrote {expected.Count}");
        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < projection.Length; c++)
            {
                var want = expected[r][projection[c]];
                var got = actual[r][c];
                if (!RowModel.Same(want, got))
                    Assert.Fail($"{context}: row {r}, column '{schema[projection[c]].Name}' ({schema[projection[c]].Type.SimpleString}): expected {RowModel.Show(want)}, read {RowModel.Show(got)}");
            }
        }
    }

    /// <summary>Checks the writer's result statistics and every chunk's footer statistics against the model.</summary>
    public static void AssertStatistics(StructType schema, List<object?[]> rows, ParquetWriteResult result, FileMetaData metadata, string path, string context)
    {
        var leaves = Leaf.Of(schema);
        Assert.Equal(rows.Count, result.RowCount);
        Assert.Equal(new FileInfo(path).Length, result.FileSize);
        Assert.Equal(rows.Count, metadata.NumRows);
        Assert.Equal(leaves.Count, result.Columns.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            var stats = result.Columns[i];
            var expected = ExpectedStats.Compute(leaf.Type, EntriesOf(leaf, schema, rows, 0, rows.Count));
            var where = $"{context}: result statistics of '{leaf.DottedPath}'";
            Assert.True(leaf.Path.SequenceEqual(stats.Path), $"{where}: path {string.Join('.', stats.Path)}");
            Assert.True(expected.NullCount == stats.NullCount, $"{where}: null count {stats.NullCount}, expected {expected.NullCount}");
            Assert.True(expected.ValueCount == stats.ValueCount, $"{where}: value count {stats.ValueCount}, expected {expected.ValueCount}");
            var min = ExpectedStats.Boxed(leaf.Type, expected.Min);
            var max = ExpectedStats.Boxed(leaf.Type, expected.Max);
            Assert.True(ExpectedStats.SameBoxed(min, stats.Min), $"{where}: min {RowModel.Show(stats.Min)}, expected {RowModel.Show(min)}");
            Assert.True(ExpectedStats.SameBoxed(max, stats.Max), $"{where}: max {RowModel.Show(stats.Max)}, expected {RowModel.Show(max)}");
        }

        var start = 0;
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var rg = metadata.RowGroups[g];
            Assert.InRange(rg.NumRows, 1, rows.Count - start);
            for (var i = 0; i < leaves.Count; i++)
            {
                var leaf = leaves[i];
                var meta = rg.Columns[i].MetaData!;
                var entries = EntriesOf(leaf, schema, rows, start, (int)rg.NumRows);
                var expected = ExpectedStats.Compute(leaf.Type, entries);
                var where = $"{context}: row group {g} chunk '{leaf.DottedPath}'";
                Assert.True(entries.Count == meta.NumValues, $"{where}: num_values {meta.NumValues}, expected {entries.Count}");
                var st = meta.Statistics;
                Assert.NotNull(st);
                Assert.True(expected.NullCount == st.NullCount, $"{where}: null_count {st.NullCount}, expected {expected.NullCount}");
                if (expected.Min is null)
                {
                    Assert.True(st.MinValue is null && st.MaxValue is null, $"{where}: min/max written for a chunk without non-NaN values");
                }
                else
                {
                    var wantMin = ExpectedStats.Plain(leaf.Type, expected.Min, isMin: true);
                    var wantMax = ExpectedStats.Plain(leaf.Type, expected.Max!, isMin: false);
                    Assert.True(st.MinValue is not null && st.MinValue.AsSpan().SequenceEqual(wantMin),
                        $"{where}: min_value {Hex(st.MinValue)}, expected {Hex(wantMin)} ({RowModel.Show(expected.Min)})");
                    Assert.True(st.MaxValue is not null && st.MaxValue.AsSpan().SequenceEqual(wantMax),
                        $"{where}: max_value {Hex(st.MaxValue)}, expected {Hex(wantMax)} ({RowModel.Show(expected.Max)})");
                }
            }
            start += (int)rg.NumRows;
        }
        Assert.Equal(rows.Count, start);
    }

    private static string Hex(byte[]? b) => b is null ? "null" : "0x" + Convert.ToHexString(b);

    public static List<object?> EntriesOf(Leaf leaf, StructType schema, List<object?[]> rows, int start, int count)
    {
        var entries = new List<object?>();
        var type = schema[leaf.Field].Type;
        for (var r = start; r < start + count; r++) leaf.Entries(rows[r][leaf.Field], type, entries);
        return entries;
    }
}
