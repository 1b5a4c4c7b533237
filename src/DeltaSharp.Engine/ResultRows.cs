using DeltaSharp.Columnar;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary>Builds the <see cref="QueryResult"/> of a command from boxed rows (the physical convention of
/// PhysicalValues: long micros or DateTimeOffset for timestamps, string, dictionaries for maps, lists for structs).</summary>
internal static class ResultRows
{
    public static QueryResult Empty { get; } = new(new StructType(), []);

    public static QueryResult From(StructType schema, IReadOnlyList<object?[]> rows)
    {
        var batch = ColumnBatch.Create(schema, Math.Max(1, rows.Count));
        foreach (var row in rows)
            for (var c = 0; c < schema.Count; c++) PhysicalValues.Append(batch.Columns[c], row[c]);
        batch.RowCount = rows.Count;
        return new QueryResult(schema, rows.Count == 0 ? [] : [batch]);
    }

    public static StructType Columns(params (string Name, DataType Type)[] columns) =>
        new(columns.Select(c => new StructField(c.Name, c.Type, true)));
}
