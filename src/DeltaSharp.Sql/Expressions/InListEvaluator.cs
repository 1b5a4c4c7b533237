using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// <c>x [NOT] IN (…)</c>: true when an item equals x; else null when x or an item is null; else false (NOT IN
/// negates, nulls stay). Literal lists are hashed once per batch; other items are compared row by row.
/// </summary>
internal static class InListEvaluator
{
    public static ColumnarValue Evaluate(ExpressionEvaluator evaluator, BoundInList expr, EvalInput input)
    {
        var n = input.Count;
        var value = evaluator.Evaluate(expr.Value, input);
        var items = new ColumnarValue[expr.List.Count];
        for (var i = 0; i < items.Length; i++) items[i] = evaluator.Evaluate(expr.List[i], input);
        var scalarOnly = value.IsScalar;
        foreach (var it in items) scalarOnly &= it.IsScalar;
        var rows = scalarOnly ? 1 : n;

        var valueVec = ExpressionEvaluator.ToVector(value, rows);
        // Literal items go into one vector (with the null flag apart); others stay per row.
        var constants = ColumnVector.Create(expr.Value.Type, items.Length);
        var constantNull = false;
        var perRow = new List<ColumnVector>();
        foreach (var it in items)
        {
            if (it.IsScalar)
            {
                if (it.Scalar is null) constantNull = true;
                else PhysicalValues.Append(constants, it.Scalar);
            }
            else perRow.Add(it.Vector!);
        }
        GroupHashTable? table = null;
        if (constants.Length > 8)
        {
            table = new GroupHashTable([expr.Value.Type]);
            var ids = new int[constants.Length];
            table.FindOrInsert([constants], constants.Length, ids);
        }

        var result = new PrimitiveVector<bool>(DataType.Boolean, rows) { Length = rows };
        var hashes = table?.HashRows([valueVec], rows).ToArray();
        for (var r = 0; r < rows; r++)
        {
            if (valueVec.IsNull(r))
            {
                result.SetNull(r);
                continue;
            }
            var found = false;
            var sawNull = constantNull;
            if (table is not null) found = table.Find(hashes![r], [valueVec], r) >= 0;
            else
                for (var k = 0; k < constants.Length && !found; k++) found = VectorComparer.KeyEquals(constants, k, valueVec, r);
            for (var p = 0; p < perRow.Count && !found; p++)
            {
                if (perRow[p].IsNull(r)) sawNull = true;
                else found = VectorComparer.KeyEquals(perRow[p], r, valueVec, r);
            }
            if (found) result[r] = !expr.Negated;
            else if (sawNull) result.SetNull(r);
            else result[r] = expr.Negated;
        }
        return scalarOnly ? ColumnarValue.OfScalar(DataType.Boolean, result.IsNull(0) ? null : result[0]) : ColumnarValue.Of(result);
    }
}
