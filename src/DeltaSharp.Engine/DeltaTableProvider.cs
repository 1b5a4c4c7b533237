using DeltaSharp.Catalog;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Tables;
using CatalogTableName = DeltaSharp.Catalog.TableName;

namespace DeltaSharp.Engine;

/// <summary>
/// The SQL engine's view of tables: catalog names (1 part: current catalog and schema; 2 parts: current catalog;
/// 3 parts: as written) map to the catalog entry's location; <c>delta.`/path`</c> reads a path table and
/// <c>parquet.`/file`</c> a Parquet file. Time travel opens the snapshot with <see cref="DeltaTable.AtVersion"/> /
/// <see cref="DeltaTable.AtTimestamp"/>; their errors (DELTA_VERSION_NOT_FOUND, …) pass through unchanged.
/// </summary>
internal sealed class DeltaTableProvider(ICatalog catalog, Func<(string Catalog, string Schema)> current, DeltaTableOptions tableOptions,
    Action<Tables.Operations.OperationResult> onCommit) : ITableProvider
{
    public ICatalog Catalog { get; } = catalog;

    /// <summary>The options every command opens tables with: the session's, plus the SQL engine's evaluator of CHECK
    /// constraints and column invariants, so that every write (INSERT, UPDATE, MERGE, CTAS, …) enforces them.</summary>
    public DeltaTableOptions TableOptions { get; } = tableOptions.CheckConstraints is null
        ? tableOptions with { CheckConstraints = new Constraints.SqlCheckConstraintCompiler(() => new Compute.EvaluationContext()) }
        : tableOptions;

    /// <summary>The fully qualified catalog name of a 1-, 2- or 3-part name.</summary>
    public CatalogTableName Qualify(TableIdentifier name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var (cat, schema) = current();
        var p = name.Parts;
        return p.Count switch
        {
            1 => new CatalogTableName(cat, schema, p[0]),
            2 => new CatalogTableName(cat, p[0], p[1]),
            3 => new CatalogTableName(p[0], p[1], p[2]),
            _ => throw new SqlAnalysisException("REQUIRES_SINGLE_PART_NAMESPACE",
                $"{name} has {p.Count} name parts; a table is named table, schema.table or catalog.schema.table."),
        };
    }

    /// <summary>The table folder of a Delta table reference, or null when a catalog name has no live table.</summary>
    public ResolvedTable? Resolve(TableIdentifier name)
    {
        if (name.IsPath)
        {
            if (name.Format != "delta")
                throw new SqlAnalysisException("UNSUPPORTED_DATASOURCE_FOR_DML",
                    $"{name} is a {name.Format} file, not a Delta table: only delta.`/path` tables can be written or described.");
            return new ResolvedTable(name.Path!, name.ToString(), null);
        }
        var qualified = Qualify(name);
        var entry = Catalog.FindTable(qualified);
        return entry is null ? null : new ResolvedTable(entry.Location, qualified.ToString(), entry);
    }

    public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        if (name.IsPath && name.Format == "parquet")
        {
            if (!version.IsLatest)
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TIME_TRAVEL",
                    $"Time travel ({version}) needs a Delta table; {name} is a Parquet file without versions.");
            return File.Exists(name.Path) ? new ParquetFileSource(name.Path!) : null;
        }
        var resolved = Resolve(name);
        if (resolved is null) return null;
        var table = DeltaTable.ForPath(resolved.Location, TableOptions);
        var snapshot = version.Kind switch
        {
            TableVersionKind.Version => table.AtVersion(version.Version),
            TableVersionKind.Timestamp => table.AtTimestamp(version.Timestamp),
            _ => table.Latest(),
        };
        return new DeltaTableSource(snapshot, resolved.DisplayName);
    }

    public ITableSink? FindSink(TableIdentifier name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.IsPath && name.Format != "delta") return null;
        var resolved = Resolve(name);
        return resolved is null ? null : new DeltaTableSink(resolved, TableOptions, onCommit);
    }
}

/// <summary>A Delta table reference resolved to its folder: the name to show, and the catalog entry (null for a path
/// table).</summary>
internal sealed record ResolvedTable(string Location, string DisplayName, TableEntry? Entry);
