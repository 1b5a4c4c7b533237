namespace DeltaSharp.Tables.Operations;

/// <summary>Where ADD COLUMNS puts a column: <c>FIRST</c> (<see cref="After"/> null) or <c>AFTER sibling</c>.
/// Immutable.</summary>
public sealed record ColumnPlacement(string? After)
{
    public static ColumnPlacement First { get; } = new((string?)null);

    /// <summary>As Spark prints a column position in history: <c>FIRST</c> or <c>AFTER x</c>.</summary>
    public override string ToString() => After is null ? "FIRST" : "AFTER " + After;
}

/// <summary>A column for ADD COLUMNS: the parent struct's path (empty for a top-level column), the new field (name,
/// type, nullability, metadata such as its comment) and an optional position. Immutable.</summary>
public sealed record NewColumn(IReadOnlyList<string> Parent, Types.StructField Field, ColumnPlacement? Placement = null);
