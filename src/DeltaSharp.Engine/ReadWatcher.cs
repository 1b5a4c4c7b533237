using DeltaSharp.Sql.Catalog;

namespace DeltaSharp.Engine;

/// <summary>Passes lookups to the session's provider and notes whether one of them resolved to the table at
/// <paramref name="location"/> (a statement that reads the table it writes).</summary>
internal sealed class ReadWatcher(DeltaTableProvider inner, string location) : ITableProvider
{
    public bool ReadTarget { get; private set; }

    public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version)
    {
        var source = inner.FindTable(name, version);
        if (source is DeltaTableSource d && string.Equals(Path.GetFullPath(d.Snapshot.TableRoot), Path.GetFullPath(location), StringComparison.Ordinal))
            ReadTarget = true;
        return source;
    }

    public ITableSink? FindSink(TableIdentifier name) => inner.FindSink(name);
}
