using System.Globalization;
using DeltaSharp.Cli.Demo;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Types;

namespace DeltaSharp.Benchmarks;

/// <summary>
/// DeltaSharp only, one column at a time: writes the claims table's column alone (ZSTD, default options) and
/// scans it back from the whole-table file, keeping the batches, reporting the minimum CPU time of N runs and
/// the bytes allocated by one scan. Steadier than the DuckDB comparison for before/after work on one column.
/// </summary>
internal static class ColumnBenchmark
{
    public static int Run(BenchArgs args)
    {
        var dir = args.Directory ?? Path.Combine(Path.GetTempPath(), "deltasharp-bench", $"columns-{args.Rows}");
        Directory.CreateDirectory(dir);
        var batches = new List<ColumnBatch>();
        for (long start = 0; start < args.Rows; start += args.BatchSize)
            batches.Add(ClaimsGenerator.Generate(start, (int)Math.Min(args.BatchSize, args.Rows - start)));
        var schema = ClaimsGenerator.Schema;
        var whole = Path.Combine(dir, "all.parquet");
        var inv = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(inv, $"{args.Rows:N0} rows, min CPU ms of {args.Runs} runs (after one warm-up)"));
        Console.Out.WriteLine();
        Console.Out.WriteLine("| Column | write ms | file bytes | scan ms | allocated per scan, MB |");
        Console.Out.WriteLine("|---|---:|---:|---:|---:|");
        for (var c = -1; c < schema.Count; c++)
        {
            var name = c < 0 ? "(whole table)" : schema[c].Name;
            var target = c < 0 ? whole : Path.Combine(dir, $"{name}.parquet");
            var columnSchema = c < 0 ? schema : new StructType(schema[c]);
            var columnBatches = c < 0 ? batches : batches.ConvertAll(b => new ColumnBatch(columnSchema, [b.Columns[c]], b.RowCount));
            var write = Measure.Repeat(args.Runs, () =>
            {
                File.Delete(target);
                return Measure.Time(() =>
                {
                    using var writer = ParquetFileWriter.Create(target, columnSchema);
                    foreach (var b in columnBatches) writer.Write(b);
                    writer.Close();
                });
            });
            var options = new ParquetReadOptions { Columns = c < 0 ? null : [name], BatchSize = args.BatchSize };
            var scan = Measure.Repeat(args.Runs, () =>
            {
                var kept = new List<ColumnBatch>();
                return Measure.Time(() =>
                {
                    using var reader = ParquetFileReader.Open(whole);
                    foreach (var b in reader.ReadBatches(options)) kept.Add(b);
                });
            });
            Measure.Settle();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            using (var reader = ParquetFileReader.Open(whole))
                foreach (var b in reader.ReadBatches(options)) GC.KeepAlive(b);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.Out.WriteLine(string.Create(inv,
                $"| {name} | {MinCpu(write):F1} | {new FileInfo(target).Length:N0} | {MinCpu(scan):F1} | {allocated / 1048576.0:F1} |"));
        }
        return 0;
    }

    private static double MinCpu(Sample[] samples)
    {
        var min = double.MaxValue;
        foreach (var s in samples) min = Math.Min(min, s.Cpu);
        return min;
    }
}
