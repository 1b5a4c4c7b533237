namespace DeltaSharp.Tables.Constraints;

/// <summary>A named CHECK expression of a table: a <c>delta.constraints.&lt;name&gt;</c> entry, or a column invariant
/// (named <c>EXPRESSION(&lt;expr&gt;)</c> as Delta reports it). Immutable.</summary>
public sealed record CheckConstraint(string Name, string Expression)
{
    /// <summary>True for a column invariant (delta.invariants), false for a table CHECK constraint.</summary>
    public bool IsInvariant { get; init; }
}
