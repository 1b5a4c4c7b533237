namespace DeltaSharp.Catalog;

/// <summary>
/// One CREATE TABLE … CLONE: <see cref="TargetId"/> was cloned from <see cref="SourceId"/> at
/// <see cref="SourceVersion"/>. Kept while the target's entry exists (live or dropped), so VACUUM of a source can find
/// the shallow clones whose logs still point at its files. Immutable.
/// </summary>
public sealed record CloneEdge(
    Guid TargetId,
    Guid SourceId,
    long SourceVersion,
    CloneKind Kind,
    DateTimeOffset CreatedAt,
    string CreatedBy);
