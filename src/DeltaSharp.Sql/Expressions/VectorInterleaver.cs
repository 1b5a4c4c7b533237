using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// Builds one vector from several partial results: row r takes the next unread value of source
/// <c>sourceOfRow[r]</c> (each source is dense over the rows that chose it, in row order).
/// </summary>
internal static class VectorInterleaver
{
    public static ColumnVector Interleave(DataType type, int count, int[] sourceOfRow, ColumnVector?[] sources)
    {
        var next = new int[sources.Length];
        switch (type.Physical)
        {
            case PhysicalKind.Boolean: return Primitive<bool>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Int8: return Primitive<sbyte>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Int16: return Primitive<short>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Int32: return Primitive<int>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Int64: return Primitive<long>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Int128: return Primitive<Int128>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Float32: return Primitive<float>(type, count, sourceOfRow, sources, next);
            case PhysicalKind.Float64: return Primitive<double>(type, count, sourceOfRow, sources, next);
            default:
            {
                var result = ColumnVector.Create(type, count);
                Span<int> one = stackalloc int[1];
                for (var r = 0; r < count; r++)
                {
                    var s = sourceOfRow[r];
                    one[0] = next[s]++;
                    VectorCopier.AppendRows(result, sources[s]!, one);
                }
                return result;
            }
        }
    }

    private static PrimitiveVector<T> Primitive<T>(DataType type, int count, int[] sourceOfRow, ColumnVector?[] sources, int[] next) where T : unmanaged
    {
        var result = new PrimitiveVector<T>(type, count) { Length = count };
        var values = result.Values;
        for (var r = 0; r < count; r++)
        {
            var s = sourceOfRow[r];
            var src = (PrimitiveVector<T>)sources[s]!;
            var k = next[s]++;
            if (src.IsNull(k)) result.SetNull(r);
            else values[r] = src.Values[k];
        }
        return result;
    }
}
