using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// Resolves aggregate function names and argument types to <see cref="AggregateFunction"/>s with Spark's result
/// types: count → bigint; sum(integral) → bigint, sum(float/double) → double, sum(decimal(p,s)) →
/// decimal(min(38,p+10), s); avg(numeric) → double, avg(decimal(p,s)) → decimal(min(38,p+4), min(38,s+4));
/// min/max/first/last/any_value keep the type; collect_list/collect_set → array; stddev/variance → double.
/// </summary>
internal static class AggregateRegistry
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "mean", "min", "max", "first", "first_value", "last", "last_value", "any_value",
        "collect_list", "array_agg", "collect_set", "approx_count_distinct", "stddev", "std", "stddev_samp",
        "stddev_pop", "variance", "var_samp", "var_pop", "bool_and", "every", "bool_or", "some", "any", "count_if",
        "max_by", "min_by",
    };

    public static bool IsAggregate(string name) => Names.Contains(name);

    /// <summary>Resolves <paramref name="name"/>. On failure <paramref name="badArgument"/> is the index of the argument
    /// of the wrong type (-1 for a wrong argument count) and <paramref name="requirement"/> describes what is needed.</summary>
    public static bool TryResolve(string name, IReadOnlyList<DataType> args, bool distinct, bool ignoreNulls,
        out AggregateFunction? function, out int badArgument, out string? requirement)
    {
        function = null;
        badArgument = -1;
        requirement = null;
        var n = name.ToLowerInvariant() switch
        {
            "mean" => "avg",
            "std" or "stddev" => "stddev_samp",
            "variance" => "var_samp",
            "first_value" => "first",
            "last_value" => "last",
            "array_agg" => "collect_list",
            "every" => "bool_and",
            "some" or "any" => "bool_or",
            var other => other,
        };
        AggregateFunction Make(DataType[] ps, DataType rt, Func<AggregateFunction, Accumulator> f, bool nullOnEmpty = true) =>
            new(n, ps, rt, distinct ? fn => new DistinctAccumulator(f(fn), ps) : f, nullOnEmpty, ignoreNulls, f);

        switch (n)
        {
            case "count":
                if (args.Count == 0 && distinct) return ArgCount(out requirement, "at least 1");
                function = Make(args.ToArray(), DataType.Long, _ => new CountAccumulator(), nullOnEmpty: false);
                return true;
            case "approx_count_distinct":
                if (args.Count is < 1 or > 2) return ArgCount(out requirement, "1 or 2");
                function = new AggregateFunction(n, [args[0]], DataType.Long, _ => new DistinctAccumulator(new CountAccumulator(), [args[0]]), nullOnEmpty: false, plainFactory: _ => new CountAccumulator());
                return true;
            case "count_if":
                if (args.Count != 1) return ArgCount(out requirement, "1");
                if (args[0] is not BooleanType) return Bad(out badArgument, out requirement, 0, "\"BOOLEAN\"");
                function = Make([DataType.Boolean], DataType.Long, _ => new CountIfAccumulator(), nullOnEmpty: false);
                return true;
            case "sum":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1");
                var t = args[0];
                if (t is ByteType or ShortType or IntegerType or LongType)
                    function = Make([t], DataType.Long, _ => new LongSumAccumulator());
                else if (t is FloatType or DoubleType or StringType)
                    function = Make([DataType.Double], DataType.Double, _ => new DoubleSumAccumulator(false));
                else if (t is DecimalType d)
                {
                    var rt = new DecimalType(Math.Min(38, d.Precision + 10), d.Scale);
                    function = Make([d], rt, _ => new DecimalSumAccumulator(false, d, rt));
                }
                else return Bad(out badArgument, out requirement, 0, "\"NUMERIC\" or \"ANSI INTERVAL\"");
                return true;
            }
            case "avg":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1");
                var t = args[0];
                if (t is ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or StringType)
                    function = Make([DataType.Double], DataType.Double, _ => new DoubleSumAccumulator(true));
                else if (t is DecimalType d)
                {
                    var rt = new DecimalType(Math.Min(38, d.Precision + 4), Math.Min(38, d.Scale + 4));
                    function = Make([d], rt, _ => new DecimalSumAccumulator(true, d, rt));
                }
                else return Bad(out badArgument, out requirement, 0, "\"NUMERIC\" or \"ANSI INTERVAL\"");
                return true;
            }
            case "min" or "max":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1");
                var t = args[0];
                if (t is MapType) return Bad(out badArgument, out requirement, 0, "an orderable type");
                var isMax = n == "max";
                function = Make([t], t, _ => new MinMaxAccumulator(t, isMax));
                return true;
            }
            case "first" or "last" or "any_value":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1 or 2");
                var t = args[0];
                var isLast = n == "last";
                function = Make([t], t, fn => new FirstLastAccumulator(t, isLast, fn.IgnoreNulls));
                return true;
            }
            case "collect_list" or "collect_set":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1");
                var t = args[0];
                if (n == "collect_set" && t is MapType) return Bad(out badArgument, out requirement, 0, "a type without maps");
                var set = n == "collect_set";
                function = Make([t], new ArrayType(t, containsNull: false), _ => new CollectAccumulator(t, set), nullOnEmpty: false);
                return true;
            }
            case "stddev_samp" or "stddev_pop" or "var_samp" or "var_pop":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1");
                var t = args[0];
                if (t is not (ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or DecimalType or StringType))
                    return Bad(out badArgument, out requirement, 0, "\"DOUBLE\"");
                var kind = n switch
                {
                    "stddev_samp" => VarianceKind.SampleStddev,
                    "stddev_pop" => VarianceKind.PopulationStddev,
                    "var_samp" => VarianceKind.SampleVariance,
                    _ => VarianceKind.PopulationVariance,
                };
                function = Make([DataType.Double], DataType.Double, _ => new VarianceAccumulator(kind));
                return true;
            }
            case "max_by" or "min_by":
            {
                if (args.Count != 2) return ArgCount(out requirement, "2");
                if (args[1] is MapType) return Bad(out badArgument, out requirement, 1, "an orderable type");
                var (vt, ot) = (args[0], args[1]);
                var isMax = n == "max_by";
                function = Make([vt, ot], vt, _ => new MaxByAccumulator(vt, ot, isMax));
                return true;
            }
            case "bool_and" or "bool_or":
            {
                if (args.Count != 1) return ArgCount(out requirement, "1");
                if (args[0] is not BooleanType) return Bad(out badArgument, out requirement, 0, "\"BOOLEAN\"");
                var and = n == "bool_and";
                function = Make([DataType.Boolean], DataType.Boolean, _ => new BoolAccumulator(and));
                return true;
            }
        }
        return false;
    }

    private static bool ArgCount(out string? requirement, string expected)
    {
        requirement = expected;
        return false;
    }

    private static bool Bad(out int badArgument, out string? requirement, int index, string required)
    {
        badArgument = index;
        requirement = required;
        return false;
    }
}
