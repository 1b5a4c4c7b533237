using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeltaSharp.Engine;
using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.Values;

namespace DeltaSharp.Benchmarks;

/// <summary>
/// The SQL benchmark of issue 4: six queries on the claims Delta table (and a 10k-row members table) through
/// <see cref="Session.Sql"/>, each with 1 and 2 threads, against DuckDB reading the same Parquet data files; then
/// UPDATE and DELETE of about 1% of the rows on fresh copies of the table, with deletion vectors and with rewrites:
/// time and bytes written. Prints markdown tables; a result that differs between the engines stops the run.
/// </summary>
internal static class SqlBenchmark
{
    private const double QueryGoal = 2.0;
    private const double HeavyGoal = 3.0;

    public static int Run(SqlBenchArgs args)
    {
        var repo = args.Repo ?? FindRepo();
        var folder = args.Directory ?? Path.Combine(repo, "bench", "data", string.Create(CultureInfo.InvariantCulture, $"sql-{args.Rows}-{args.FileRows}"));
        var loadBefore = LoadAverage();
        Log($"rows={args.Rows:N0} file rows={args.FileRows:N0} runs={args.Runs} threads={string.Join(",", args.Threads)} folder={folder} load {loadBefore}");
        var data = SqlBenchData.Ensure(folder, args.Rows, args.FileRows);
        var claimFiles = SqlBenchData.DataFiles(data.Claims);
        var memberFiles = SqlBenchData.DataFiles(data.Members);
        var tableBytes = claimFiles.Sum(f => new FileInfo(f).Length);
        Log($"claims: {claimFiles.Count} data files, {Mb(tableBytes)}; members: {memberFiles.Count} file(s)");

        var queries = Queries(args.Rows).Where(q => args.Selected(q.Name)).ToList();
        for (var i = 0; i < args.Adhoc.Count; i++) queries.Add(new SqlQuery($"adhoc{i + 1}", args.Adhoc[i], 0, args.Adhoc[i]));
        var warehouse = Path.Combine(folder, "warehouse");
        var ours = new Dictionary<string, (Sample[] Times, List<string> Check)>();
        // One untimed pass over every query first, so that JIT compilation (tiered, on background threads whose CPU
        // time the process clock counts) is not charged to whichever query or thread count comes first.
        using (var warm = Session.Open(warehouse, new SessionOptions { MaxDegreeOfParallelism = args.Threads.Max() }))
            foreach (var q in queries)
                for (var i = 0; i < 2; i++) warm.Sql(q.ForOurs(data));
        foreach (var threads in args.Threads)
        {
            using var session = Session.Open(warehouse, new SessionOptions { MaxDegreeOfParallelism = threads });
            foreach (var q in queries)
            {
                var sql = q.ForOurs(data);
                QueryResult? result = null;
                var times = Measure.Repeat(args.Runs, () =>
                {
                    result = null;
                    return Measure.Time(() => result = session.Sql(sql));
                });
                ours[$"{q.Name}@{threads}"] = (times, OursCheck(q, result!));
                Log($"ours {q.Name} threads={threads}: {string.Join(" ", times.Select(t => t.Cpu.ToString("F0", CultureInfo.InvariantCulture)))} ms CPU; {result!.RowCount} row(s)");
                result = null;
            }
        }

        DuckDbSqlResult? duck = null;
        if (!args.OursOnly && queries.Count > 0)
        {
            Measure.Settle();
            duck = DuckDbSqlSide.Run(repo, claimFiles, memberFiles, args.Runs, args.Threads, queries);
            foreach (var (key, value) in duck.Results)
            {
                var mine = ours[key].Check;
                var theirs = value.Check.OrderBy(r => r, StringComparer.Ordinal).ToList();
                if (!mine.SequenceEqual(theirs))
                    throw new InvalidOperationException($"{key}: DeltaSharp returned [{string.Join("; ", mine.Take(10))}], DuckDB [{string.Join("; ", theirs.Take(10))}].");
            }
            Log("every query returned the same result on both engines");
        }

        var dml = args.Only.Count == 0 || args.Only.Contains("dml") ? RunDml(args, data, folder, tableBytes) : [];
        var loadAfter = LoadAverage();
        Console.Out.Write(Report(args, queries, ours, duck, dml, claimFiles.Count, tableBytes, loadBefore, loadAfter));
        return 0;
    }

    private static List<SqlQuery> Queries(long rows)
    {
        var pointId = string.Create(CultureInfo.InvariantCulture, $"CLM{rows * 37 / 100 + 12_345 % rows:D10}");
        return
        [
            new("count", "SELECT count(*)", QueryGoal, "SELECT count(*) AS n FROM {claims}") { CheckColumns = ["n"] },
            new("agg", "GROUP BY adjudication_status: count(*), sum(claim_amount)", HeavyGoal,
                "SELECT adjudication_status, count(*) AS n, sum(claim_amount) AS amount FROM {claims} GROUP BY adjudication_status")
                { CheckColumns = ["adjudication_status", "n", "amount"] },
            new("point", $"Point lookup claim_id = '{pointId}' (all columns)", QueryGoal,
                $"SELECT * FROM {{claims}} WHERE claim_id = '{pointId}'")
                { CheckColumns = ["claim_id", "member_id", "provider_npi", "diagnosis_code", "claim_amount", "service_date", "adjudication_status"] },
            new("range", "service_date in a 14-day range, all columns (≈1.9% of rows)", QueryGoal,
                "SELECT * FROM {claims} WHERE service_date BETWEEN DATE '2024-03-01' AND DATE '2024-03-14'") { CountAndSum = true },
            new("distinct", "SELECT count(DISTINCT member_id)", QueryGoal, "SELECT count(DISTINCT member_id) AS n FROM {claims}") { CheckColumns = ["n"] },
            new("join", "claims ⋈ members (10k rows) GROUP BY members.plan", HeavyGoal,
                "SELECT m.plan, count(*) AS n, sum(c.claim_amount) AS amount FROM {claims} c JOIN {members} m ON c.member_id = m.member_id GROUP BY m.plan")
                { CheckColumns = ["plan", "n", "amount"] },
        ];
    }

    /// <summary>Our result as the check rows (values as text, rows sorted), computed outside the timing.</summary>
    private static List<string> OursCheck(SqlQuery q, QueryResult result)
    {
        if (q.CountAndSum)
        {
            var index = result.Schema.IndexOf("claim_amount");
            Int128 sum = 0;
            var scale = 0;
            foreach (var row in result.ToRows())
                if (row[index] is DecimalValue d)
                {
                    sum += d.Unscaled;
                    scale = d.Scale;
                }
            return [$"{result.RowCount.ToString(CultureInfo.InvariantCulture)}|{new DecimalValue(sum, scale)}"];
        }
        var indexes = q.CheckColumns.Select(c => result.Schema.IndexOf(c)).ToArray();
        return [.. result.ToRows().Select(r => string.Join("|", indexes.Select(i => Text(r[i])))).OrderBy(s => s, StringComparer.Ordinal)];
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };

    /// <summary>One UPDATE or DELETE run on a fresh copy of the claims table: timing and what it wrote.</summary>
    private sealed record DmlResult(string Statement, bool DeletionVectors, long Rows, Sample[] Times, long DataBytes, long DvBytes, long LogBytes, int DataFiles, int DvFiles);

    private static List<DmlResult> RunDml(SqlBenchArgs args, SqlBenchData data, string folder, long tableBytes)
    {
        var statements = new[]
        {
            ("UPDATE", "UPDATE {t} SET adjudication_status = 'REVIEW' WHERE service_date BETWEEN DATE '2024-01-01' AND DATE '2024-01-07'"),
            ("DELETE", "DELETE FROM {t} WHERE diagnosis_code IN ('E10.0', 'I11.1')"),
        };
        var copy = Path.Combine(folder, "dml-copy");
        var results = new List<DmlResult>();
        using var session = Session.Open(Path.Combine(folder, "warehouse"), new SessionOptions { MaxDegreeOfParallelism = 1 });
        foreach (var (name, template) in statements)
            foreach (var dv in new[] { true, false })
            {
                var sql = template.Replace("{t}", $"delta.`{copy}`", StringComparison.Ordinal);
                long affected = 0;
                (long Data, long Dv, long Log, int DataFiles, int DvFiles) written = default;
                var times = Measure.Repeat(args.DmlRuns, () =>
                {
                    if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
                    CopyFolder(data.Claims, copy);
                    if (!dv) session.Sql($"ALTER TABLE delta.`{copy}` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'false')");
                    var before = Listing(copy);
                    QueryResult? r = null;
                    var sample = Measure.Time(() => r = session.Sql(sql));
                    affected = Convert.ToInt64(r!.ToRows()[0][0], CultureInfo.InvariantCulture);
                    written = NewBytes(before, Listing(copy));
                    return sample;
                });
                results.Add(new DmlResult(name, dv, affected, times, written.Data, written.Dv, written.Log, written.DataFiles, written.DvFiles));
                Log($"{name} dv={dv}: {affected:N0} rows, {Measure.MedianCpu(times):F0} ms CPU, wrote {Mb(written.Data + written.Dv + written.Log)} of a {Mb(tableBytes)} table");
            }
        if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        return results;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static Dictionary<string, long> Listing(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), f => new FileInfo(f).Length);

    private static (long Data, long Dv, long Log, int DataFiles, int DvFiles) NewBytes(Dictionary<string, long> before, Dictionary<string, long> after)
    {
        long data = 0, dv = 0, log = 0;
        int dataFiles = 0, dvFiles = 0;
        foreach (var (path, size) in after)
        {
            if (before.TryGetValue(path, out var old) && old == size) continue;
            if (path.StartsWith("_delta_log", StringComparison.Ordinal)) log += size;
            else if (path.EndsWith(".bin", StringComparison.Ordinal)) { dv += size; dvFiles++; }
            else if (path.EndsWith(".parquet", StringComparison.Ordinal)) { data += size; dataFiles++; }
        }
        return (data, dv, log, dataFiles, dvFiles);
    }

    private static string Report(SqlBenchArgs args, List<SqlQuery> queries, Dictionary<string, (Sample[] Times, List<string> Check)> ours,
        DuckDbSqlResult? duck, List<DmlResult> dml, int files, long tableBytes, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine(inv, $"#### {args.Rows:N0} rows in {files} files ({Mb(tableBytes)}) — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(inv, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; DuckDB {duck?.Version ?? "not run"}. Load average (1/5/15 min) {loadBefore} at the start, {loadAfter} at the end. Median of {args.Runs} runs after one warm-up.");
        sb.AppendLine();
        sb.AppendLine("Times are medians in ms of process CPU time (wall-clock in brackets); the ratio (ours/DuckDB) and the verdict use CPU time.");
        sb.AppendLine();
        sb.AppendLine("| Query | Threads | DeltaSharp ms | DuckDB ms | Ours/DuckDB CPU (wall) | Goal | Pass |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var q in queries)
            foreach (var threads in args.Threads)
            {
                var key = $"{q.Name}@{threads}";
                var o = ours[key].Times;
                var (oc, ow) = (Measure.MedianCpu(o), Measure.MedianWall(o));
                if (duck is null || !duck.Results.TryGetValue(key, out var d))
                {
                    sb.AppendLine(inv, $"| {q.Title} | {threads} | {oc:F0} ({ow:F0}) | – | – | ≤ {q.Goal:F0}× | – |");
                    continue;
                }
                var (dc, dw) = (Measure.MedianCpu(d.Times), Measure.MedianWall(d.Times));
                var ratio = oc / dc;
                sb.AppendLine(inv, $"| {q.Title} | {threads} | {oc:F0} ({ow:F0}) | {dc:F0} ({dw:F0}) | {ratio:F2}× ({ow / dw:F2}×) | ≤ {q.Goal:F0}× | {(ratio <= q.Goal ? "pass" : "FAIL")} |");
            }
        if (dml.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"UPDATE / DELETE through Session.Sql (1 thread) on a fresh copy of the table each run; median of {args.DmlRuns} runs after one warm-up. Bytes written = new data files + deletion-vector files + new log files, against the table's {Mb(tableBytes)} of data files.");
            sb.AppendLine();
            sb.AppendLine("| Statement | Mode | Rows changed | Time ms CPU (wall) | Data files written | DV files written | Log written | Total written | Of table |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in dml)
            {
                var total = r.DataBytes + r.DvBytes + r.LogBytes;
                sb.AppendLine(inv, $"| {r.Statement} | {(r.DeletionVectors ? "deletion vectors" : "rewrite (DVs off)")} | {r.Rows:N0} | {Measure.MedianCpu(r.Times):F0} ({Measure.MedianWall(r.Times):F0}) | {r.DataFiles} / {Mb(r.DataBytes)} | {r.DvFiles} / {Kb(r.DvBytes)} | {Kb(r.LogBytes)} | {Mb(total)} | {100.0 * total / tableBytes:F2}% |");
            }
        }
        return sb.ToString();
    }

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB");

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {DateTime.UtcNow:HH:mm:ss} {message}");

    private static string FindRepo()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "DeltaSharp.slnx"))) return d.FullName;
        throw new InvalidOperationException("Cannot find the repository root (DeltaSharp.slnx); pass --repo.");
    }
}

/// <summary>DuckDB's timings and check rows per <c>query@threads</c>.</summary>
internal sealed record DuckDbSqlResult(string Version, IReadOnlyDictionary<string, (Sample[] Times, List<string> Check)> Results);

/// <summary>Runs bench/duckdb/sql-bench.cjs in Node and parses its JSON answer.</summary>
internal static class DuckDbSqlSide
{
    public static DuckDbSqlResult Run(string repo, IReadOnlyList<string> claims, IReadOnlyList<string> members, int runs, IReadOnlyList<int> threads, IReadOnlyList<SqlQuery> queries)
    {
        var script = Path.Combine(repo, "bench", "duckdb", "sql-bench.cjs");
        var modules = Path.Combine(repo, "tests", "tools", "duckdb", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "@duckdb", "node-api")))
            throw new InvalidOperationException($"DuckDB's Node package is missing under {modules}: run scripts/setup-tools.sh.");
        var config = new JsonObject
        {
            ["claims"] = new JsonArray([.. claims.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["members"] = new JsonArray([.. members.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["runs"] = runs,
            ["threads"] = new JsonArray([.. threads.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["queries"] = new JsonArray([.. queries.Select(q => (JsonNode)new JsonObject { ["name"] = q.Name, ["sql"] = q.ForDuckDb(), ["check"] = q.DuckDbCheck() })]),
        };
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(config.ToJsonString());
        psi.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The DuckDB side failed (exit {process.ExitCode}).");
        using var doc = JsonDocument.Parse(output);
        var results = new Dictionary<string, (Sample[], List<string>)>();
        foreach (var entry in doc.RootElement.GetProperty("results").EnumerateObject())
        {
            var times = entry.Value.GetProperty("times").EnumerateArray().Select(t => new Sample(t.GetProperty("wall").GetDouble(), t.GetProperty("cpu").GetDouble())).ToArray();
            var check = entry.Value.GetProperty("check").EnumerateArray()
                .Select(r => string.Join("|", r.EnumerateArray().Select(v => v.GetString()))).ToList();
            results[entry.Name] = (times, check);
        }
        return new DuckDbSqlResult(doc.RootElement.GetProperty("version").GetString() ?? "?", results);
    }
}
