using System.Globalization;
using System.Text.Json;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Parquet.Tests.Conformance;

/// <summary>
/// Collection fixture: DuckDB's rows (file order) and description of every corpus Parquet file, produced by one
/// DuckDB process per test run. A file DuckDB cannot read records DuckDB's message for that file only.
/// </summary>
public sealed class CorpusDuckDbRows : IDisposable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public CorpusDuckDbRows()
    {
        Dir = Path.Combine(Path.GetTempPath(), "deltasharp-conformance-duckdb-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
        if (!ConformanceCorpus.Exists) return;
        var steps = new List<object>();
        var files = ConformanceCorpus.ParquetFiles();
        for (var i = 0; i < files.Count; i++)
        {
            _index[files[i]] = i;
            var full = ConformanceCorpus.FullPath(files[i]);
            steps.Add(new { cmd = "rows", file = full, @out = Out(i, "rows.jsonl"), onError = "record" });
            steps.Add(new { cmd = "describe", file = full, @out = Out(i, "describe.json"), onError = "record" });
        }
        var script = Path.Combine(Dir, "script.json");
        File.WriteAllText(script, JsonSerializer.Serialize(steps));
        DuckDb.RunScript(script);
    }

    public string Dir { get; }

    private string Out(int i, string kind) => Path.Combine(Dir, i.ToString(CultureInfo.InvariantCulture) + "." + kind);

    /// <summary>DuckDB's rows of a corpus file (relative path), mapped to the Spark conventions our reader follows
    /// (<see cref="DuckDbTypeMapping"/>), and the schema our reader must report.</summary>
    internal (List<string> Rows, Types.StructType Schema) Expected(string relativePath)
    {
        var i = _index[relativePath];
        foreach (var kind in new[] { "rows.jsonl", "describe.json" })
            if (File.Exists(Out(i, kind) + ".error"))
                Assert.Fail($"DuckDB could not read {relativePath}, so there is nothing to compare with:\n{File.ReadAllText(Out(i, kind) + ".error")}");
        using var describe = JsonDocument.Parse(File.ReadAllText(Out(i, "describe.json")));
        return (DuckDbTypeMapping.ExpectedRows(RowJson.ReadJsonl(Out(i, "rows.jsonl")), describe.RootElement),
                DuckDbTypeMapping.ExpectedSchema(describe.RootElement));
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("DELTASHARP_KEEP_TEMP") == "1") return;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class CorpusDuckDbCollection : ICollectionFixture<CorpusDuckDbRows>
{
    public const string Name = "conformance corpus read by DuckDB";
}
