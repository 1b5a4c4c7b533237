using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.KernelShim;

// TEMPORARY: stands in for H-kernels' FunctionRegistry / TypeCoercion / CastKernel until they land on main.
// Row-at-a-time over boxed values; deleted when the real kernels arrive.
internal static class ShimRowFunction
{
    public static ScalarFunction Create(string name, DataType[] parameters, DataType result, Func<object?[], EvaluationContext, object?> body, bool nullIntolerant = true, bool deterministic = true) =>
        new(name, parameters, result, (args, rows, ctx) =>
        {
            var allScalar = args.All(a => a.IsScalar);
            var n = allScalar ? 1 : rows;
            var output = ColumnVector.Create(result, Math.Max(1, n));
            var values = new object?[args.Length];
            for (var r = 0; r < n; r++)
            {
                var anyNull = false;
                for (var a = 0; a < args.Length; a++)
                {
                    values[a] = args[a].IsScalar ? args[a].Scalar : PhysicalValues.Get(args[a].Vector!, r);
                    anyNull |= values[a] is null;
                }
                PhysicalValues.Append(output, nullIntolerant && anyNull ? null : body(values, ctx));
            }
            return allScalar ? ColumnarValue.OfScalar(result, PhysicalValues.Get(output, 0)) : ColumnarValue.Of(output);
        }, deterministic, nullIntolerant);
}
