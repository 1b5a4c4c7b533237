using DeltaSharp.Types;

namespace DeltaSharp.Tables.Constraints;

/// <summary>
/// Turns the SQL text of a CHECK constraint (PROTOCOL.md "Check Constraints": <c>delta.constraints.&lt;name&gt;</c>)
/// or of a column invariant (PROTOCOL.md "Column Invariants") into a row check. The Tables room has no expression
/// language of its own, so an engine that has one (the SQL engine) supplies this through
/// <see cref="DeltaTableOptions.CheckConstraints"/>; without it, tables with such constraints are not written.
/// Implementations must be thread-safe (one compiler serves every write of a session).
/// </summary>
public interface ICheckConstraintCompiler
{
    /// <summary>Binds <paramref name="expression"/> over the columns of <paramref name="schema"/> (the table's logical
    /// schema). Throws DELTA_NON_BOOLEAN_CHECK_CONSTRAINT when it is not a boolean expression, and the engine's
    /// analysis error when it does not bind (unknown column or function).</summary>
    ICompiledCheck Compile(StructType schema, string name, string expression);
}

/// <summary>A bound CHECK expression. Three-valued: a row passes when the expression is TRUE or NULL and violates
/// it when FALSE. Used by one writer at a time.</summary>
public interface ICompiledCheck
{
    /// <summary>The expression as the engine prints it (Spark's <c>expr.sql</c>, e.g. <c>(id &gt; 0)</c>), for
    /// messages.</summary>
    string Sql { get; }

    /// <summary>The physical row indices (as <see cref="Columnar.ColumnBatch.RowIndex"/> returns them) of the live rows
    /// of <paramref name="batch"/> (in the table's logical schema) that violate the check, in row order.</summary>
    IReadOnlyList<int> Violations(Columnar.ColumnBatch batch);

    /// <summary>The columns the expression reads and their values in row <paramref name="row"/> of
    /// <paramref name="batch"/>, as Spark lists them in DELTA_VIOLATE_CONSTRAINT_WITH_VALUES (<c>null</c> for NULL).</summary>
    IReadOnlyList<KeyValuePair<string, string>> Values(Columnar.ColumnBatch batch, int row);
}
