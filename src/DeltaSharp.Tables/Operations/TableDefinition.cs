using DeltaSharp.Types;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// What CREATE [OR REPLACE] TABLE / REPLACE TABLE [AS SELECT] declares: the columns (logical schema, NOT NULL as
/// non-nullable fields, COMMENT as field metadata), PARTITIONED BY columns, TBLPROPERTIES, the table COMMENT
/// (metaData.description) and whether the table is a managed catalog table (history's isManaged parameter: true
/// without LOCATION). Immutable.
/// </summary>
public sealed record TableDefinition(StructType Schema)
{
    public IReadOnlyList<string> PartitionColumns { get; init; } = [];

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>The table COMMENT (metaData.description); null when none was given.</summary>
    public string? Description { get; init; }

    /// <summary>operationParameters.isManaged: true for a catalog-managed table, false for a path (LOCATION) table.</summary>
    public bool IsManaged { get; init; }
}
