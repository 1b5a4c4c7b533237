namespace DeltaSharp.Catalog;

/// <summary>A catalog (the first part of <c>catalog.schema.table</c>). Immutable.</summary>
/// <param name="Name">The name as it was created (compare case-insensitively).</param>
/// <param name="Comment">CREATE CATALOG … COMMENT, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">The user that created it.</param>
public sealed record CatalogInfo(string Name, string? Comment, DateTimeOffset CreatedAt, string CreatedBy);
