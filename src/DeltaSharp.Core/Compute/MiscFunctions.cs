using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>typeof, current_database/current_schema/current_catalog, version.</summary>
internal static class MiscFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("typeof", 1, 1, r =>
        {
            var name = r[0].SimpleString;
            return r.Ok([r[0]], DataType.String, (a, n, _) => a[0].IsScalar
                ? ColumnarValue.OfScalar(DataType.String, name)
                : ColumnarValue.Of(ScalarValues.Materialize(ColumnarValue.OfScalar(DataType.String, name), n)), nullIntolerant: false);
        });
        t.Add("current_database", 0, 0, r => r.Ok([], DataType.String, (_, _, _) => ColumnarValue.OfScalar(DataType.String, "default")));
        t.Alias("current_schema", "current_database");
        t.Add("current_catalog", 0, 0, r => r.Ok([], DataType.String, (_, _, _) => ColumnarValue.OfScalar(DataType.String, "spark_catalog")));
        t.Add("version", 0, 0, r => r.Ok([], DataType.String, (_, _, _) => ColumnarValue.OfScalar(DataType.String, "4.0.0 deltasharp")));
    }
}
