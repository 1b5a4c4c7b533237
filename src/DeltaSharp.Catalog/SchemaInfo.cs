namespace DeltaSharp.Catalog;

/// <summary>A schema (database) inside a catalog. Immutable.</summary>
/// <param name="Name">The catalog and schema names as they were created (compare case-insensitively).</param>
/// <param name="Comment">CREATE SCHEMA … COMMENT, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">The user that created it.</param>
public sealed record SchemaInfo(SchemaName Name, string? Comment, DateTimeOffset CreatedAt, string CreatedBy);
