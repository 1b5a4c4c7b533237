using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Interop.Tests.DuckDbWritten;

/// <summary>
/// Collection fixture: DuckDB writes every file of <see cref="DuckDbWrittenMatrix"/> into a temp folder and prints,
/// for each, its rows in file order, its description (types + Parquet schema) and the projection cases — all in
/// one DuckDB process, once per test run. Deletes the folder when the tests are done.
/// </summary>
public sealed class DuckDbWrittenFiles : IDisposable
{
    private readonly Dictionary<string, JsonDocument> _describe = new(StringComparer.Ordinal);

    public DuckDbWrittenFiles()
    {
        Dir = Path.Combine(Path.GetTempPath(), "deltasharp-interop-duckdb-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
        var steps = new List<object>
        {
            new { cmd = "exec", sql = DuckDbWrittenMatrix.SetupSql.Concat(DuckDbWrittenMatrix.Files.Select(f => f.CopySql(Dir))).ToArray() },
        };
        foreach (var f in DuckDbWrittenMatrix.Files)
        {
            steps.Add(new { cmd = "rows", file = PathOf(f.Name), @out = RowsPath(f.Name) });
            steps.Add(new { cmd = "describe", file = PathOf(f.Name), @out = DescribePath(f.Name) });
        }
        for (var i = 0; i < DuckDbWrittenMatrix.Projections.Count; i++)
        {
            var (file, columns) = DuckDbWrittenMatrix.Projections[i];
            steps.Add(new { cmd = "rows", file = PathOf(file), columns, @out = ProjectionPath(i) });
        }
        // What the files really contain (codec and encodings per column chunk), for the coverage test.
        steps.Add(new
        {
            cmd = "query",
            sql = "SELECT parse_filename(file_name, true) AS file, path_in_schema AS path, compression, encodings, " +
                  "count(*) AS chunks FROM parquet_metadata(" + DuckDb.SqlString(Path.Combine(Dir, "*.parquet")) + ") GROUP BY ALL ORDER BY ALL",
            @out = Path.Combine(Dir, "coverage.jsonl"),
        });
        var script = Path.Combine(Dir, "script.json");
        File.WriteAllText(script, JsonSerializer.Serialize(steps));
        var sw = Stopwatch.StartNew();
        DuckDb.RunScript(script);
        GenerationTime = sw.Elapsed;
    }

    /// <summary>The temp folder with the files, their <c>.jsonl</c> rows and <c>.describe.json</c>.</summary>
    public string Dir { get; }

    public TimeSpan GenerationTime { get; }

    public string PathOf(string name) => Path.Combine(Dir, name + ".parquet");

    private string RowsPath(string name) => Path.Combine(Dir, name + ".jsonl");

    private string DescribePath(string name) => Path.Combine(Dir, name + ".describe.json");

    private string ProjectionPath(int index) => Path.Combine(Dir, "projection" + index.ToString(CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>DuckDB's rows of the file, in file order, exactly as duck.mjs printed them.</summary>
    public IReadOnlyList<string> DuckDbRows(string name) => RowJson.ReadJsonl(RowsPath(name));

    /// <summary>DuckDB's rows of projection case <paramref name="index"/>.</summary>
    public IReadOnlyList<string> DuckDbProjectionRows(int index) => RowJson.ReadJsonl(ProjectionPath(index));

    /// <summary>One row per (file, column path, codec, encodings): what DuckDB's parquet_metadata() reports.</summary>
    public IReadOnlyList<string> Coverage() => RowJson.ReadJsonl(Path.Combine(Dir, "coverage.jsonl"));

    /// <summary>duck.mjs describe output of the file.</summary>
    public JsonElement Describe(string name)
    {
        lock (_describe)
        {
            if (!_describe.TryGetValue(name, out var doc))
                _describe[name] = doc = JsonDocument.Parse(File.ReadAllText(DescribePath(name)));
            return doc.RootElement;
        }
    }

    public void Dispose()
    {
        foreach (var d in _describe.Values) d.Dispose();
        // DELTASHARP_KEEP_TEMP=1 keeps the files for debugging a failure.
        if (Environment.GetEnvironmentVariable("DELTASHARP_KEEP_TEMP") == "1") return;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One DuckDB-written matrix per test run, shared by every class that reads it.</summary>
[CollectionDefinition(Name)]
public sealed class DuckDbWrittenCollection : ICollectionFixture<DuckDbWrittenFiles>
{
    public const string Name = "files DuckDB wrote";
}
