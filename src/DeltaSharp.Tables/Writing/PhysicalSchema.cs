using DeltaSharp.Tables.Scanning;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The write path's view of <see cref="ColumnMapping"/> (PROTOCOL.md "Writer Requirements for Column Mapping"), keyed
/// by "is the table mapped": under column mapping ("name" or "id") every field, nested ones included, takes its
/// <c>delta.columnMapping.physicalName</c> and carries its <c>delta.columnMapping.id</c> as the Parquet field id;
/// without mapping the logical names are kept and no field metadata reaches the files. Name and id mode write the
/// same files, so one mapped mode stands for both. Stateless.
/// </summary>
internal static class PhysicalSchema
{
    public const string PhysicalNameKey = ColumnMapping.PhysicalNameKey;
    public const string ColumnIdKey = ColumnMapping.IdKey;
    public const string ParquetFieldIdKey = ColumnMapping.ParquetFieldIdKey;

    /// <summary>True when <paramref name="mode"/> is "name" or "id".</summary>
    public static bool IsMapped(string? mode) =>
        string.Equals(mode, "name", StringComparison.OrdinalIgnoreCase) || string.Equals(mode, "id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The physical name of <paramref name="field"/> (its logical name when not mapped).</summary>
    public static string NameOf(StructField field, bool mapped) => ColumnMapping.PhysicalName(field, Mode(mapped));

    /// <summary>Converts a logical type to the type stored in files, recursively.</summary>
    public static DataType Convert(DataType type, bool mapped) => ColumnMapping.PhysicalType(type, Mode(mapped));

    public static StructField ConvertField(StructField field, bool mapped) => ColumnMapping.PhysicalField(field, Mode(mapped));

    private static ColumnMappingMode Mode(bool mapped) => mapped ? ColumnMappingMode.Name : ColumnMappingMode.None;
}
