using System.Runtime.ExceptionServices;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Interop.Tests.WeWrite;

/// <summary>What happened to one write case: the input rows (the expected side), our writer's result or the
/// exception it threw, and what DuckDB read back.</summary>
internal sealed class WeWriteOutcome
{
    public required WeWriteCase Case { get; init; }
    public required string Path { get; init; }

    /// <summary>The input batches as JSON rows (JsonValueWriter) — what DuckDB must read back.</summary>
    public required List<string> InputRows { get; init; }

    public ExceptionDispatchInfo? WriteError { get; init; }
    public ParquetWriteResult? Result { get; init; }

    /// <summary>Rethrows the writer's exception, so a case fails with the real cause.</summary>
    public void ThrowIfWriteFailed() => WriteError?.Throw();
}

/// <summary>
/// Class fixture: writes every <see cref="WeWriteMatrix"/> case with <see cref="ParquetFileWriter"/> into a temp
/// folder (a case whose write throws records the exception), then lets one DuckDB process read every written file:
/// rows, describe, column aggregates (count/min/max) and the footer's null counts. A file DuckDB cannot read
/// records DuckDB's error for that case only.
/// </summary>
public sealed class WeWriteFiles : IDisposable
{
    private readonly Dictionary<string, WeWriteOutcome> _outcomes = new(StringComparer.Ordinal);

    public WeWriteFiles()
    {
        Dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deltasharp-interop-wewrite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
        var steps = new List<object>();
        foreach (var c in WeWriteMatrix.Cases)
        {
            var outcome = Write(c);
            _outcomes[c.Name] = outcome;
            if (outcome.WriteError is not null) continue;
            steps.Add(new { cmd = "rows", file = outcome.Path, @out = Out(c.Name, "rows.jsonl"), onError = "record" });
            steps.Add(new { cmd = "describe", file = outcome.Path, @out = Out(c.Name, "describe.json"), onError = "record" });
            steps.Add(new { cmd = "query", sql = AggregatesSql(outcome.Path), @out = Out(c.Name, "aggregates.jsonl"), onError = "record" });
            steps.Add(new
            {
                cmd = "query",
                sql = "SELECT path_in_schema AS path, sum(stats_null_count) AS nulls, count(stats_null_count) AS chunks_with_stats, " +
                      $"count(*) AS chunks FROM parquet_metadata({DuckDb.SqlString(outcome.Path)}) GROUP BY ALL ORDER BY ALL",
                @out = Out(c.Name, "footer.jsonl"),
                onError = "record",
            });
        }
        if (steps.Count > 0)
        {
            var script = System.IO.Path.Combine(Dir, "script.json");
            File.WriteAllText(script, JsonSerializer.Serialize(steps));
            DuckDb.RunScript(script);
        }
    }

    public string Dir { get; }

    internal WeWriteOutcome Outcome(string name) => _outcomes[name];

    /// <summary>DuckDB's output <paramref name="kind"/> (rows.jsonl, describe.json, aggregates.jsonl, footer.jsonl)
    /// for a case; fails the test with DuckDB's message when DuckDB could not read the file.</summary>
    internal string DuckDbOutput(string name, string kind)
    {
        var path = Out(name, kind);
        if (File.Exists(path + ".error"))
            Assert.Fail($"DuckDB could not read the file we wrote ({WeWriteMatrix.Describe(_outcomes[name].Case)}):\n{File.ReadAllText(path + ".error")}");
        return File.ReadAllText(path);
    }

    private string Out(string name, string kind) => System.IO.Path.Combine(Dir, name + "." + kind);

    private WeWriteOutcome Write(WeWriteCase c)
    {
        var generator = new TestBatchGenerator(c.Seed, c.NullDensity);
        var batches = new List<ColumnBatch>();
        for (var i = 0; i < c.Batches.Length; i++)
        {
            var batch = generator.Next(WeWriteMatrix.Schema, c.Batches[i]);
            if (c.SelectEveryOther && i == c.Batches.Length - 1)
            {
                var selection = new SelectionVector(batch.RowCount);
                for (var r = 0; r < batch.RowCount; r += 2) selection.Indices[selection.Count++] = r;
                batch.Selection = selection;
            }
            batches.Add(batch);
        }
        var input = RowJson.FromBatches(batches);
        var path = System.IO.Path.Combine(Dir, c.Name + ".parquet");
        try
        {
            ParquetWriteResult result;
            using (var writer = ParquetFileWriter.Create(path, WeWriteMatrix.Schema, c.Options))
            {
                foreach (var b in batches) writer.Write(b);
                result = writer.Close();
            }
            return new WeWriteOutcome { Case = c, Path = path, InputRows = input, Result = result };
        }
#pragma warning disable CA1031 // any writer failure belongs to its own test case, rethrown there
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new WeWriteOutcome { Case = c, Path = path, InputRows = input, WriteError = ExceptionDispatchInfo.Capture(e) };
        }
    }

    /// <summary>count(*), and per top-level primitive column: null count, min and max (NaN left out of float
    /// min/max, as Parquet statistics leave it out).</summary>
    internal static string AggregatesSql(string file)
    {
        var parts = new List<string> { "count(*) AS \"rows\"" };
        foreach (var f in WeWriteMatrix.Schema.Fields)
        {
            if (!f.Type.IsPrimitive) continue;
            var q = "\"" + f.Name + "\"";
            var filter = f.Type is FloatType or DoubleType ? $" FILTER (WHERE NOT isnan({q}))" : "";
            parts.Add($"count(*) - count({q}) AS \"nulls:{f.Name}\"");
            parts.Add($"min({q}){filter} AS \"min:{f.Name}\"");
            parts.Add($"max({q}){filter} AS \"max:{f.Name}\"");
        }
        return $"SELECT {string.Join(", ", parts)} FROM read_parquet({DuckDb.SqlString(file)})";
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("DELTASHARP_KEEP_TEMP") == "1") return;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
