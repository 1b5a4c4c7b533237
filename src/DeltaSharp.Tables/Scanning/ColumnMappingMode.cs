namespace DeltaSharp.Tables.Scanning;

/// <summary>delta.columnMapping.mode (PROTOCOL.md "Column Mapping").</summary>
public enum ColumnMappingMode
{
    /// <summary>Data files use the display names.</summary>
    None,

    /// <summary>Data files use delta.columnMapping.physicalName.</summary>
    Name,

    /// <summary>Data files are matched by Parquet field id = delta.columnMapping.id.</summary>
    Id,
}
