namespace DeltaSharp.Benchmarks;

/// <summary>One query of the SQL benchmark: its text with <c>{claims}</c> / <c>{members}</c> placeholders (each
/// engine names the tables its own way), the goal as a ratio to DuckDB's time, and how both engines' results are
/// reduced to comparable text rows: <see cref="CheckColumns"/> names result columns cast to text, or
/// <see cref="CountAndSum"/> compares the row count and sum(claim_amount) of a large result.</summary>
internal sealed record SqlQuery(string Name, string Title, double Goal, string Sql)
{
    public IReadOnlyList<string> CheckColumns { get; init; } = [];

    public bool CountAndSum { get; init; }

    public string ForOurs(SqlBenchData data) =>
        Sql.Replace("{claims}", $"delta.`{data.Claims}`", StringComparison.Ordinal).Replace("{members}", $"delta.`{data.Members}`", StringComparison.Ordinal);

    public string ForDuckDb() =>
        Sql.Replace("{claims}", "claims", StringComparison.Ordinal).Replace("{members}", "members", StringComparison.Ordinal);

    /// <summary>The DuckDB query over the materialised result <c>r</c> that gives the check rows.</summary>
    public string DuckDbCheck() => CountAndSum
        ? "SELECT CAST(count(*) AS VARCHAR), CAST(sum(claim_amount) AS VARCHAR) FROM r"
        : $"SELECT {string.Join(", ", CheckColumns.Select(c => $"CAST(\"{c}\" AS VARCHAR)"))} FROM r";
}
