using System.Text.Encodings.Web;
using System.Text.Json;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// ALTER TABLE on a Delta table (catalog or <c>delta.`/path`</c>): each action is one commit by
/// <see cref="AlterTable"/> on the latest snapshot — ADD COLUMNS, DROP COLUMNS, RENAME COLUMN, ALTER|CHANGE COLUMN
/// (COMMENT, SET / DROP NOT NULL, FIRST / AFTER), SET / UNSET TBLPROPERTIES, ADD CONSTRAINT … CHECK, DROP CONSTRAINT.
/// A CHECK constraint is stored as the condition's text as written. Column type changes, defaults and RENAME TO are
/// refused with Spark's error classes.
/// </summary>
internal static class AlterTableCommand
{
    public static OperationResult Run(AlterTableStatement stmt, ResolvedTable table, DeltaTableProvider tables, string? sql)
    {
        ArgumentNullException.ThrowIfNull(stmt);
        ArgumentNullException.ThrowIfNull(table);
        var snapshot = DeltaTable.ForPath(table.Location, tables.TableOptions).Latest();
        // Delta names the table unquoted in its messages (spark_catalog.default.t).
        var name = table.Entry?.Name is { } n ? $"{n.Catalog}.{n.Schema}.{n.Table}" : table.DisplayName;
        switch (stmt.Action)
        {
            case AddColumnsAction add:
                return AlterTable.AddColumns(snapshot, [.. add.Columns.Select(c => NewColumn(c, sql))]);
            case DropColumnsAction drop:
                return AlterTable.DropColumns(snapshot, [.. drop.Columns.Select(Path)], drop.IfExists);
            case RenameColumnAction rename:
                return AlterTable.RenameColumn(snapshot, Path(rename.Column), rename.NewName.Value);
            case AlterColumnAction alter:
                return AlterColumn(snapshot, alter, name, sql);
            case SetTablePropertiesAction set:
                return AlterTable.SetProperties(snapshot, [.. set.Properties.Select(p => new KeyValuePair<string, string>(p.Key, p.Value ?? ""))]);
            case UnsetTablePropertiesAction unset:
                return AlterTable.UnsetProperties(snapshot, [.. unset.Keys], unset.IfExists, tableName: name);
            case AddCheckConstraintAction check:
                return AlterTable.AddConstraint(snapshot, check.Name.Value, Text(check.Condition, sql), tableName: name);
            case DropConstraintAction drop:
                return AlterTable.DropConstraint(snapshot, drop.Name.Value, drop.IfExists, tableName: name);
            case RenameTableAction:
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION",
                    $"ALTER TABLE … RENAME TO is not supported for {name} yet: create the new table with CREATE TABLE … AS SELECT instead.", stmt.Action.Span, sql);
            default:
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION", $"This ALTER TABLE action is not supported for {name}.", stmt.Action.Span, sql);
        }
    }

    private static OperationResult AlterColumn(Snapshot snapshot, AlterColumnAction alter, string name, string? sql)
    {
        var path = Path(alter.Column);
        switch (alter.Kind)
        {
            case AlterColumnKind.Comment:
                return AlterTable.SetColumnComment(snapshot, path, alter.Comment ?? "");
            case AlterColumnKind.SetNotNull:
                return AlterTable.SetNotNull(snapshot, path, tableName: name);
            case AlterColumnKind.DropNotNull:
                return AlterTable.DropNotNull(snapshot, path);
            case AlterColumnKind.Position:
                return AlterTable.MoveColumn(snapshot, path, Placement(alter.Position!)!);
            case AlterColumnKind.Type:
            {
                var newType = alter.NewType!.ToDataType();
                var current = FindType(snapshot.Schema, path);
                if (current is not null && current.Equals(newType))
                    return AlterTable.SetColumnType(snapshot, path, newType);
                throw new DeltaException("DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP",
                    $"ALTER TABLE ALTER COLUMN is not supported for changing column {string.Join(".", path)} from {current?.SimpleString ?? "?"} to {newType.SimpleString}: " +
                    "the data files keep the old type. Rewrite the table with CREATE OR REPLACE TABLE … AS SELECT and a CAST instead.");
            }
            default:
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION",
                    $"ALTER COLUMN … {(alter.Kind == AlterColumnKind.SetDefault ? "SET DEFAULT" : "DROP DEFAULT")} is not supported for {name} (column defaults need the allowColumnDefaults table feature).",
                    alter.Span, sql);
        }
    }

    private static DataType? FindType(StructType schema, IReadOnlyList<string> path)
    {
        DataType current = schema;
        foreach (var part in path)
        {
            if (current is not StructType s) return null;
            var i = s.IndexOf(part);
            if (i < 0) return null;
            current = s[i].Type;
        }
        return current;
    }

    private static NewColumn NewColumn(ColumnDefinition column, string? sql)
    {
        if (column.Default is not null || column.GeneratedAs is not null || column.Identity is not null)
            throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION",
                $"ADD COLUMN {column.Name} with DEFAULT, GENERATED ALWAYS AS or IDENTITY is not supported; add a plain column.", column.Span, sql);
        var parts = Path(column.Name);
        Dictionary<string, string>? metadata = null;
        if (column.Comment is not null)
            metadata = new Dictionary<string, string> { ["comment"] = "\"" + JsonEncodedText.Encode(column.Comment, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"" };
        var field = new StructField(parts[^1], column.Type.ToDataType(), !column.NotNull, metadata);
        return new NewColumn(parts[..^1], field, column.Position is null ? null : Placement(column.Position));
    }

    private static ColumnPlacement? Placement(ColumnPosition position) =>
        position.IsFirst ? ColumnPlacement.First : new ColumnPlacement(position.After!.Value);

    private static string[] Path(QualifiedName name) => [.. name.Parts.Select(p => p.Value)];

    /// <summary>The condition as written in the statement (Delta stores the user's text), or printed when the node
    /// has no position in <paramref name="sql"/>.</summary>
    private static string Text(SqlExpression condition, string? sql)
    {
        var span = condition.Span;
        if (sql is not null && span.Length > 0 && span.End <= sql.Length) return sql.Substring(span.Offset, span.Length).Trim();
        return SqlPrinter.Print(condition);
    }
}
