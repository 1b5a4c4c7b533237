using System.Globalization;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>A temporary table folder for log tests: hand-written commits, copies of conformance tables, mtimes.
/// Deleted on dispose.</summary>
internal sealed class TempLog : IDisposable
{
    public TempLog() => Root = Directory.CreateTempSubdirectory("ds-log-").FullName;

    public string Root { get; }

    public string LogDir => Path.Combine(Root, "_delta_log");

    /// <summary>A copy of a conformance table (<paramref name="logOnly"/>: just its _delta_log, enough for log tests).</summary>
    public static TempLog CopyOf(string conformanceTable, bool logOnly = true)
    {
        var log = new TempLog();
        var source = Path.Combine(RepoPaths.ConformanceTablesDir, conformanceTable);
        if (logOnly) source = Path.Combine(source, "_delta_log");
        var targetRoot = logOnly ? log.LogDir : log.Root;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (!logOnly && relative.StartsWith("expected", StringComparison.Ordinal)) continue;
            var target = Path.Combine(targetRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal); // the corpus is read-only
        }
        return log;
    }

    public DeltaTable Table(DeltaTableOptions? options = null) =>
        DeltaTable.ForPath(Root, options ?? new DeltaTableOptions { EnforceTimeTravelWithinDeletedFileRetention = false });

    public string CommitPath(long version) => Path.Combine(LogDir, version.ToString("D20", CultureInfo.InvariantCulture) + ".json");

    /// <summary>Writes commit <paramref name="version"/> with one action per line; sets its mtime when given.</summary>
    public void Commit(long version, IEnumerable<string> actions, long? mtimeMillis = null)
    {
        Directory.CreateDirectory(LogDir);
        File.WriteAllText(CommitPath(version), string.Join("\n", actions) + "\n");
        if (mtimeMillis is { } t) SetCommitTime(version, t);
    }

    public void Commit(long version, params string[] actions) => Commit(version, (IEnumerable<string>)actions);

    public void SetCommitTime(long version, long millis) =>
        File.SetLastWriteTimeUtc(CommitPath(version), DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime);

    public void Write(string relativeToLog, string content)
    {
        Directory.CreateDirectory(LogDir);
        var path = Path.Combine(LogDir, relativeToLog);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Delete(string relativeToLog) => File.Delete(Path.Combine(LogDir, relativeToLog));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // ---- action JSON ----

    public const string SchemaString = """{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},{\"name\":\"p\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}""";

    public static string Protocol(int reader = 1, int writer = 2, string? readerFeatures = null) =>
        "{\"protocol\":{\"minReaderVersion\":" + reader + ",\"minWriterVersion\":" + writer +
        (readerFeatures is null ? "" : ",\"readerFeatures\":[" + readerFeatures + "],\"writerFeatures\":[" + readerFeatures + "]") + "}}";

    public static string Metadata(string configuration = "", string partitionColumns = "", string id = "table-id") =>
        "{\"metaData\":{\"id\":\"" + id + "\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\"" + SchemaString +
        "\",\"partitionColumns\":[" + partitionColumns + "],\"configuration\":{" + configuration + "},\"createdTime\":1}}";

    public static string Add(string path, string? dv = null, string partitionValues = "") =>
        "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{" + partitionValues + "},\"size\":10,\"modificationTime\":1,\"dataChange\":true" +
        (dv is null ? "" : ",\"deletionVector\":" + dv) + "}}";

    public static string Remove(string path, string? dv = null) =>
        "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":5,\"dataChange\":true" + (dv is null ? "" : ",\"deletionVector\":" + dv) + "}}";

    public static string Dv(string id, int offset = 1, long cardinality = 1) =>
        "{\"storageType\":\"u\",\"pathOrInlineDv\":\"" + id + "\",\"offset\":" + offset + ",\"sizeInBytes\":34,\"cardinality\":" + cardinality + "}";

    public static string Txn(string appId, long version) => "{\"txn\":{\"appId\":\"" + appId + "\",\"version\":" + version + "}}";

    public static string Domain(string domain, string configuration, bool removed = false) =>
        "{\"domainMetadata\":{\"domain\":\"" + domain + "\",\"configuration\":\"" + configuration + "\",\"removed\":" + (removed ? "true" : "false") + "}}";

    public static string CommitInfo(string operation = "WRITE", long? inCommitTimestamp = null) =>
        "{\"commitInfo\":{" + (inCommitTimestamp is { } ict ? "\"inCommitTimestamp\":" + ict + "," : "") +
        "\"timestamp\":1,\"operation\":\"" + operation + "\",\"operationParameters\":{\"mode\":\"Append\"}}}";
}
