using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Finds the field of a data file's struct that holds a logical field (PROTOCOL.md "Reader Requirements for Column
/// Mapping"): by display name in mode none, by delta.columnMapping.physicalName in name mode, by Parquet field id =
/// delta.columnMapping.id in id mode (falling back to the physical name for a struct whose file fields carry no ids).
/// Exact names first, then case-insensitive, as Spark resolves Parquet columns. Thread-safe.
/// </summary>
internal static class FileFieldMatcher
{
    /// <summary>Index of the file field for <paramref name="logical"/> in <paramref name="file"/>, or -1 (the column
    /// is missing from this file and reads as null).</summary>
    public static int Match(StructField logical, StructType file, ColumnMappingMode mode)
    {
        if (mode == ColumnMappingMode.Id && ColumnMapping.FieldId(logical) is { } id)
        {
            var anyIds = false;
            for (var i = 0; i < file.Count; i++)
            {
                var fid = ColumnMapping.ParquetFieldId(file[i]);
                if (fid == id) return i;
                anyIds |= fid is not null;
            }
            if (anyIds) return -1;
        }
        var name = ColumnMapping.PhysicalName(logical, mode);
        for (var i = 0; i < file.Count; i++)
            if (file[i].Name == name) return i;
        for (var i = 0; i < file.Count; i++)
            if (string.Equals(file[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
