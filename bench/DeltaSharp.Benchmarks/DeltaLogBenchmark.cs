using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeltaSharp.Columnar;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Benchmarks;

/// <summary>
/// The Delta log benchmark of issue 3 on a generated table (default 10,000 commits, 100,000 active files):
/// opening the latest snapshot with checkpoints, opening it from JSON commits only against DuckDB's read_ndjson
/// computing the same active file set from the same files (1 and 2 threads), time travel to versions at different
/// distances from the newest, and a small durable append at version ~10 and at the newest version.
/// </summary>
internal static class DeltaLogBenchmark
{
    private sealed record Options(int Commits, int FilesPerCommit, int CheckpointEvery, int Runs, string? Dir, string? Repo);

    private static readonly StructType Schema = new([
        new StructField("claim_id", DataType.Long, false),
        new StructField("amount", DataType.Double, true),
        new StructField("status", DataType.String, true),
    ]);

    public static int Run(ReadOnlySpan<string> argv)
    {
        var o = Parse(argv);
        var repo = o.Repo ?? RepoRoot.Find();
        var root = o.Dir ?? Path.Combine(Path.GetTempPath(), "deltasharp-bench", $"log-{o.Commits}x{o.FilesPerCommit}");
        var withCheckpoints = Path.Combine(root, "checkpointed");
        var jsonOnly = Path.Combine(root, "json-only");
        if (!Directory.Exists(Path.Combine(withCheckpoints, "_delta_log")) || !File.Exists(Path.Combine(root, "complete")))
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            Generate(withCheckpoints, jsonOnly, o);
            File.WriteAllText(Path.Combine(root, "complete"), "");
        }
        var lastVersion = o.Commits;
        var expectedActive = Active(o.Commits, o);
        var results = new JsonObject { ["commits"] = o.Commits, ["activeFiles"] = expectedActive, ["checkpointEvery"] = o.CheckpointEvery };

        // 1. Latest snapshot with checkpoints. Extra warm-up runs first: tiered compilation (and PGO) moves the replay
        // code to its optimised tier over the first few runs, which on a loaded machine takes longer than one run.
        for (var i = 0; i < 3; i++) Check(DeltaTable.ForPath(withCheckpoints).Latest(), lastVersion, expectedActive);
        var latest = Measure.Repeat(o.Runs, () => Measure.Time(() => Check(DeltaTable.ForPath(withCheckpoints).Latest(), lastVersion, expectedActive)));
        Log($"latest (checkpoints): median cpu {Measure.MedianCpu(latest):F0} ms, wall {Measure.MedianWall(latest):F0} ms");

        // 2. JSON only, ours vs DuckDB.
        var json = Measure.Repeat(o.Runs, () => Measure.Time(() => Check(DeltaTable.ForPath(jsonOnly).Latest(), lastVersion, expectedActive)));
        Log($"latest (JSON only): median cpu {Measure.MedianCpu(json):F0} ms, wall {Measure.MedianWall(json):F0} ms");
        var duck = RunDuck(repo, Path.Combine(jsonOnly, "_delta_log"), o.Runs);
        foreach (var (threads, r) in duck.Results)
        {
            if (r.ActiveFiles != expectedActive) throw new InvalidOperationException($"DuckDB found {r.ActiveFiles} active files, expected {expectedActive}.");
            Log($"duckdb read_ndjson threads={threads}: median cpu {Measure.MedianCpu(r.Times):F0} ms, wall {Measure.MedianWall(r.Times):F0} ms");
        }

        // 3. Time travel (checkpointed table) at several distances from the newest version.
        var travel = new List<(long Version, Sample[] Times)>();
        foreach (var v in new long[] { 10, lastVersion / 4, lastVersion / 2, lastVersion - lastVersion / 10, lastVersion - 1 }.Distinct())
        {
            var times = Measure.Repeat(o.Runs, () => Measure.Time(() => Check(
                DeltaTable.ForPath(withCheckpoints, new DeltaTableOptions { EnforceTimeTravelWithinDeletedFileRetention = false }).AtVersion(v), v, Active(v, o))));
            travel.Add((v, times));
            Log($"AtVersion({v}): median cpu {Measure.MedianCpu(times):F0} ms, wall {Measure.MedianWall(times):F0} ms");
        }

        // 4. Small durable appends: a fresh table at version ~10, and the big table at its newest version.
        var small = Path.Combine(root, "append-small");
        if (Directory.Exists(small)) Directory.Delete(small, recursive: true);
        DeltaTable.Create(small, Schema);
        for (var i = 0; i < 9; i++) Append(DeltaTable.ForPath(small).Latest(), i);
        var smallTimes = Appends(small, 20);
        var bigCopy = Path.Combine(root, "append-big");
        if (Directory.Exists(bigCopy)) Directory.Delete(bigCopy, recursive: true);
        CopyTable(withCheckpoints, bigCopy);
        var bigTimes = Appends(bigCopy, 20);
        Log($"append at v10: median {Median(smallTimes.Plain):F2} ms wall; with checkpoint {Median(smallTimes.Checkpointing):F1} ms");
        Log($"append at v{lastVersion}: median {Median(bigTimes.Plain):F2} ms wall; with checkpoint {Median(bigTimes.Checkpointing):F1} ms");

        PrintMarkdown(o, duck, latest, json, travel, smallTimes, bigTimes, lastVersion);
        return 0;
    }

    /// <summary>Commit 1 adds FilesPerCommit + 1 files; every later commit adds as many and removes one.</summary>
    private static long Active(long version, Options o) => version == 0 ? 0 : version * o.FilesPerCommit + 1;

    private static void Check(Snapshot s, long version, long expectedActive)
    {
        if (s.Version != version || s.ActiveFiles.Count != expectedActive)
            throw new InvalidOperationException($"snapshot {s.Version} has {s.ActiveFiles.Count} files, expected version {version} with {expectedActive}.");
    }

    private sealed record AppendTimes(List<double> Plain, List<double> Checkpointing);

    /// <summary>Times <paramref name="count"/> appends (one 10-row file + commit, both durable); the snapshot is read
    /// before each append outside the timing, as an engine holding its latest snapshot would.</summary>
    private static AppendTimes Appends(string table, int count)
    {
        var plain = new List<double>();
        var checkpointing = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var snapshot = DeltaTable.ForPath(table).Latest();
            var start = Stopwatch.GetTimestamp();
            var result = Append(snapshot, i);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            (result.CheckpointWritten ? checkpointing : plain).Add(ms);
        }
        return new AppendTimes(plain, checkpointing);
    }

    private static CommitResult Append(Snapshot snapshot, int seed)
    {
        var batch = ColumnBatch.Create(Schema, 10);
        var ids = (PrimitiveVector<long>)batch.Columns[0];
        var amounts = (PrimitiveVector<double>)batch.Columns[1];
        var status = (BinaryVector)batch.Columns[2];
        for (var r = 0; r < 10; r++)
        {
            ids.Append(seed * 10L + r);
            amounts.Append(r * 1.5);
            status.Append("PAID"u8);
        }
        batch.RowCount = 10;
        // The transaction's writer: its data file is flushed together with the commit file (one round of fsyncs).
        var txn = snapshot.StartTransaction("WRITE");
        txn.WriteData([batch]);
        return txn.SetOperationParameter("mode", "\"Append\"").Commit();
    }

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : Measure.Median(values);

    /// <summary>Writes version 0 with DeltaTable.Create, then commits 1..N directly as JSON (commitInfo with in-commit
    /// timestamps, FilesPerCommit + 1 adds, one remove of a file the previous commit added), checkpoints every
    /// CheckpointEvery versions (and at N) with the engine's checkpoint writer; the JSON-only copy gets the commits only.</summary>
    private static void Generate(string table, string jsonOnly, Options o)
    {
        var start = Stopwatch.GetTimestamp();
        DeltaTable.Create(table, Schema, options: new DeltaTableOptions { Time = new FixedTime(DateTimeOffset.UtcNow.AddHours(-12)) });
        var log = Path.Combine(table, "_delta_log");
        var baseTime = DateTimeOffset.UtcNow.AddHours(-11).ToUnixTimeMilliseconds();
        string? removable = null;
        for (var v = 1; v <= o.Commits; v++)
        {
            var ts = baseTime + v * 1000L;
            var actions = new List<DeltaAction>(o.FilesPerCommit + 3)
            {
                new CommitInfo
                {
                    Timestamp = ts, InCommitTimestamp = ts, Operation = "WRITE", ReadVersion = v - 1, IsolationLevel = "Serializable",
                    IsBlindAppend = removable is null, EngineInfo = "DeltaSharp-bench",
                    OperationParameters = new Dictionary<string, string> { ["mode"] = "Append", ["partitionBy"] = "[]" },
                    TxnId = Guid.NewGuid().ToString(),
                },
            };
            string? next = null;
            for (var f = 0; f <= o.FilesPerCommit; f++)
            {
                var path = $"part-{f:D5}-{Guid.NewGuid()}-c000.zstd.parquet";
                var id = (long)v * 100_000 + f * 1000;
                var stats = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"numRecords\":1000,\"minValues\":{{\"claim_id\":{id},\"amount\":0.5,\"status\":\"APPROVED\"}},\"maxValues\":{{\"claim_id\":{id + 999},\"amount\":9999.5,\"status\":\"PENDING\"}},\"nullCount\":{{\"claim_id\":0,\"amount\":3,\"status\":0}}}}");
                actions.Add(new AddFile(path, new Dictionary<string, string?>(), 40_000 + f, ts, true, stats));
                next ??= path;
            }
            if (removable is not null) actions.Add(new RemoveFile(removable, ts, true, true, new Dictionary<string, string?>(), 40_000));
            removable = next;
            File.WriteAllBytes(Path.Combine(log, $"{v:D20}.json"), ActionJsonWriter.SerializeCommit(actions));
            if (v % o.CheckpointEvery == 0 || v == o.Commits)
                PostCommitHooks.WriteCheckpoint(table, new DeltaTableOptions { EnforceTimeTravelWithinDeletedFileRetention = false }, v);
        }
        Directory.CreateDirectory(Path.Combine(jsonOnly, "_delta_log"));
        foreach (var f in Directory.EnumerateFiles(log, "*.json"))
            File.Copy(f, Path.Combine(jsonOnly, "_delta_log", Path.GetFileName(f)));
        Log($"generated {o.Commits} commits in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
    }

    private static void CopyTable(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            File.Copy(f, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(f));
        }
    }

    private sealed record DuckLog(string Version, IReadOnlyList<(string Threads, DuckThreads Result)> Results);

    private sealed record DuckThreads(Sample[] Times, long ActiveFiles);

    private static DuckLog RunDuck(string repo, string logDir, int runs)
    {
        var config = new JsonObject { ["log"] = logDir, ["runs"] = runs, ["threads"] = new JsonArray(1, 2) };
        var output = DuckDbNode.Run(repo, "delta-log-bench.cjs", config);
        using var doc = JsonDocument.Parse(output);
        var list = new List<(string, DuckThreads)>();
        foreach (var t in doc.RootElement.GetProperty("results").EnumerateObject())
        {
            var times = DuckDbNode.Samples(t.Value.GetProperty("times"));
            list.Add((t.Name, new DuckThreads(times, t.Value.GetProperty("activeFiles").GetInt64())));
        }
        return new DuckLog(doc.RootElement.GetProperty("version").GetString() ?? "?", list);
    }

    private static void PrintMarkdown(Options o, DuckLog duck, Sample[] latest, Sample[] json, List<(long Version, Sample[] Times)> travel,
        AppendTimes small, AppendTimes big, long last)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Delta log: {o.Commits:N0} commits, {(long)o.Commits * o.FilesPerCommit:N0} active files, checkpoint every {o.CheckpointEvery}; DuckDB {duck.Version}; median of {o.Runs} runs after a warm-up (ms).");
        sb.AppendLine();
        sb.AppendLine("| measure | wall | cpu | vs | ratio (wall) |");
        sb.AppendLine("|---|---:|---:|---|---:|");
        sb.AppendLine(inv, $"| latest snapshot, with checkpoints | {Measure.MedianWall(latest):F0} | {Measure.MedianCpu(latest):F0} | goal 200 ms | {Measure.MedianWall(latest) / 200:F2} |");
        foreach (var (threads, r) in duck.Results)
            sb.AppendLine(inv, $"| latest snapshot, JSON only (ours, 1 thread) | {Measure.MedianWall(json):F0} | {Measure.MedianCpu(json):F0} | DuckDB read_ndjson, {threads} thread(s): {Measure.MedianWall(r.Times):F0} wall / {Measure.MedianCpu(r.Times):F0} cpu | {Measure.MedianWall(json) / Measure.MedianWall(r.Times):F2} |");
        foreach (var (v, t) in travel)
            sb.AppendLine(inv, $"| AtVersion({v}) ({last - v} behind newest) | {Measure.MedianWall(t):F0} | {Measure.MedianCpu(t):F0} | latest | {Measure.MedianWall(t) / Measure.MedianWall(latest):F2} |");
        sb.AppendLine(inv, $"| small durable append at v≈10 (median of {small.Plain.Count}) | {Median(small.Plain):F2} | | goal 5 ms | {Median(small.Plain) / 5:F2} |");
        sb.AppendLine(inv, $"| small durable append at v≈{last} (median of {big.Plain.Count}) | {Median(big.Plain):F2} | | at v≈10 | {Median(big.Plain) / Median(small.Plain):F2} |");
        sb.AppendLine(inv, $"| append that also writes the checkpoint, v≈10 / v≈{last} (each, in order; the first runs cold code) | {string.Join(", ", small.Checkpointing.Select(t => t.ToString("F1", inv)))} / {string.Join(", ", big.Checkpointing.Select(t => t.ToString("F1", inv)))} | | | |");
        Console.WriteLine(sb.ToString());
    }

    private static Options Parse(ReadOnlySpan<string> args)
    {
        var o = new Options(10_000, 10, 100, 5, null, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            o = args[i] switch
            {
                "--commits" => o with { Commits = int.Parse(v, CultureInfo.InvariantCulture) },
                "--files-per-commit" => o with { FilesPerCommit = int.Parse(v, CultureInfo.InvariantCulture) },
                "--checkpoint-every" => o with { CheckpointEvery = int.Parse(v, CultureInfo.InvariantCulture) },
                "--runs" => o with { Runs = int.Parse(v, CultureInfo.InvariantCulture) },
                "--dir" => o with { Dir = v },
                "--repo" => o with { Repo = v },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return o;
    }

    private static void Log(string message) => Console.Error.WriteLine(message);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
