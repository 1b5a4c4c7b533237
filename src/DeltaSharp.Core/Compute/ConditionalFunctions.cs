using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// coalesce, nvl/ifnull, nvl2, nullif, if, casewhen, isnull/isnotnull, isnan, nanvl, assert_true. The branches are
/// widened to one type (Spark's CASE/COALESCE coercion). These kernels evaluate every argument they receive: short
/// circuits (an ANSI error in an untaken branch) are the caller's job — evaluate branches on the rows that take
/// them. <c>casewhen(c1, v1, c2, v2, …[, else])</c> is the kernel of CASE WHEN.
/// </summary>
internal static class ConditionalFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("coalesce", 1, -1, Sig.Common(c => c, (types, rt) => Coalesce));
        t.Add("nvl", 2, 2, Sig.Common(c => c, (types, rt) => Coalesce));
        t.Alias("ifnull", "nvl");
        t.Add("nvl2", 3, 3, r =>
        {
            var common = TypeCoercion.FindWiderTypeForTwo(r[1], r[2], r.Ansi);
            if (common is null) return r.DataDiffTypes();
            return r.Ok([r[0], common, common], common, (a, n, _) => RowKernel.Map(a, n, common, (x, i, o) =>
            {
                var pick = x[0].IsNull(i) ? x[2] : x[1];
                ScalarValues.Append(o, pick.IsNull(i) ? null : pick.Object(i));
            }, nullIntolerant: false), nullIntolerant: false);
        });
        t.Add("nullif", 2, 2, r =>
        {
            var cmp = TypeCoercion.ComparisonType(r[0], r[1], r.Ansi);
            if (cmp is null) return r.BinaryOpDiffTypes();
            var left = r[0];
            return r.Ok([r[0], r[1]], left, (a, n, c) =>
            {
                var eq = ComparisonFunctions.Compare(ComparisonOp.Equal, CastKernel.Cast(a[0], cmp, n, c), CastKernel.Cast(a[1], cmp, n, c), n);
                return RowKernel.Map([a[0], eq], n, left, (x, i, o) =>
                    ScalarValues.Append(o, x[0].IsNull(i) || (!x[1].IsNull(i) && x[1].Bool(i)) ? null : x[0].Object(i)), nullIntolerant: false);
            }, nullIntolerant: false);
        });
        t.Add("if", 3, 3, r =>
        {
            if (TypeCoercion.ImplicitCast(r[0], ExpectedType.Boolean, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.Boolean);
            var common = TypeCoercion.FindWiderTypeForTwo(r[1], r[2], r.Ansi);
            if (common is null) return r.DataDiffTypes();
            return r.Ok([DataType.Boolean, common, common], common, (a, n, _) => RowKernel.Map(a, n, common, (x, i, o) =>
            {
                var pick = !x[0].IsNull(i) && x[0].Bool(i) ? x[1] : x[2];
                ScalarValues.Append(o, pick.IsNull(i) ? null : pick.Object(i));
            }, nullIntolerant: false), nullIntolerant: false);
        });
        t.Alias("iff", "if");
        t.Add("casewhen", 2, -1, BindCaseWhen);
        t.Add("isnull", 1, 1, r => r.Ok([r[0]], DataType.Boolean, (a, n, _) => NullTest(a[0], n, wantNull: true), nullIntolerant: false));
        t.Add("isnotnull", 1, 1, r => r.Ok([r[0]], DataType.Boolean, (a, n, _) => NullTest(a[0], n, wantNull: false), nullIntolerant: false));
        t.Add("isnan", 1, 1, Sig.Simple([ExpectedType.Double], DataType.Boolean, (a, n, _) => RowKernel.Map(a, n, DataType.Boolean, (x, i, o) =>
            ((PrimitiveVector<bool>)o).Append(!x[0].IsNull(i) && double.IsNaN(x[0].Double(i))), nullIntolerant: false), nullIntolerant: false));
        t.Add("nanvl", 2, 2, Sig.Simple([ExpectedType.Double, ExpectedType.Double], DataType.Double, (a, n, _) => RowKernel.Map(a, n, DataType.Double, (x, i, o) =>
        {
            if (x[0].IsNull(i)) { ScalarValues.AppendNull(o); return; }
            var v = x[0].Double(i);
            if (!double.IsNaN(v)) ((PrimitiveVector<double>)o).Append(v);
            else ScalarValues.Append(o, x[1].IsNull(i) ? null : x[1].Double(i));
        }, nullIntolerant: false), nullIntolerant: false));
        t.Add("assert_true", 1, 2, Sig.Simple([ExpectedType.Boolean, ExpectedType.String], DataType.Null, (a, n, _) => RowKernel.Map(a, n, DataType.Null, (x, i, o) =>
        {
            if (x[0].IsNull(i) || !x[0].Bool(i))
                throw new ComputeException("USER_RAISED_EXCEPTION", x.Length > 1 && !x[1].IsNull(i) ? x[1].String(i) : "'false' is not true!");
            ScalarValues.AppendNull(o);
        }, nullIntolerant: false), nullIntolerant: false, deterministic: false));
        t.Add("raise_error", 1, 1, Sig.Simple([ExpectedType.String], DataType.Null, (a, n, _) =>
            throw new ComputeException("USER_RAISED_EXCEPTION", a[0].IsScalar ? a[0].Scalar as string ?? "null" : new ArgReader(a[0]).String(0)),
            nullIntolerant: false, deterministic: false));
    }

    private static ColumnarValue Coalesce(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, a[0].Type, (x, i, o) =>
    {
        foreach (var arg in x)
        {
            if (arg.IsNull(i)) continue;
            ScalarValues.Append(o, arg.Object(i));
            return;
        }
        ScalarValues.AppendNull(o);
    }, nullIntolerant: false);

    private static ColumnarValue NullTest(in ColumnarValue a, int n, bool wantNull)
    {
        if (a.IsScalar) return ColumnarValue.OfScalar(DataType.Boolean, (a.Scalar is null) == wantNull);
        var r = Kernels.NewVector<bool>(DataType.Boolean, n);
        var v = a.Vector!;
        for (var i = 0; i < n; i++) r.Values[i] = v.IsNull(i) == wantNull;
        return ColumnarValue.Of(r);
    }

    private static BindResult BindCaseWhen(BindRequest r)
    {
        var hasElse = r.Count % 2 == 1;
        var branches = r.Count / 2;
        var valueTypes = new List<DataType>();
        for (var k = 0; k < branches; k++)
        {
            if (TypeCoercion.ImplicitCast(r[2 * k], ExpectedType.Boolean, r.Ansi) is null) return r.UnexpectedType(2 * k, ExpectedType.Boolean);
            valueTypes.Add(r[2 * k + 1]);
        }
        if (hasElse) valueTypes.Add(r[r.Count - 1]);
        var common = TypeCoercion.FindWiderCommonType(valueTypes, r.Ansi);
        if (common is null) return r.DataDiffTypes();
        var types = r.Args.Select((_, i) => hasElse && i == r.Count - 1 || i % 2 == 1 ? common : DataType.Boolean).ToArray();
        return r.Ok(types, common, (a, n, _) => RowKernel.Map(a, n, common, (x, i, o) =>
        {
            for (var k = 0; k + 1 < x.Length; k += 2)
            {
                if (!x[k].IsNull(i) && x[k].Bool(i))
                {
                    ScalarValues.Append(o, x[k + 1].IsNull(i) ? null : x[k + 1].Object(i));
                    return;
                }
            }
            ScalarValues.Append(o, hasElse && !x[^1].IsNull(i) ? x[^1].Object(i) : null);
        }, nullIntolerant: false), nullIntolerant: false);
    }
}
