using System.Collections.Concurrent;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>A partition column: logical name, name in add.partitionValues (physical under column mapping), type.</summary>
internal sealed record PartitionColumn(string LogicalName, string PhysicalName, DataType Type)
{
    // Many files share a partition value: parse each distinct raw string once (binary is not shared: byte[] is mutable).
    private readonly ConcurrentDictionary<string, object?> _parsed = new(StringComparer.Ordinal);

    /// <summary>The typed value of <paramref name="add"/>'s raw partition value for this column.</summary>
    public object? ValueOf(AddFile add)
    {
        var raw = RawValue(add);
        if (string.IsNullOrEmpty(raw)) return null;
        if (Type is BinaryType || _parsed.Count > 100_000) return PartitionValues.Parse(raw, Type, LogicalName);
        return _parsed.GetOrAdd(raw, static (r, self) => PartitionValues.Parse(r, self.Type, self.LogicalName), this);
    }

    private string? RawValue(AddFile add)
    {
        if (add.PartitionValues.TryGetValue(PhysicalName, out var raw)) return raw;
        foreach (var (k, v) in add.PartitionValues)
            if (string.Equals(k, PhysicalName, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}
