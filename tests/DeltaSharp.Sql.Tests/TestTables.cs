using DeltaSharp.Compute;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests;

/// <summary>Small in-memory catalogs for unit tests.</summary>
internal static class TestTables
{
    public static readonly EvaluationContext Context = new()
    {
        StatementTimestamp = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero),
        SessionTimeZone = TimeZoneInfo.Utc,
    };

    public static StructType Schema(params (string Name, DataType Type)[] columns) =>
        new(columns.Select(c => new StructField(c.Name, c.Type)));

    /// <summary>A catalog with table <paramref name="name"/> holding <paramref name="rows"/>.</summary>
    public static InMemoryTableProvider With(string name, StructType schema, params object?[][] rows)
    {
        var provider = new InMemoryTableProvider();
        provider.CreateTable(name, schema, rows);
        return provider;
    }

    public static QueryResult Run(this ITableProvider tables, string sql) => SqlExecutor.Execute(sql, tables, Context);

    public static IReadOnlyList<object?[]> Rows(this ITableProvider tables, string sql) => tables.Run(sql).ToRows();
}
