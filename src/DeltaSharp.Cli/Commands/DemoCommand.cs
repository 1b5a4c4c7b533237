using System.Diagnostics;
using System.Globalization;
using DeltaSharp.Cli.Demo;
using DeltaSharp.Engine;
using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Cli.Commands;

/// <summary>
/// <c>deltasharp demo</c>: the story of spec/demo-notebook-time-travel-and-clones.md told in SQL on an embedded
/// warehouse folder (catalog + managed Delta tables): create the production claims table, insert, update, insert,
/// audit the history, time travel by version and by timestamp, undo an accidental DELETE with RESTORE, DROP and
/// UNDROP (and UNDROP refused once the 7-day retention has passed). Then the same engine at scale: a generated claims
/// table (<c>--rows</c>, default 100,000) aggregated, deleted from with deletion vectors, and time travelled.
/// Each run starts from a fresh warehouse folder.
/// </summary>
public static class DemoCommand
{
    private const string Marker = ".deltasharp-demo";
    private const string CatalogName = ClaimsNotebook.CatalogName;
    private const string SchemaName = ClaimsNotebook.SchemaName;

    public static int Run(Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(o);
        var warehouse = Path.GetFullPath(args.Option("warehouse") ?? "demo-warehouse");
        var rows = args.IntOption("rows") ?? 100_000;
        if (rows < 1) throw new UsageException("--rows must be at least 1");
        PrepareFolder(warehouse);

        using var session = Session.Open(warehouse, new SessionOptions { UserName = "data.engineer@healthfirst.example" });
        var demo = new Script(session, o);
        o.WriteLine($"DeltaSharp demo — warehouse {warehouse}");
        Notebook(demo, session, warehouse);
        AtScale(demo, warehouse, rows);
        o.WriteLine();
        o.WriteLine($"Done. The warehouse stays in {warehouse}: open it with Session.Open(\"{warehouse}\") or read the tables with `deltasharp delta history|cat`.");
        return 0;
    }

    /// <summary>A fresh folder: one left by an earlier demo run (marked) is deleted; any other non-empty folder is refused.</summary>
    private static void PrepareFolder(string warehouse)
    {
        if (Directory.Exists(warehouse))
        {
            var entries = Directory.EnumerateFileSystemEntries(warehouse).Select(Path.GetFileName).ToList();
            var ours = entries.Contains(Marker) || entries.All(e => e == "claims"); // "claims": the earlier demo's only table
            if (entries.Count > 0 && !ours)
                throw new UsageException($"{warehouse} exists and was not made by the demo; pass --warehouse with a new or demo folder");
            Directory.Delete(warehouse, recursive: true);
        }
        Directory.CreateDirectory(warehouse);
        File.WriteAllText(Path.Combine(warehouse, Marker), "made by `deltasharp demo`; deleted and re-created on each run\n");
    }

    private static void Notebook(Script demo, Session session, string warehouse)
    {
        demo.Title("Step 1: create the production claims table");
        session.Catalog.CreateCatalog(CatalogName, "admin");
        demo.Sql($"CREATE SCHEMA {CatalogName}.{SchemaName}");
        demo.Sql($"USE CATALOG {CatalogName}");
        demo.Sql($"USE SCHEMA {SchemaName}");
        demo.Sql(ClaimsNotebook.CreateTable);
        demo.Sql(ClaimsNotebook.InsertFirstClaims);
        demo.Sql("SELECT * FROM member_claims_prod ORDER BY claim_id");

        demo.Title("Step 2: create version history (UPDATE = version 2, INSERT = version 3)");
        demo.Sql(ClaimsNotebook.ApprovePending);
        demo.Sql(ClaimsNotebook.InsertMoreClaims);

        demo.Title("Step 3: time travel");
        demo.History("member_claims_prod");
        demo.Sql("SELECT * FROM member_claims_prod VERSION AS OF 1 ORDER BY claim_id");
        var v1 = session.Sql("DESCRIBE HISTORY member_claims_prod").ToRows().Single(r => (long)r[0]! == 1)[1];
        var v1Text = string.Create(CultureInfo.InvariantCulture, $"{(DateTime)v1!:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
        demo.Sql($"SELECT claim_id, adjudication_status FROM member_claims_prod TIMESTAMP AS OF '{v1Text}' ORDER BY claim_id");
        demo.Sql("SELECT claim_id, adjudication_status FROM member_claims_prod@v2 ORDER BY claim_id");
        demo.Sql("SELECT count(*) AS claims_now, (SELECT count(*) FROM member_claims_prod VERSION AS OF 1) AS claims_at_v1 FROM member_claims_prod");
        demo.Sql("SELECT * FROM member_claims_prod VERSION AS OF 42");

        demo.Title("Scenario 4: a developer accidentally runs DELETE on production — RESTORE undoes it");
        demo.Sql("DELETE FROM member_claims_prod");
        demo.Sql("SELECT count(*) FROM member_claims_prod");
        demo.Sql("RESTORE TABLE member_claims_prod TO VERSION AS OF 3");
        demo.Sql("SELECT claim_id, adjudication_status, claim_amount FROM member_claims_prod ORDER BY claim_id");
        demo.History("member_claims_prod", limit: 2);
        demo.Sql("SET spark.databricks.delta.lastCommitVersionInSession");

        demo.Title("Steps 6-7: DROP the production table, then UNDROP it (Unity Catalog keeps dropped tables 7 days)");
        demo.Sql("DROP TABLE member_claims_prod");
        demo.Sql("SELECT COUNT(*) AS count FROM member_claims_prod");
        demo.Sql("UNDROP TABLE member_claims_prod");
        demo.Sql("SELECT COUNT(*) AS count FROM member_claims_prod");
        demo.Sql("CREATE TABLE member_claims_scratch AS SELECT * FROM member_claims_prod");
        demo.Sql("DROP TABLE member_claims_scratch");

        demo.Note("… a session 8 days later (its clock moved forward): the 7-day retention has passed …");
        var later = new DemoClock();
        later.FastForward(TimeSpan.FromDays(8));
        using (var next = Session.Open(warehouse, new SessionOptions { UserName = "data.engineer@healthfirst.example", Time = later }))
        {
            var script = new Script(next, demo.Out);
            script.Sql($"USE {CatalogName}.{SchemaName}");
            script.Sql("UNDROP TABLE member_claims_scratch");
            script.Sql("SHOW TABLES");
        }
    }

    /// <summary>The engine on a larger table: generated claims appended in four commits, then SQL over the path table.</summary>
    private static void AtScale(Script demo, string warehouse, int rows)
    {
        demo.Title(string.Create(CultureInfo.InvariantCulture, $"At scale: {rows:N0} generated claims in a path table"));
        var root = Path.Combine(warehouse, "claims_at_scale");
        var sw = Stopwatch.StartNew();
        var table = DeltaTable.Create(root, ClaimsGenerator.Schema);
        const int Commits = 4;
        var per = Math.Max(1, rows / Commits);
        for (var c = 0; c < Commits && c * per < rows; c++)
        {
            var snapshot = table.Latest();
            var start = c * per;
            var count = c == Commits - 1 ? rows - start : Math.Min(per, rows - start);
            using var writer = new DataFileWriter(snapshot);
            for (var s = start; s < start + count; s += 8192) writer.Write(ClaimsGenerator.Generate(s, Math.Min(8192, start + count - s)));
            var files = writer.Complete();
            snapshot.StartTransaction("WRITE")
                .Add(files)
                .SetOperationParameter("mode", "Append")
                .SetOperationParameter("partitionBy", "[]")
                .SetOperationMetric("numFiles", files.Count)
                .SetOperationMetric("numOutputRows", count)
                .SetOperationMetric("numOutputBytes", files.Sum(f => f.Size))
                .Commit();
        }
        demo.Note(string.Create(CultureInfo.InvariantCulture, $"wrote {rows:N0} claims in {Commits} commits ({Directory.EnumerateFiles(root, "*.parquet").Sum(f => new FileInfo(f).Length):N0} bytes of zstd Parquet) in {sw.ElapsedMilliseconds} ms"));
        var t = $"delta.`{root}`";
        demo.Sql($"SELECT adjudication_status, count(*) AS claims, sum(claim_amount) AS amount FROM {t} GROUP BY adjudication_status ORDER BY adjudication_status");
        demo.Sql($"DELETE FROM {t} WHERE adjudication_status = 'DENIED'");
        demo.Sql($"SELECT count(*) AS claims_now, (SELECT count(*) FROM {t} VERSION AS OF 4) AS claims_before_delete FROM {t}");
        demo.History(t, limit: 2);
    }

    /// <summary>Runs statements and prints each one with its result as a text table (errors printed, not thrown).</summary>
    private sealed class Script(Session session, TextWriter o)
    {
        public TextWriter Out => o;

        public void Title(string text)
        {
            o.WriteLine();
            o.WriteLine("== " + text);
        }

        public void Note(string text) => o.WriteLine("   " + text);

        public void Sql(string sql)
        {
            o.WriteLine();
            o.WriteLine("sql> " + sql.Replace("\n", "\n     ", StringComparison.Ordinal));
            var sw = Stopwatch.StartNew();
            try
            {
                var result = session.Sql(sql);
                var ms = sw.ElapsedMilliseconds;
                if (result.Schema.Count > 0) BatchPrinter.Print(result.Batches, result.Schema, 50, "table", o);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({ms} ms)"));
            }
            catch (Exception e) when (e is SqlAnalysisException or DeltaException or Catalog.CatalogException)
            {
                o.WriteLine("error: " + e.Message);
            }
        }

        /// <summary>DESCRIBE HISTORY, showing the columns that tell the story (the full row is wide), maps as
        /// {key: value, …}.</summary>
        public void History(string table, int? limit = null)
        {
            var sql = $"DESCRIBE HISTORY {table}" + (limit is { } n ? $" LIMIT {n}" : "");
            o.WriteLine();
            o.WriteLine("sql> " + sql);
            var result = session.Sql(sql);
            string[] keep = ["version", "timestamp", "operation", "readVersion", "isBlindAppend", "operationParameters", "operationMetrics"];
            var indexes = keep.Select(result.Schema.IndexOf).ToArray();
            var rows = result.ToRows().Select(r => indexes.Select(i => Text(r[i])).ToArray()).ToList();
            var widths = keep.Select((k, c) => Math.Min(c >= 5 ? 100 : 30, rows.Select(r => r[c].Length).Append(k.Length).Max())).ToArray();
            var sep = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
            string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select((v, c) => v.Length > widths[c] ? v[..(widths[c] - 1)] + "…" : v.PadRight(widths[c]))) + " |";
            o.WriteLine(sep);
            o.WriteLine(Line(keep));
            o.WriteLine(sep);
            foreach (var r in rows) o.WriteLine(Line(r));
            o.WriteLine(sep);
            o.WriteLine("(DESCRIBE HISTORY also has userId, userName, job, notebook, clusterId, isolationLevel, userMetadata, engineInfo)");
        }

        private static string Text(object? value) => value switch
        {
            null => "NULL",
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IEnumerable<KeyValuePair<object?, object?>> map => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {kv.Value ?? "null"}")) + "}",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
