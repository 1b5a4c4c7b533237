using System.Text.Json;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>A temporary table folder with a controllable clock, deleted on dispose.</summary>
internal sealed class WriteTestTable : IDisposable
{
    public WriteTestTable(IFileStore? store = null, DateTimeOffset? now = null)
    {
        Root = Directory.CreateTempSubdirectory("ds-txn-").FullName;
        Clock = new FixedTime(now ?? DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));
        Options = DeltaTableOptions.Default with { Time = Clock, UserName = "tester", FileStore = store ?? LocalFileStore.Instance };
    }

    public string Root { get; }

    public FixedTime Clock { get; }

    public DeltaTableOptions Options { get; set; }

    public string LogDir => Path.Combine(Root, "_delta_log");

    public static StructType Schema { get; } = new(new StructField("id", DataType.Long), new StructField("part", DataType.String));

    public DeltaTable Create(IReadOnlyList<string>? partitions = null, IReadOnlyDictionary<string, string>? properties = null, StructType? schema = null) =>
        DeltaTable.Create(Root, schema ?? Schema, partitions, properties, Options);

    public DeltaTable Table => DeltaTable.ForPath(Root, Options);

    public Snapshot Latest() => Table.Latest();

    /// <summary>Commits one blind append of the given ids (partition "p").</summary>
    public CommitResult Append(params long[] ids) => Append("p", ids);

    public CommitResult Append(string part, params long[] ids)
    {
        var txn = Latest().StartTransaction("WRITE");
        txn.WriteData([TestBatches.Build(Schema, ids.Select(i => new object?[] { i, part }).ToArray())]);
        return txn.Commit();
    }

    public string CommitPath(long version) => Path.Combine(LogDir, $"{version:D20}.json");

    /// <summary>The actions of a commit file as parsed JSON objects ({"add":{...}} per line).</summary>
    public List<JsonElement> CommitLines(long version) =>
        File.ReadAllLines(CommitPath(version)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>An <see cref="IFileStore"/> over the local file system whose operations can be made to fail or lose races.</summary>
internal sealed class FaultyStore : IFileStore
{
    private readonly LocalFileStore _inner = LocalFileStore.Instance;

    /// <summary>Throws IOException for writes (PutIfAbsent/Overwrite/Create) to paths this predicate accepts.</summary>
    public Func<string, bool> FailWrites { get; set; } = _ => false;

    /// <summary>PutIfAbsent answers false (lost race) without writing for paths this predicate accepts.</summary>
    public Func<string, bool> LoseRaces { get; set; } = _ => false;

    public FileEntry? TryGetEntry(string path) => _inner.TryGetEntry(path);
    public IReadOnlyList<FileEntry> List(string directory) => _inner.List(directory);
    public byte[] ReadAll(string path) => _inner.ReadAll(path);
    public Stream OpenRead(string path) => _inner.OpenRead(path);
    public string LocalPath(string path) => _inner.LocalPath(path);
    public string Combine(string directory, string relative) => _inner.Combine(directory, relative);
    public bool Delete(string path) => _inner.Delete(path);

    public bool PutIfAbsent(string path, ReadOnlySpan<byte> content)
    {
        if (FailWrites(path)) throw new IOException($"injected failure writing {path}");
        if (LoseRaces(path)) return false;
        return _inner.PutIfAbsent(path, content);
    }

    public void Overwrite(string path, ReadOnlySpan<byte> content)
    {
        if (FailWrites(path)) throw new IOException($"injected failure writing {path}");
        _inner.Overwrite(path, content);
    }

    public Stream Create(string path)
    {
        if (FailWrites(path)) throw new IOException($"injected failure writing {path}");
        return _inner.Create(path);
    }
}
