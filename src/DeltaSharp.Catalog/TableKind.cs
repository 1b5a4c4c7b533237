namespace DeltaSharp.Catalog;

/// <summary>Who owns a table's files (Unity Catalog's table types).</summary>
public enum TableKind
{
    /// <summary>The warehouse owns the files: they live under <c>&lt;warehouse&gt;/&lt;catalog&gt;/&lt;schema&gt;/tables/&lt;table-id&gt;</c>
    /// and are deleted when a dropped table is purged after the retention period.</summary>
    Managed,

    /// <summary>The files live at a LOCATION the user gave; dropping or purging the table never deletes them.</summary>
    External,
}
