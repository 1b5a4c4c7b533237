using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Constraints;

/// <summary>
/// Checks every batch a writer is about to write against the table's constraints, before any byte of it is written:
/// NOT NULL fields (DELTA_NOT_NULL_CONSTRAINT_VIOLATED), CHECK constraints and column invariants
/// (DELTA_VIOLATE_CONSTRAINT_WITH_VALUES, with the values of the columns the expression reads). CHECK expressions are
/// evaluated by the <see cref="ICheckConstraintCompiler"/> of <see cref="DeltaTableOptions.CheckConstraints"/>; a
/// table with CHECK constraints or invariants is refused (DELTA_UNSUPPORTED_FEATURES_FOR_WRITE) when none is
/// supplied. A failed check throws, so the operation commits nothing. Not thread-safe (one per writer).
/// </summary>
internal sealed class WriteConstraints
{
    private readonly IReadOnlyList<IReadOnlyList<(string Name, int Ordinal)>> _notNull;
    private readonly (CheckConstraint Constraint, ICompiledCheck Check)[] _checks;

    private WriteConstraints(IReadOnlyList<IReadOnlyList<(string, int)>> notNull, (CheckConstraint, ICompiledCheck)[] checks)
    {
        _notNull = notNull;
        _checks = checks;
    }

    /// <summary>Only the NOT NULL fields of <paramref name="schema"/> (writers without table metadata).</summary>
    public static WriteConstraints NotNullOnly(StructType schema) => new(TableConstraints.NotNullPaths(schema), []);

    /// <summary>The constraints a commit leaving the table with this schema, metadata and protocol must respect.
    /// CHECK constraints count when the protocol supports checkConstraints, invariants when it supports invariants
    /// (PROTOCOL.md "Writer Requirements for ...").</summary>
    public static WriteConstraints For(StructType schema, Metadata metadata, Protocol protocol, DeltaTableOptions options, string table)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(metadata);
        var list = new List<CheckConstraint>();
        if (WriteProtocolCheck.Supports(protocol, "checkConstraints")) list.AddRange(TableConstraints.Checks(metadata.Configuration));
        if (WriteProtocolCheck.Supports(protocol, "invariants")) list.AddRange(TableConstraints.Invariants(schema));
        if (list.Count > 0 && options.CheckConstraints is null)
            throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE",
                $"Unable to write table {table}: it has CHECK constraints or column invariants ({string.Join(", ", list.Select(c => c.Name))}) and no " +
                "constraint evaluator was supplied. Set DeltaTableOptions.CheckConstraints (the SQL engine's session does) to write it.");
        var checks = list.Select(c => (c, options.CheckConstraints!.Compile(schema, c.Name, c.Expression))).ToArray();
        return new WriteConstraints(TableConstraints.NotNullPaths(schema), checks);
    }

    /// <summary>True when there is nothing to check.</summary>
    public bool IsEmpty => _notNull.Count == 0 && _checks.Length == 0;

    /// <summary>Throws on the first violated constraint of <paramref name="batch"/> (NOT NULL before CHECK, as Delta
    /// orders them).</summary>
    public void Check(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.LiveRowCount == 0) return;
        foreach (var path in _notNull) CheckNotNull(batch, path);
        foreach (var (constraint, check) in _checks)
        {
            var violations = check.Violations(batch);
            if (violations.Count == 0) continue;
            throw Violated(constraint, check, batch, violations[0]);
        }
    }

    private static DeltaException Violated(CheckConstraint constraint, ICompiledCheck check, ColumnBatch batch, int row)
    {
        // Delta: "CHECK constraint <name> <expr.sql> violated by row with values:\n - <column> : <value>".
        var text = new StringBuilder($"CHECK constraint {constraint.Name} {check.Sql} violated by row with values:");
        foreach (var (column, value) in check.Values(batch, row)) text.Append("\n - ").Append(column).Append(" : ").Append(value);
        return new DeltaException("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", text.ToString());
    }

    private static void CheckNotNull(ColumnBatch batch, IReadOnlyList<(string Name, int Ordinal)> path)
    {
        var top = batch.Columns[path[0].Ordinal];
        if (path.Count == 1)
        {
            if (!top.HasNulls) return;
            for (var i = 0; i < batch.LiveRowCount; i++)
                if (top.IsNull(batch.RowIndex(i))) throw NotNull(path);
            return;
        }
        for (var i = 0; i < batch.LiveRowCount; i++)
        {
            var row = batch.RowIndex(i);
            if (NestedIsNull(top, row, path)) throw NotNull(path);
        }
    }

    /// <summary>The live rows of <paramref name="batch"/> whose field at <paramref name="path"/> is null (a nested field
    /// only where its parent structs are present).</summary>
    internal static long CountNullRows(ColumnBatch batch, IReadOnlyList<(string Name, int Ordinal)> path)
    {
        var top = batch.Columns[path[0].Ordinal];
        long count = 0;
        for (var i = 0; i < batch.LiveRowCount; i++)
        {
            var row = batch.RowIndex(i);
            if (path.Count == 1 ? top.IsNull(row) : NestedIsNull(top, row, path)) count++;
        }
        return count;
    }

    /// <summary>True when the parent structs along the path are present and the last field is null.</summary>
    private static bool NestedIsNull(ColumnVector top, int row, IReadOnlyList<(string Name, int Ordinal)> path)
    {
        if (top is StructVector)
        {
            ColumnVector current = top;
            for (var d = 1; d < path.Count; d++)
            {
                if (current.IsNull(row)) return false; // an absent parent: its own NOT NULL (if any) is checked separately
                if (current is not StructVector s) return false;
                current = s.Children[path[d].Ordinal];
            }
            return current.IsNull(row);
        }
        object? value = top.GetObject(row);
        for (var d = 1; d < path.Count; d++)
        {
            if (value is not object?[] fields) return false;
            value = fields[path[d].Ordinal];
        }
        return value is null;
    }

    private static DeltaException NotNull(IReadOnlyList<(string Name, int Ordinal)> path) =>
        new("DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
            $"NOT NULL constraint violated for column: {string.Join(".", path.Select(p => p.Name))}.");
}
