using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeltaSharp.Cli.Demo;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;

namespace DeltaSharp.Benchmarks;

/// <summary>
/// The Parquet benchmark of issue 2: DeltaSharp's reader and writer against DuckDB (one thread each) on the
/// deterministic claims table. Prints a markdown table of medians and ratios (ours/DuckDB, by time) against
/// the goals: full scan ≤ 1.5×, two-column scan ≤ 1.5×, write rows/s ≥ DuckDB's.
/// </summary>
internal static class ParquetBenchmark
{
    private static readonly string[] TwoColumns = ["adjudication_status", "claim_amount"];
    private const double ScanGoal = 1.5;
    private const double WriteGoal = 1.0;

    public static int Run(BenchArgs args)
    {
        var repo = args.Repo ?? RepoRoot.Find();
        var dir = args.Directory ?? Path.Combine(Path.GetTempPath(), "deltasharp-bench", $"rows-{args.Rows}");
        Directory.CreateDirectory(dir);
        var ours = Path.Combine(dir, "deltasharp.parquet");
        var duck = Path.Combine(dir, "duckdb.parquet");
        Log($"rows={args.Rows:N0} runs={args.Runs} batch={args.BatchSize} dir={dir}");

        // 1. Generate every batch first: generation is not part of the write timing.
        var genStart = Stopwatch.GetTimestamp();
        var batches = Generate(args.Rows, args.BatchSize);
        Log($"generated {batches.Count} batches in {Stopwatch.GetElapsedTime(genStart).TotalMilliseconds:F0} ms");
        var truth = Check(batches);

        // 2. Our ZSTD write (default options), warm-up + N runs; the last run's file is the one scanned.
        var oursWrite = Measure.Repeat(args.Runs, () =>
        {
            File.Delete(ours);
            return Measure.Time(() =>
            {
                using var writer = ParquetFileWriter.Create(ours, ClaimsGenerator.Schema);
                foreach (var b in batches) writer.Write(b);
                writer.Close();
            });
        });
        Log($"ours write: median {Measure.MedianCpu(oursWrite):F0} ms");
        batches.Clear();
        Measure.Settle();

        // 3. DuckDB: loads our file (untimed), times its COPY … (FORMAT parquet, COMPRESSION zstd) and its scans.
        var duckResult = DuckDbSide.Run(repo, ours, duck, args.Runs, TwoColumns);
        Log($"duckdb {duckResult.Version}: write median {Measure.MedianCpu(duckResult.Write):F0} ms");
        if (duckResult.Rows != args.Rows) throw new InvalidOperationException($"DuckDB read {duckResult.Rows} rows from our file, expected {args.Rows}.");

        // 4. Our scans of both files.
        var files = new[] { ours, duck };
        var oursScans = new Dictionary<string, ScanTimes>();
        var oursChecks = new Dictionary<string, TableCheck>();
        foreach (var file in files)
        {
            var full = ScanTimes(file, null, args, out var check);
            oursChecks[file] = check;
            var two = ScanTimes(file, TwoColumns, args, out _);
            oursScans[file] = new ScanTimes(full, two);
            Log($"ours scan {Path.GetFileName(file)}: full {Measure.MedianCpu(full):F0} ms, two {Measure.MedianCpu(two):F0} ms (CPU)");
            var duckCheck = duckResult.Checks[file];
            if (check != truth || duckCheck != truth)
                throw new InvalidOperationException($"{file}: generated {truth}, DeltaSharp read {check}, DuckDB read {duckCheck}.");
        }

        // 5. Peak memory of a streaming scan, each in a fresh process.
        var memory = new List<JsonObject>();
        foreach (var file in files) memory.Add(StreamInChild(file));

        var report = Report(args, duckResult, oursWrite, oursScans, memory, ours, duck);
        Console.Out.Write(report);
        if (args.JsonOut is not null)
        {
            var json = new JsonObject
            {
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["rows"] = args.Rows,
                ["runs"] = args.Runs,
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["duckdb"] = duckResult.Version,
                ["cores"] = Environment.ProcessorCount,
                ["oursWrite"] = ToJson(oursWrite),
                ["duckWrite"] = ToJson(duckResult.Write),
                ["memory"] = new JsonArray([.. memory]),
            };
            var scans = new JsonObject();
            foreach (var file in files)
            {
                scans[Path.GetFileName(file)] = new JsonObject
                {
                    ["oursFull"] = ToJson(oursScans[file].Full),
                    ["oursTwo"] = ToJson(oursScans[file].Two),
                    ["duckFull"] = ToJson(duckResult.Scans[file].Full),
                    ["duckTwo"] = ToJson(duckResult.Scans[file].Two),
                };
            }
            json["scans"] = scans;
            File.WriteAllText(args.JsonOut, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }

    private static List<ColumnBatch> Generate(long rows, int batchSize)
    {
        var batches = new List<ColumnBatch>((int)((rows + batchSize - 1) / batchSize));
        for (long start = 0; start < rows; start += batchSize)
            batches.Add(ClaimsGenerator.Generate(start, (int)Math.Min(batchSize, rows - start)));
        return batches;
    }

    /// <summary>Times scans of <paramref name="file"/> that keep every batch in memory (DuckDB's counterpart
    /// materialises a temp table); the check is computed from the last run's batches, outside the timing.</summary>
    private static Sample[] ScanTimes(string file, string[]? columns, BenchArgs args, out TableCheck check)
    {
        var options = new ParquetReadOptions { Columns = columns, BatchSize = args.BatchSize };
        List<ColumnBatch> kept = [];
        var times = Measure.Repeat(args.Runs, () =>
        {
            kept = [];
            return Measure.Time(() =>
            {
                using var reader = ParquetFileReader.Open(file);
                foreach (var b in reader.ReadBatches(options)) kept.Add(b);
            });
        });
        check = columns is null ? Check(kept) : new TableCheck(0, "", 0);
        kept.Clear();
        return times;
    }

    private static TableCheck Check(List<ColumnBatch> batches)
    {
        long rows = 0, paid = 0;
        Int128 sum = 0;
        var schema = ClaimsGenerator.Schema;
        var amountIndex = schema.IndexOf("claim_amount");
        var statusIndex = schema.IndexOf("adjudication_status");
        var paidBytes = "PAID"u8;
        foreach (var b in batches)
        {
            rows += b.RowCount;
            var amount = (PrimitiveVector<long>)b.Columns[amountIndex];
            var status = (BinaryVector)b.Columns[statusIndex];
            for (var i = 0; i < b.RowCount; i++)
            {
                if (!amount.IsNull(i)) sum += amount[i];
                if (!status.IsNull(i) && status.GetBytes(i).SequenceEqual(paidBytes)) paid++;
            }
        }
        return new TableCheck(rows, sum.ToString(CultureInfo.InvariantCulture), paid);
    }

    private static JsonObject StreamInChild(string file)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        psi.ArgumentList.Add("scan-stream");
        psi.ArgumentList.Add(file);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the scan child.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scan-stream failed for {file}.");
        return JsonNode.Parse(output)!.AsObject();
    }

    private static string Report(BenchArgs args, DuckDbResult duckResult, Sample[] oursWrite,
        Dictionary<string, ScanTimes> oursScans, List<JsonObject> memory, string ours, string duck)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"### {args.Rows:N0} rows — {DateTime.UtcNow:yyyy-MM-dd}");
        sb.AppendLine();
        sb.AppendLine(inv, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; DuckDB {duckResult.Version} (threads=1). Median of {args.Runs} runs after one warm-up; batches of {args.BatchSize} rows.");
        sb.AppendLine(inv, $"Files: DeltaSharp-written {Mb(new FileInfo(ours).Length)}, DuckDB-written {Mb(new FileInfo(duck).Length)} (both ZSTD).");
        sb.AppendLine();
        sb.AppendLine("Times are medians in ms of CPU time (wall-clock in brackets); the ratio and the verdict use CPU time, since other jobs share the machine's cores.");
        sb.AppendLine();
        sb.AppendLine("| Measure | File | DeltaSharp ms | DuckDB ms | DeltaSharp Mrows/s | DuckDB Mrows/s | Ours/DuckDB CPU (wall) | Goal | Pass |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var (label, file) in new[] { ("DeltaSharp file", ours), ("DuckDB file", duck) })
        {
            Row(sb, args.Rows, "Full scan (all columns, materialised)", label, oursScans[file].Full, duckResult.Scans[file].Full, ScanGoal);
            Row(sb, args.Rows, "Scan of adjudication_status, claim_amount", label, oursScans[file].Two, duckResult.Scans[file].Two, ScanGoal);
        }
        Row(sb, args.Rows, "Write, ZSTD", "from memory", oursWrite, duckResult.Write, WriteGoal);
        sb.AppendLine();
        sb.AppendLine("Streaming scan (each batch dropped), fresh process, all columns:");
        sb.AppendLine();
        sb.AppendLine("| File | Rows | Scan ms (wall) | Peak working set | Working set at start | Max live managed heap | Largest row group (compressed / uncompressed) | File size |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|");
        foreach (var m in memory)
        {
            sb.AppendLine(inv, $"| {Path.GetFileName((string)m["file"]!)} | {(long)m["rows"]!:N0} | {(double)m["ms"]!:F0} | {Mb((long)m["peakWorkingSet"]!)} | {Mb((long)m["baselineWorkingSet"]!)} | {Mb((long)m["maxHeap"]!)} | {Mb((long)m["maxRowGroupCompressed"]!)} / {Mb((long)m["maxRowGroupUncompressed"]!)} | {Mb((long)m["fileBytes"]!)} |");
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, long rows, string measure, string file, Sample[] ours, Sample[] duck, double goal)
    {
        var o = Measure.MedianCpu(ours);
        var d = Measure.MedianCpu(duck);
        var ow = Measure.MedianWall(ours);
        var dw = Measure.MedianWall(duck);
        var ratio = o / d;
        var goalText = goal == WriteGoal ? "≤ 1.0× (rows/s ≥ DuckDB)" : $"≤ {goal:F1}×";
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {measure} | {file} | {o:F0} ({ow:F0}) | {d:F0} ({dw:F0}) | {rows / o / 1000:F2} | {rows / d / 1000:F2} | {ratio:F2}× ({ow / dw:F2}×) | {goalText} | {(ratio <= goal ? "pass" : "FAIL")} |");
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private static JsonArray ToJson(Sample[] values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["wall"] = Math.Round(v.Wall, 2), ["cpu"] = Math.Round(v.Cpu, 2) })]);

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
}
