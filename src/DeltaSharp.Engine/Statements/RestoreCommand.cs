using DeltaSharp.Compute;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// RESTORE [TABLE] t [TO] VERSION AS OF n | TIMESTAMP AS OF expr: the time-travel clause is bound exactly as on a
/// query (<c>SELECT * FROM t &lt;clause&gt;</c>: literals, constant-folded timestamp expressions, a subquery refused),
/// then <see cref="Restore"/> commits. The result is Delta's one row: table_size_after_restore,
/// num_of_files_after_restore, num_removed_files, num_restored_files, removed_files_size, restored_files_size.
/// </summary>
internal static class RestoreCommand
{
    public static readonly StructType Schema = ResultRows.Columns(
        ("table_size_after_restore", DataType.Long),
        ("num_of_files_after_restore", DataType.Long),
        ("num_removed_files", DataType.Long),
        ("num_restored_files", DataType.Long),
        ("removed_files_size", DataType.Long),
        ("restored_files_size", DataType.Long));

    /// <param name="onCommit">Told of the commit (the session's last commit version).</param>
    /// <param name="ignoreMissingFiles">spark.sql.files.ignoreMissingFiles: restore the files that remain when some of
    /// the target's files were vacuumed, instead of refusing.</param>
    public static QueryResult Run(
        RestoreTableStatement restore, string location, DeltaTableProvider tables, EvaluationContext context, string sql, Action<OperationResult> onCommit,
        bool ignoreMissingFiles = false)
    {
        var spec = BindTarget(restore, tables, context, sql);
        var table = DeltaTable.ForPath(location, tables.TableOptions);
        var result = spec.Kind switch
        {
            TableVersionKind.Version => Restore.ToVersion(table, spec.Version, ignoreMissingFiles: ignoreMissingFiles),
            TableVersionKind.Timestamp => Restore.ToTimestamp(table, spec.Timestamp, ignoreMissingFiles: ignoreMissingFiles),
            _ => throw new InvalidOperationException("RESTORE needs a version or a timestamp."),
        };
        onCommit(result);
        var m = result.Metrics;
        long Get(string key) => long.Parse(m[key], System.Globalization.CultureInfo.InvariantCulture);
        return ResultRows.From(Schema, [[
            Get("tableSizeAfterRestore"), Get("numOfFilesAfterRestore"), Get("numRemovedFiles"),
            Get("numRestoredFiles"), Get("removedFilesSize"), Get("restoredFilesSize"),
        ]]);
    }

    /// <summary>The version or timestamp the clause names, through the binder's own time-travel rules.</summary>
    private static TableVersionSpec BindTarget(RestoreTableStatement restore, DeltaTableProvider tables, EvaluationContext context, string sql)
    {
        var probe = new SpecCapture(tables);
        var select = new SelectQuery(false, [new SelectItem(new StarExpression([], []))], [new TableRelation(restore.Table, restore.Target) { Span = restore.Span }]);
        SqlExecutor.Prepare(new Query(select), probe, context, sql);
        return probe.Spec ?? throw new InvalidOperationException("The RESTORE target was not bound.");
    }

    /// <summary>Notes the version spec the binder asks for and answers with the latest table (the restore itself
    /// resolves the version, with RESTORE's error classes).</summary>
    private sealed class SpecCapture(DeltaTableProvider inner) : ITableProvider
    {
        public TableVersionSpec? Spec { get; private set; }

        public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version)
        {
            Spec = version;
            return inner.FindTable(name, TableVersionSpec.Latest);
        }
    }
}
