using System.Globalization;
using DeltaSharp.Tables;
using DeltaSharp.Types;

namespace DeltaSharp.Cli.Commands;

/// <summary>
/// <c>deltasharp delta history|snapshot|files|cat TABLE</c>: look at a Delta table (any writer's) at its latest
/// version or time-travelled with <c>--version N</c> / <c>--timestamp 2025-03-31T23:59:59Z</c>.
/// </summary>
public static class DeltaCommands
{
    public static int History(string table, Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        var entries = DeltaTable.ForPath(table).History(args.IntOption("limit"));
        o.WriteLine($"{"version",7}  {"timestamp",-24}  {"userName",-12}  {"operation",-22}  parameters / metrics");
        foreach (var e in entries)
        {
            var c = e.CommitInfo;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Version,7}  {e.Timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}  {Trim(c.UserName ?? "", 12),-12}  {Trim(c.Operation ?? "", 22),-22}  {Pairs(c.OperationParameters)}"));
            if (c.OperationMetrics is { Count: > 0 } m) o.WriteLine($"{"",54}metrics: {Pairs(m)}");
        }
        return 0;
    }

    public static int Snapshot(string table, Args args, TextWriter o)
    {
        var s = Open(table, args);
        var p = s.Protocol;
        o.WriteLine($"table:      {s.TableRoot}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"version:    {s.Version} (committed {DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMillis).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'})"));
        o.WriteLine($"protocol:   reader {p.MinReaderVersion} [{string.Join(", ", p.ReaderFeatures ?? [])}], writer {p.MinWriterVersion} [{string.Join(", ", p.WriterFeatures ?? [])}]");
        o.WriteLine($"id:         {s.Metadata.Id}");
        o.WriteLine($"partitions: [{string.Join(", ", s.PartitionColumns)}]");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files:      {s.ActiveFiles.Count:N0} ({s.ActiveFiles.Sum(f => f.Size):N0} bytes, {s.ActiveFiles.Count(f => f.DeletionVector is not null):N0} with deletion vectors)"));
        o.WriteLine("schema:");
        foreach (var f in s.Schema.Fields) o.WriteLine($"  {f.Name}: {f.Type.SimpleString}{(f.Nullable ? "" : " NOT NULL")}");
        o.WriteLine("properties:");
        foreach (var (k, v) in s.Metadata.Configuration.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o.WriteLine($"  {k} = {v}");
        return 0;
    }

    public static int Files(string table, Args args, TextWriter o)
    {
        var s = Open(table, args);
        foreach (var f in s.ActiveFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var dv = f.DeletionVector is { } d ? string.Create(CultureInfo.InvariantCulture, $"  dv {d.StorageType} -{d.Cardinality} rows") : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Path}  {f.Size:N0} bytes{dv}"));
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.ActiveFiles.Count:N0} files at version {s.Version}"));
        return 0;
    }

    public static int Cat(string table, Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = Open(table, args);
        var builder = s.Scan();
        if (args.Option("columns") is { } cols) builder.Select(cols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var scan = builder.Build();
        var format = args.Option("format") ?? "table";
        if (format is not ("table" or "jsonl")) throw new UsageException($"--format must be table or jsonl, got '{format}'");
        BatchPrinter.Print(scan.ReadBatches(), scan.Schema, args.IntOption("limit") ?? int.MaxValue, format, o);
        return 0;
    }

    /// <summary>The snapshot the options ask for: --version N, --timestamp T, or the latest.</summary>
    internal static Snapshot Open(string table, Args args)
    {
        var t = DeltaTable.ForPath(table);
        if (args.Option("version") is { } v)
        {
            if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new UsageException($"--version needs a non-negative integer, got '{v}'");
            return t.AtVersion(version);
        }
        if (args.Option("timestamp") is { } ts)
        {
            if (!DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                throw new UsageException($"--timestamp needs an ISO-8601 timestamp such as 2025-03-31T23:59:59Z, got '{ts}'");
            return t.AtTimestamp(when);
        }
        return t.Latest();
    }

    private static string Pairs(IReadOnlyDictionary<string, string>? map) =>
        map is null ? "" : string.Join(", ", map.Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
