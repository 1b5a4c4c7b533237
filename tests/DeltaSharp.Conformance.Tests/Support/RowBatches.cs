using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>Builds a <see cref="ColumnBatch"/> from rows of plain values (long, int, string or null, in schema order).</summary>
internal static class RowBatches
{
    public static ColumnBatch Build(StructType schema, params object?[][] rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var batch = ColumnBatch.Create(schema, Math.Max(1, rows.Length));
        foreach (var row in rows)
        {
            if (row.Length != schema.Count) throw new ArgumentException($"A row has {row.Length} values for {schema.Count} columns.", nameof(rows));
            for (var c = 0; c < schema.Count; c++)
            {
                switch (batch.Columns[c], row[c])
                {
                    case (PrimitiveVector<long> v, null): v.AppendNull(); break;
                    case (PrimitiveVector<long> v, long x): v.Append(x); break;
                    case (PrimitiveVector<int> v, null): v.AppendNull(); break;
                    case (PrimitiveVector<int> v, int x): v.Append(x); break;
                    case (BinaryVector v, null): v.AppendNull(); break;
                    case (BinaryVector v, string x): v.Append(x); break;
                    default: throw new ArgumentException($"Unsupported value {row[c]} for column {schema[c]}.", nameof(rows));
                }
            }
        }
        batch.RowCount = rows.Length;
        return batch;
    }
}
