using DeltaSharp.Expressions;

namespace DeltaSharp.Parquet;

/// <summary>What to read from a Parquet file. Immutable.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>Maximum rows per batch.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Top-level columns to read, by name (case-insensitive fallback); null reads every column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Predicate used to skip row groups whose statistics prove no row can match. Rows inside
    /// kept row groups are not filtered.</summary>
    public Expression? Filter { get; init; }

    /// <summary>Map columns by Parquet field id instead of name (Delta column mapping mode 'id').</summary>
    public bool MatchByFieldId { get; init; }

    public static ParquetReadOptions Default { get; } = new();
}
