namespace DeltaSharp.Tables.Operations;

/// <summary>
/// One WHEN clause of a MERGE as history records it (Delta's MergePredicate): the action type in lower case
/// ("update", "delete", "insert") and the clause's extra condition as SQL text, or null when it has none.
/// </summary>
public sealed record MergeClause(string ActionType, string? Condition = null)
{
    public static MergeClause UpdateClause(string? condition = null) => new("update", condition);

    public static MergeClause DeleteClause(string? condition = null) => new("delete", condition);

    public static MergeClause InsertClause(string? condition = null) => new("insert", condition);
}
