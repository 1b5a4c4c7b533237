using DeltaSharp.Compute;
using System.Globalization;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Execution.Aggregates;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;
using AstWindowFrame = DeltaSharp.Sql.Ast.WindowFrame;
using BoundWindowFrame = DeltaSharp.Sql.Expressions.WindowFrame;

namespace DeltaSharp.Sql.Binding;

internal sealed partial class Binder
{
    private static readonly HashSet<string> RankingFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "nth_value",
    };

    private static readonly Dictionary<string, DataType> CastFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["boolean"] = DataType.Boolean,
        ["tinyint"] = DataType.Byte,
        ["smallint"] = DataType.Short,
        ["int"] = DataType.Integer,
        ["bigint"] = DataType.Long,
        ["float"] = DataType.Float,
        ["double"] = DataType.Double,
        ["decimal"] = new DecimalType(10, 0),
        ["string"] = DataType.String,
        ["binary"] = DataType.Binary,
        ["date"] = DataType.Date,
        ["timestamp"] = DataType.Timestamp,
        ["timestamp_ntz"] = DataType.TimestampNtz,
    };

    /// <summary>Named windows of the SELECT being bound (WINDOW w AS (…)).</summary>
    private IReadOnlyDictionary<string, WindowSpec>? _namedWindows;

    private BoundExpression BindFunctionCall(FunctionCall f, ExprContext ctx)
    {
        var name = f.Name.Parts.Count == 1 ? f.Name.Name.ToLowerInvariant() : string.Join('.', f.Name.Parts.Select(p => p.Value)).ToLowerInvariant();
        if (name.StartsWith("system.builtin.", StringComparison.Ordinal) || name.StartsWith("builtin.", StringComparison.Ordinal)) name = name[(name.LastIndexOf('.') + 1)..];
        if (f.Over is not null) return BindWindowCall(f, name, ctx);
        if (AggregateRegistry.IsAggregate(name)) return BindAggregateCall(f, name, ctx);
        if (RankingFunctions.Contains(name))
            throw Error("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", $"Window function \"{name}\" requires an OVER clause.", f);
        if (f.Distinct || f.Filter is not null)
            throw Error("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", $"Invalid SQL syntax: The function `{name}` does not support {(f.Distinct ? "DISTINCT" : "FILTER")}.", f);
        foreach (var a in f.Arguments)
            if (a is StarExpression)
                throw Error("INVALID_USAGE_OF_STAR_OR_REGEX", $"Invalid usage of '*' in expression `{name}`.", a);
        if (name == "struct") return BindStruct(f.Arguments, f, ctx);
        var args = f.Arguments.Select(a => BindExpr(a, ctx)).ToArray();
        switch (name)
        {
            case "coalesce":
            {
                if (args.Length == 0)
                    throw Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `coalesce` requires > 0 parameters but the actual number is 0.", f);
                var type = CommonTypeOrFail(args, f, name);
                return CoalesceOf(args.Select(a => Coerce(a, type)).ToArray(), type);
            }
            case "nvl" or "ifnull":
            {
                ExpectArgs(f, name, args, 2);
                var type = CommonTypeOrFail(args, f, name);
                return CoalesceOf(args.Select(a => Coerce(a, type)).ToArray(), type);
            }
            case "nvl2":
            {
                ExpectArgs(f, name, args, 3);
                var type = CommonTypeOrFail(args[1..], f, name);
                return new BoundCase([new BoundIsNull(args[0], Negated: true)], [Coerce(args[1], type)], Coerce(args[2], type), type);
            }
            case "nullif":
            {
                ExpectArgs(f, name, args, 2);
                var type = IsUntypedNull(args[0]) ? args[1].Type : args[0].Type;
                var right = args[1];
                return Shared(args[0], left =>
                    new BoundCase([ResolveScalar("=", [left, right], f, "=")], [BoundLiteral.NullOf(type)], Coerce(left, type), type));
            }
            case "if" or "iff":
            {
                ExpectArgs(f, name, args, 3);
                var cond = RequireBoolean(args[0], f.Arguments[0], "IF");
                var type = CommonTypeOrFail(args[1..], f, name);
                return new BoundCase([cond], [Coerce(args[1], type)], Coerce(args[2], type), type);
            }
            case "typeof":
                ExpectArgs(f, name, args, 1);
                return new BoundLiteral(args[0].Type.SimpleString, DataType.String);
            case "isnull" or "isnotnull":
                ExpectArgs(f, name, args, 1);
                return new BoundIsNull(args[0], name == "isnotnull");
            case "not":
                ExpectArgs(f, name, args, 1);
                return new BoundNot(RequireBoolean(args[0], f.Arguments[0], "NOT"));
            case "in" when args.Length >= 1:
            {
                var type = CommonTypeOrFail(args, f, name);
                return new BoundInList(Coerce(args[0], type), new NodeList<BoundExpression>(args.Skip(1).Select(a => Coerce(a, type))));
            }
        }
        if (CastFunctions.TryGetValue(name, out var target) && args.Length == 1)
        {
            if (IsUntypedNull(args[0])) return BoundLiteral.NullOf(target);
            if (!Kernels.CanCast(args[0].Type, target))
                throw Error("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", $"Cannot resolve {SqlExpr(f)} due to data type mismatch: cannot cast {SqlType(args[0].Type)} to {SqlType(target)}.", f);
            return Remember(new BoundCast(args[0], target), f);
        }
        return ResolveScalar(name, args, f, name, f.Arguments);
    }

    private void ExpectArgs(FunctionCall f, string name, BoundExpression[] args, int count)
    {
        if (args.Length != count)
            throw Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                $"The `{name}` requires {count} parameters but the actual number is {args.Length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", f);
    }

    private DataType CommonTypeOrFail(IReadOnlyList<BoundExpression> args, FunctionCall f, string name) =>
        CommonType(args, out _)
        ?? throw Error("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
            $"Cannot resolve {SqlExpr(f)} due to data type mismatch: Input to `{name}` should all be the same type, but it's [{string.Join(", ", args.Select(a => a.Type.SimpleString.ToUpperInvariant()))}].", f);

    // ───────────────────────────── aggregates ─────────────────────────────

    private BoundExpression BindAggregateCall(FunctionCall f, string name, ExprContext ctx)
    {
        var text = SqlExpr(f);
        if (ctx.InAggregate)
            throw Error("NESTED_AGGREGATE_FUNCTION", "It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.", f);
        if (!ctx.AllowAggregates)
        {
            throw ctx.Clause switch
            {
                "WHERE" => Error("INVALID_WHERE_CONDITION", $"The WHERE condition {text} contains invalid expressions: {ColumnNamer.Pretty(f)}.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.", f),
                "GROUP BY" => Error("GROUP_BY_AGGREGATE", $"Aggregate functions are not allowed in GROUP BY, but found {ColumnNamer.Pretty(f)}.", f),
                _ => Error("UNSUPPORTED_EXPR_FOR_OPERATOR", $"A query operator contains one or more unsupported expressions: the aggregate {ColumnNamer.Pretty(f)} is not allowed in {ctx.Clause}.", f),
            };
        }
        var inner = ctx with { InAggregate = true, AllowWindows = false, AllowAggregates = true };
        var argAsts = f.Arguments;
        BoundExpression[] args;
        if (name == "count" && argAsts.Count == 1 && argAsts[0] is StarExpression { Qualifier.Count: 0 })
            args = [];
        else
        {
            foreach (var a in argAsts)
                if (a is StarExpression)
                    throw Error("INVALID_USAGE_OF_STAR_OR_REGEX", $"Invalid usage of '*' in expression `{name}`.", a);
            args = argAsts.Select(a => BindExpr(a, inner)).ToArray();
        }
        var ignoreNulls = f.Nulls == NullTreatment.Ignore;
        if (name is "first" or "last" or "first_value" or "last_value" or "any_value" && args.Length == 2)
        {
            if (args[1] is not BoundLiteral { Value: bool b })
                throw Error("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", $"Cannot resolve {text} due to data type mismatch: the input `ignoreNulls` should be a foldable \"BOOLEAN\" expression.", argAsts[1]);
            ignoreNulls |= b;
            args = [args[0]];
        }
        if (name == "approx_count_distinct" && args.Length == 2) args = [args[0]];
        // A NULL argument is given the type the function accepts first (Spark's implicit cast of void).
        var types = args.Select(a => IsUntypedNull(a) ? (name is "sum" or "avg" or "mean" or "stddev" or "std" or "stddev_samp" or "stddev_pop" or "variance" or "var_samp" or "var_pop" ? DataType.Double : name is "bool_and" or "bool_or" or "every" or "some" or "any" or "count_if" ? DataType.Boolean : DataType.Null) : a.Type).ToArray();
        if (!AggregateRegistry.TryResolve(name, types, f.Distinct, ignoreNulls, out var fn, out var bad, out var requirement) || fn is null)
        {
            if (bad < 0)
                throw Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                    $"The `{name}` requires {requirement} parameters but the actual number is {args.Length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", f);
            throw Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                $"Cannot resolve {text} due to data type mismatch: The {Ordinal(bad + 1)} parameter requires the ({requirement}) type, however {SqlExpr(argAsts[bad])} has the type {SqlType(types[bad])}.", argAsts[bad]);
        }
        BoundExpression? filter = null;
        if (f.Filter is not null)
            filter = RequireBoolean(BindExpr(f.Filter, inner), f.Filter, "FILTER");
        var coerced = args.Select((a, i) => Coerce(a, fn.ParameterTypes[i])).ToArray();
        return Remember(new BoundAggregateCall(fn, new NodeList<BoundExpression>(coerced), f.Distinct, filter), f);
    }

    // ───────────────────────────── windows ─────────────────────────────

    private BoundExpression BindWindowCall(FunctionCall f, string name, ExprContext ctx)
    {
        if (!ctx.AllowWindows)
        {
            throw ctx.Clause == "WHERE"
                ? Error("INVALID_WHERE_CONDITION", $"The WHERE condition {SqlExpr(f)} contains invalid expressions: {ColumnNamer.Pretty(f)}.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.", f)
                : Error("WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE", $"It is not allowed to use window functions inside {ctx.Clause} clause.", f);
        }
        var spec = f.Over!;
        if (spec.Name is not null)
        {
            if (_namedWindows is null || !_namedWindows.TryGetValue(spec.Name.Value, out var named))
                throw Error("MISSING_WINDOW_SPECIFICATION", $"Window specification {spec.Name.Value} is not defined in the WINDOW clause.", spec);
            spec = spec.PartitionBy.Count == 0 && spec.OrderBy.Count == 0 && spec.Frame is null ? named : spec with { Name = null };
        }
        var inner = ctx with { AllowWindows = false };
        var partition = spec.PartitionBy.Select(p => BindExpr(p, inner)).ToArray();
        var order = spec.OrderBy.Select(o => MakeSortKey(BindExpr(o.Expression, inner), o)).ToArray();
        var frame = BindFrame(spec.Frame, order.Length > 0, spec);
        if (f.Distinct)
            throw Error("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", $"Distinct window functions are not supported: {ColumnNamer.Pretty(f)}.", f);
        var argAsts = f.Arguments;

        WindowFunctionKind? kind = name switch
        {
            "row_number" => WindowFunctionKind.RowNumber,
            "rank" => WindowFunctionKind.Rank,
            "dense_rank" => WindowFunctionKind.DenseRank,
            "percent_rank" => WindowFunctionKind.PercentRank,
            "cume_dist" => WindowFunctionKind.CumeDist,
            "ntile" => WindowFunctionKind.Ntile,
            "lag" => WindowFunctionKind.Lag,
            "lead" => WindowFunctionKind.Lead,
            "nth_value" => WindowFunctionKind.NthValue,
            _ => null,
        };
        if (kind is null)
        {
            if (!AggregateRegistry.IsAggregate(name))
                throw Error("UNSUPPORTED_EXPR_FOR_WINDOW", $"SqlExpression {SqlExpr(f)} not supported within a window function.", f);
            var agg = (BoundAggregateCall)BindAggregateCall(f with { Over = null }, name, ctx with { AllowAggregates = true, InAggregate = false });
            return Remember(new BoundWindowCall(WindowFunctionKind.Aggregate, agg.Function.Name, agg.Type, agg.Arguments,
                new NodeList<BoundExpression>(partition), new NodeList<SortOrder>(order), frame, agg.Function), f);
        }
        if (order.Length == 0 && kind is not WindowFunctionKind.NthValue)
            throw Error("WINDOW_FUNCTION_FRAME_NOT_ORDERED", $"Window function {name} requires the window to be ordered, please add an ORDER BY clause. For example: SELECT {ColumnNamer.Pretty(f with { Over = null })} OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table.", f);
        var args = argAsts.Select(a => BindExpr(a, inner)).ToArray();
        var k = kind.Value;
        switch (k)
        {
            case WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank
                or WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist:
            {
                if (args.Length != 0)
                    throw Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", $"The `{name}` requires 0 parameters but the actual number is {args.Length}.", f);
                var type = k is WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist ? (DataType)DataType.Double : DataType.Integer;
                return Remember(new BoundWindowCall(k, name, type, [], new NodeList<BoundExpression>(partition), new NodeList<SortOrder>(order), frame), f);
            }
            case WindowFunctionKind.Ntile:
            {
                if (args.Length != 1 || args[0] is not BoundLiteral { Value: int n } || n <= 0)
                    throw Error("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", $"Cannot resolve {SqlExpr(f)} due to data type mismatch: The `buckets` must be a positive integer literal.", f);
                return Remember(new BoundWindowCall(k, name, DataType.Integer, [], new NodeList<BoundExpression>(partition), new NodeList<SortOrder>(order), frame, Offset: n), f);
            }
            case WindowFunctionKind.Lag or WindowFunctionKind.Lead or WindowFunctionKind.NthValue:
            {
                if (args.Length is < 1 or > 3)
                    throw Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", $"The `{name}` requires [1, 2, 3] parameters but the actual number is {args.Length}.", f);
                long offset = k == WindowFunctionKind.NthValue ? 0 : 1;
                if (args.Length >= 2)
                {
                    // Spark's inputTypes: (any, INT, input type or NULL); an interval or a decimal is not an offset.
                    if (!TypeCoercion.IsIntegral(args[1].Type) && args[1].Type is not NullType)
                        throw Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", $"Cannot resolve {SqlExpr(f)} due to data type mismatch: The second parameter requires the \"INT\" type, however {SqlExpr(argAsts[1])} has the type {SqlType(args[1].Type)}.", argAsts[1]);
                    if (ConstantEvaluator.IsConstant(args[1]) && ConstantEvaluator.Evaluate(args[1], _context) is int or long && !IsUntypedNull(args[1]))
                        offset = Convert.ToInt64(ConstantEvaluator.Evaluate(args[1], _context), CultureInfo.InvariantCulture);
                    else
                        throw Error("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", $"Cannot resolve {SqlExpr(f)} due to data type mismatch: the input `offset` should be a foldable integer expression.", argAsts[1]);
                }
                if (k == WindowFunctionKind.NthValue && offset <= 0)
                    throw Error("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", $"Cannot resolve {SqlExpr(f)} due to data type mismatch: The `offset` must be a positive integer.", f);
                var type = args[0].Type;
                var list = new List<BoundExpression> { Coerce(args[0], type) };
                if (args.Length == 3 && k != WindowFunctionKind.NthValue)
                {
                    if (TypeCoercion.ImplicitCast(args[2].Type, ExpectedType.Of(type), _context.AnsiMode) is null)
                        throw Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", $"Cannot resolve {SqlExpr(f)} due to data type mismatch: The third parameter requires the {SqlType(type)} type, however {SqlExpr(argAsts[2])} has the type {SqlType(args[2].Type)}.", argAsts[2]);
                    list.Add(Coerce(args[2], type));
                }
                return Remember(new BoundWindowCall(k, name, type, new NodeList<BoundExpression>(list), new NodeList<BoundExpression>(partition),
                    new NodeList<SortOrder>(order), k == WindowFunctionKind.NthValue ? frame : BoundWindowFrame.WholePartition, Offset: offset,
                    IgnoreNulls: f.Nulls == NullTreatment.Ignore), f);
            }
        }
        throw Error("UNSUPPORTED_EXPR_FOR_WINDOW", $"SqlExpression {SqlExpr(f)} not supported within a window function.", f);
    }

    private BoundWindowFrame BindFrame(AstWindowFrame? frame, bool ordered, SqlNode at)
    {
        if (frame is null) return ordered ? BoundWindowFrame.DefaultOrdered : BoundWindowFrame.WholePartition;
        var unit = frame.Type == WindowFrameType.Rows ? FrameUnit.Rows : FrameUnit.Range;
        var start = BindBound(frame.Start, unit);
        var end = frame.End is null ? FrameBoundary.CurrentRow : BindBound(frame.End, unit);
        if (unit == FrameUnit.Range && (!start.Unbounded && start.Offset != 0 || !end.Unbounded && end.Offset != 0) && !ordered)
            throw Error("DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER", "Cannot resolve the window frame: A range window frame with value boundaries cannot be used in a window specification without order by.", at);
        if (!start.Unbounded && !end.Unbounded && start.Offset > end.Offset || start.Unbounded && start.Offset > 0 || end.Unbounded && end.Offset < 0)
            throw Error("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON", "Cannot resolve the window frame: The lower bound of a window frame must be less than or equal to the upper bound.", at);
        return new BoundWindowFrame(unit, start, end);
    }

    private FrameBoundary BindBound(FrameBound b, FrameUnit unit)
    {
        switch (b.Kind)
        {
            case FrameBoundKind.UnboundedPreceding: return FrameBoundary.UnboundedPreceding;
            case FrameBoundKind.UnboundedFollowing: return FrameBoundary.UnboundedFollowing;
            case FrameBoundKind.CurrentRow: return FrameBoundary.CurrentRow;
        }
        var value = BindExpr(b.Offset!, new ExprContext(BindScope.Empty, "window frame"));
        if (!ConstantEvaluator.IsConstant(value) || ConstantEvaluator.Evaluate(value, _context) is not (int or long or short or sbyte) || value.Type is DecimalType)
            throw Error("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE", $"Cannot resolve the window frame: The data type of the frame boundary {SqlExpr(b.Offset!)} must be an integer{(unit == FrameUnit.Range ? " (RANGE frames with other offsets are not supported yet)" : "")}.", b);
        var n = Convert.ToInt64(ConstantEvaluator.Evaluate(value, _context), CultureInfo.InvariantCulture);
        return new FrameBoundary(false, b.Kind == FrameBoundKind.Preceding ? -n : n);
    }
}
