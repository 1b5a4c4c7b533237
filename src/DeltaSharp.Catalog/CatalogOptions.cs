namespace DeltaSharp.Catalog;

/// <summary>
/// Where the catalog lives and how it behaves. Immutable; change with <c>with</c>.
/// </summary>
public sealed record CatalogOptions
{
    /// <summary>The warehouse folder: managed tables live under it and, by default, the catalog database at
    /// <c>&lt;warehouse&gt;/_catalog/catalog.db</c>.</summary>
    public required string WarehousePath { get; init; }

    /// <summary>The SQLite database file; null for <c>&lt;warehouse&gt;/_catalog/catalog.db</c>.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>How long a dropped table can be undropped before a purge may remove it (Unity Catalog: 7 days).</summary>
    public TimeSpan DropRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The catalog a new database starts with (Databricks' <c>main</c>).</summary>
    public string DefaultCatalog { get; init; } = "main";

    /// <summary>The schema every new catalog starts with (Databricks' <c>default</c>).</summary>
    public string DefaultSchema { get; init; } = "default";

    /// <summary>The user recorded as the creator of the default catalog and schema.</summary>
    public string SystemUser { get; init; } = "system";

    /// <summary>How long an operation waits for another process' write to finish before it fails.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The only source of time: created/updated/dropped stamps and the retention check.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Options for the warehouse at <paramref name="warehousePath"/> with every default.</summary>
    public static CatalogOptions ForWarehouse(string warehousePath) => new() { WarehousePath = warehousePath };

    /// <summary>The database file these options point at.</summary>
    public string ResolvedDatabasePath =>
        Path.GetFullPath(DatabasePath ?? Path.Combine(WarehousePath, "_catalog", "catalog.db"));
}
