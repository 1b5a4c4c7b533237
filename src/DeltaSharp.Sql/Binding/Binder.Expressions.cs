using System.Globalization;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Binding;

/// <summary>Where an expression is bound: its scope, the clause (for messages) and what it may contain.</summary>
internal readonly record struct ExprContext(
    BindScope Scope,
    string Clause,
    bool AllowAggregates = false,
    bool AllowWindows = false,
    bool InAggregate = false,
    IReadOnlyDictionary<string, BoundExpression>? Aliases = null);

internal sealed partial class Binder
{
    private BoundExpression BindExpr(SqlExpression e, ExprContext ctx)
    {
        EnsureStack(e);
        switch (e)
        {
            case NullLiteral: return new BoundLiteral(null, DataType.Null);
            case BooleanLiteral b: return new BoundLiteral(b.Value, DataType.Boolean);
            case IntegerLiteral i:
                return i.Type switch
                {
                    IntegerLiteralType.TinyInt => new BoundLiteral((sbyte)i.Value, DataType.Byte),
                    IntegerLiteralType.SmallInt => new BoundLiteral((short)i.Value, DataType.Short),
                    IntegerLiteralType.Int => new BoundLiteral((int)i.Value, DataType.Integer),
                    _ => new BoundLiteral(i.Value, DataType.Long),
                };
            case DecimalLiteral d:
                if (!DecimalValue.TryParse(d.Value, d.Scale, out var dv))
                    throw Error("INVALID_NUMERIC_LITERAL_RANGE", $"Numeric literal {d.Value} is outside the valid range for decimal.", d);
                return new BoundLiteral(dv, new DecimalType(d.Precision, d.Scale));
            case DoubleLiteral d: return new BoundLiteral(d.Value, DataType.Double);
            case FloatLiteral f: return new BoundLiteral(f.Value, DataType.Float);
            case StringLiteral s: return new BoundLiteral(s.Value, DataType.String);
            case BinaryLiteral b: return new BoundLiteral(b.Value.ToArray(), DataType.Binary);
            case TypedLiteral { Type: TypedLiteralType.Interval } ti: return BindIntervalLiteral(ti);
            case TypedLiteral t: return BindTypedLiteral(t);
            case IntervalLiteral or UnitToUnitIntervalLiteral:
                return BindIntervalLiteral(e);
            case ColumnReference c: return ResolveColumn(c.NameParts.Select(p => p.Value).ToArray(), c, ctx);
            case NiladicFunction n:
            {
                if (ctx.Scope.Resolve([n.Name], out var col, out _, out _) == BindScope.Match.Found)
                    return Remember(new BoundColumnRef(col!.Ordinal, col.Type, col.Nullable, col.Name), n);
                return ResolveScalar(n.Name, [], n, n.Name);
            }
            case StarExpression:
                throw Error("INVALID_USAGE_OF_STAR_OR_REGEX", $"Invalid usage of '*' in {ctx.Clause}.", e);
            case UnaryExpression u: return BindUnary(u, ctx);
            case BinaryExpression b: return BindBinary(b, ctx);
            case IsNullExpression n: return new BoundIsNull(BindExpr(n.Operand, ctx), n.Negated);
            case IsBooleanExpression ib:
            {
                var operand = RequireBoolean(BindExpr(ib.Operand, ctx), ib.Operand, "IS");
                if (ib.Value is null) return new BoundIsNull(operand, ib.Negated);
                var eq = ResolveScalar("<=>", [operand, new BoundLiteral(ib.Value.Value, DataType.Boolean)], ib, "<=>");
                return ib.Negated ? new BoundNot(eq) : eq;
            }
            case IsDistinctFromExpression d:
            {
                var eq = ResolveScalar("<=>", [BindExpr(d.Left, ctx), BindExpr(d.Right, ctx)], d, "<=>", [d.Left, d.Right]);
                return d.Negated ? eq : new BoundNot(eq);
            }
            case BetweenExpression bt:
            {
                var value = BindExpr(bt.Value, ctx);
                var low = BindExpr(bt.Low, ctx);
                var high = BindExpr(bt.High, ctx);
                return Shared(value, v =>
                {
                    var lo = ResolveScalar(">=", [v, low], bt, ">=", [bt.Value, bt.Low]);
                    var hi = ResolveScalar("<=", [v, high], bt, "<=", [bt.Value, bt.High]);
                    BoundExpression and = new BoundAnd(lo, hi);
                    return bt.Negated ? new BoundNot(and) : and;
                });
            }
            case InListExpression il: return BindInList(il, ctx);
            case InSubqueryExpression isq: return BindSubquery(SubqueryKind.In, isq.Query, isq, ctx, isq.Value, isq.Negated);
            case ExistsExpression ex: return BindSubquery(SubqueryKind.Exists, ex.Query, ex, ctx, null, false);
            case SubqueryExpression sq: return BindSubquery(SubqueryKind.Scalar, sq.Query, sq, ctx, null, false);
            case LikeExpression l: return BindLike(l, ctx);
            case LikeQuantifiedExpression lq:
            {
                BoundExpression? acc = null;
                foreach (var p in lq.Patterns)
                {
                    var one = BindLike(new LikeExpression(lq.Kind, lq.Value, p) { Span = lq.Span }, ctx);
                    acc = acc is null ? one : lq.Quantifier == LikeQuantifier.Any ? new BoundOr(acc, one) : new BoundAnd(acc, one);
                }
                return lq.Negated ? new BoundNot(acc!) : acc!;
            }
            case CaseExpression c: return BindCase(c, ctx);
            case CastExpression c: return BindCast(c, ctx);
            case FunctionCall f: return BindFunctionCall(f, ctx);
            case ExtractExpression x: return ResolveScalar(x.Field.Value.ToLowerInvariant(), [BindExpr(x.Source, ctx)], x, x.Field.Value, [x.Source]);
            case TrimExpression t:
            {
                var name = t.Side switch { TrimSide.Leading => "ltrim", TrimSide.Trailing => "rtrim", _ => "trim" };
                var args = new List<BoundExpression> { BindExpr(t.Source, ctx) };
                if (t.Characters is not null) args.Add(BindExpr(t.Characters, ctx));
                return ResolveScalar(name, args, t, name);
            }
            case FieldAccess fa: return FieldPath(BindExpr(fa.Base, ctx), [fa.Field.Value], fa);
            case SubscriptExpression s:
                return ResolveScalar("[]", [BindExpr(s.Base, ctx), BindExpr(s.Index, ctx)], s, "[]", [s.Base, s.Index]);
            case RowConstructor r: return BindStruct(r.Items, r, ctx);
            case AliasedExpression a: return BindExpr(a.Expression, ctx);
            default:
                throw Error("UNSUPPORTED_FEATURE", $"The expression {ColumnNamer.Pretty(e)} is not supported yet.", e);
        }
    }

    // ───────────────────────────── names ─────────────────────────────

    private BoundExpression ResolveColumn(IReadOnlyList<string> parts, SqlNode node, ExprContext ctx)
    {
        var scope = ctx.Scope;
        switch (scope.Resolve(parts, out var col, out var path, out var candidates))
        {
            case BindScope.Match.Found:
                return FieldPath(Remember(new BoundColumnRef(col!.Ordinal, col.Type, col.Nullable, col.Name), node), path, node);
            case BindScope.Match.Ambiguous:
                throw Error("AMBIGUOUS_REFERENCE",
                    $"Reference {NameSuggestions.SqlId(parts)} is ambiguous, could be: [{string.Join(", ", candidates.Select(c => c.SqlId))}].", node);
        }
        if (parts.Count == 1 && ctx.Aliases is not null && ctx.Aliases.TryGetValue(parts[0], out var aliased)) return aliased;
        if (scope.Outer is { } outer)
        {
            switch (outer.Resolve(parts, out var oc, out var opath, out var ocands))
            {
                case BindScope.Match.Found:
                    if (_correlation.Count == 0)
                        throw Error("UNSUPPORTED_FEATURE.CORRELATED_REFERENCE", "A correlated reference is not supported here.", node);
                    var outerRef = new BoundOuterRef(1, oc!.Ordinal, oc.Type, oc.Nullable, oc.Name);
                    _correlation.Peek().Add(outerRef);
                    return FieldPath(Remember(outerRef, node), opath, node);
                case BindScope.Match.Ambiguous:
                    throw Error("AMBIGUOUS_REFERENCE",
                        $"Reference {NameSuggestions.SqlId(parts)} is ambiguous, could be: [{string.Join(", ", ocands.Select(c => c.SqlId))}].", node);
            }
            if (outer.Outer is { } outer2 && outer2.Resolve(parts, out _, out _, out _) == BindScope.Match.Found)
                throw Error("UNSUPPORTED_FEATURE.CORRELATED_REFERENCE", $"The reference {NameSuggestions.SqlId(parts)} to a query two levels out is not supported; move the subquery or join first.", node);
        }
        var visible = scope.Columns.Where(c => !c.Hidden).ToArray();
        var suggestions = NameSuggestions.Order(parts, visible);
        var id = NameSuggestions.SqlId(parts);
        if (suggestions.Count == 0)
            throw Error("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", $"A column, variable, or function parameter with name {id} cannot be resolved.", node);
        throw Error("UNRESOLVED_COLUMN.WITH_SUGGESTION",
            $"A column, variable, or function parameter with name {id} cannot be resolved. Did you mean one of the following? [{string.Join(", ", suggestions)}].", node);
    }

    private BoundExpression FieldPath(BoundExpression bound, IReadOnlyList<string> path, SqlNode node)
    {
        foreach (var name in path)
        {
            if (bound.Type is not StructType st)
                throw Error("INVALID_EXTRACT_BASE_FIELD_TYPE", $"Can't extract a value from {SqlType(bound.Type)}. Need a complex type [STRUCT, ARRAY, MAP] but got {SqlType(bound.Type)}.", node);
            var index = st.IndexOf(name);
            if (index < 0)
                throw Error("FIELD_NOT_FOUND", $"No such struct field `{name}` in {string.Join(", ", st.Fields.Select(f => "`" + f.Name + "`"))}.", node);
            bound = new BoundFieldAccess(bound, index);
        }
        return bound;
    }

    // ───────────────────────────── operators ─────────────────────────────

    private BoundExpression BindUnary(UnaryExpression u, ExprContext ctx)
    {
        var operand = BindExpr(u.Operand, ctx);
        switch (u.Operator)
        {
            case UnaryOperator.Not: return new BoundNot(RequireBoolean(operand, u.Operand, "NOT"));
            case UnaryOperator.Negate: return ResolveScalar("negative", [operand], u, "-", [u.Operand]);
            case UnaryOperator.Plus:
                return operand.Type is ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or DecimalType or NullType
                    or DayTimeIntervalType or YearMonthIntervalType
                    ? operand
                    : throw Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", $"Cannot resolve {SqlExpr(u)} due to data type mismatch: The first parameter requires the (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\") type, however {SqlExpr(u.Operand)} has the type {SqlType(operand.Type)}.", u);
            default: return ResolveScalar("~", [operand], u, "~", [u.Operand]);
        }
    }

    private BoundExpression BindBinary(BinaryExpression b, ExprContext ctx)
    {
        if (b.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            var l = RequireBoolean(BindExpr(b.Left, ctx), b.Left, b.Operator == BinaryOperator.And ? "AND" : "OR", b);
            var r = RequireBoolean(BindExpr(b.Right, ctx), b.Right, b.Operator == BinaryOperator.And ? "AND" : "OR", b);
            return b.Operator == BinaryOperator.And ? new BoundAnd(l, r) : new BoundOr(l, r);
        }
        if (b.Operator is BinaryOperator.Add or BinaryOperator.Subtract)
        {
            // A calendar interval mixing months with days or time has no ANSI type: apply it as one step.
            if (IsMixedInterval(b.Right))
                return BindIntervalArithmetic(BindExpr(b.Left, ctx), b.Right, b.Operator == BinaryOperator.Subtract, b);
            if (b.Operator == BinaryOperator.Add && IsMixedInterval(b.Left))
                return BindIntervalArithmetic(BindExpr(b.Right, ctx), b.Left, false, b);
        }
        var left = BindExpr(b.Left, ctx);
        var right = BindExpr(b.Right, ctx);
        switch (b.Operator)
        {
            case BinaryOperator.NotEqual: return new BoundNot(ResolveScalar("=", [left, right], b, "=", [b.Left, b.Right]));
            case BinaryOperator.Concat: return ResolveScalar("||", [left, right], b, "||", [b.Left, b.Right]);
        }
        var name = b.Operator switch
        {
            BinaryOperator.Equal => "=",
            BinaryOperator.NullSafeEqual => "<=>",
            BinaryOperator.LessThan => "<",
            BinaryOperator.LessThanOrEqual => "<=",
            BinaryOperator.GreaterThan => ">",
            BinaryOperator.GreaterThanOrEqual => ">=",
            BinaryOperator.BitwiseOr => "|",
            BinaryOperator.BitwiseXor => "^",
            BinaryOperator.BitwiseAnd => "&",
            BinaryOperator.ShiftLeft => "shiftleft",
            BinaryOperator.ShiftRight => "shiftright",
            BinaryOperator.ShiftRightUnsigned => "shiftrightunsigned",
            BinaryOperator.Add => "+",
            BinaryOperator.Subtract => "-",
            BinaryOperator.Multiply => "*",
            BinaryOperator.Divide => "/",
            BinaryOperator.Modulo => "%",
            _ => "div",
        };
        return ResolveScalar(name, [left, right], b, name, [b.Left, b.Right]);
    }

    /// <summary>A boolean operand: as is, a typed NULL, or DATATYPE_MISMATCH.</summary>
    private BoundExpression RequireBoolean(BoundExpression e, SqlExpression node, string context, SqlExpression? whole = null)
    {
        if (IsUntypedNull(e)) return BoundLiteral.NullOf(DataType.Boolean);
        if (e.Type is BooleanType) return e;
        if (context is "WHERE" or "HAVING" or "JOIN condition")
            throw Error("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                $"Cannot resolve {SqlExpr(node)} due to data type mismatch: Filter expression {SqlExpr(node)} of type {SqlType(e.Type)} is not a boolean.", node);
        throw Error("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
            $"Cannot resolve {SqlExpr(whole ?? node)} due to data type mismatch: the binary operator requires the input type \"BOOLEAN\", not {SqlType(e.Type)}.", node);
    }

    /// <summary>Resolves a scalar function through the kernels' registry and casts the arguments to its parameter
    /// types (NULL arguments have the void type, which the registry coerces). <paramref name="argSql"/> is the
    /// arguments' SQL for messages (Spark quotes the expression: <c>Cannot resolve "(a + b)"</c>).</summary>
    internal BoundExpression ResolveScalar(string name, IReadOnlyList<BoundExpression> args, SqlNode node, string display, IReadOnlyList<SqlExpression>? argSql = null)
    {
        var sqlText = argSql is not null && argSql.Count == args.Count ? argSql.Select(ColumnNamer.Pretty).ToArray() : null;
        var arguments = new Compute.FunctionArgument[args.Count];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = args[i] is BoundLiteral lit
                ? new Compute.FunctionArgument(lit.Type, sqlText?[i], IsConstant: true, Value: lit.Value)
                : new Compute.FunctionArgument(args[i].Type, sqlText?[i]);
        if (!Kernels.TryResolve(name, arguments, _context.AnsiMode, out var fn, out var errorClass, out var message) || fn is null)
            throw Error(errorClass ?? "UNRESOLVED_ROUTINE", message ?? $"Cannot resolve routine `{display}`.", node);
        var coerced = new BoundExpression[args.Count];
        for (var i = 0; i < coerced.Length; i++) coerced[i] = Coerce(args[i], fn.ParameterTypes[Math.Min(i, fn.ParameterTypes.Count - 1)]);
        return Remember(new BoundFunctionCall(fn, new NodeList<BoundExpression>(coerced)), node);
    }

    private BoundExpression BindLike(LikeExpression l, ExprContext ctx)
    {
        var name = l.Kind switch { LikeKind.ILike => "ilike", LikeKind.RLike => "rlike", _ => "like" };
        var args = new List<BoundExpression> { BindExpr(l.Value, ctx), BindExpr(l.Pattern, ctx) };
        if (l.Escape is { } esc) args.Add(new BoundLiteral(esc.ToString(), DataType.String));
        var call = ResolveScalar(name, args, l, name, l.Escape is null ? [l.Value, l.Pattern] : null);
        return l.Negated ? new BoundNot(call) : call;
    }

    private BoundExpression BindInList(InListExpression il, ExprContext ctx)
    {
        var value = BindExpr(il.Value, ctx);
        // (a, b) IN ((1, 2), …): the rows compare field by field, so every row takes the value's field names.
        var names = il.Value is RowConstructor rc ? StructFieldNames(rc.Items) : null;
        var items = il.List.Select(i => names is not null && i is RowConstructor r && r.Items.Count == names.Count
            ? BindStruct(r.Items, r, ctx, names)
            : BindExpr(i, ctx)).ToArray();
        var type = CommonType([value, .. items], out var offender);
        if (type is null)
            throw Error("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                $"Cannot resolve {SqlExpr(il)} due to data type mismatch: Input to `in` should all be the same type, but it's [{string.Join(", ", new[] { value }.Concat(items).Select(x => x.Type.SimpleString.ToUpperInvariant()))}].", il);
        return Remember(new BoundInList(Coerce(value, type), new NodeList<BoundExpression>(items.Select(i => Coerce(i, type))), il.Negated), il);
    }

    /// <summary>An operand Spark's expression mentions several times (simple CASE, NULLIF, BETWEEN): a column or
    /// literal is repeated as is (scan predicates still see it), anything else is evaluated once per row in a
    /// <see cref="BoundLet"/>, so nested calls do not grow the work exponentially.</summary>
    private static BoundExpression Shared(BoundExpression operand, Func<BoundExpression, BoundExpression> body) =>
        operand is BoundColumnRef or BoundLiteral or BoundOuterRef
            ? body(operand)
            : new BoundLet(operand, body(new BoundLetRef(0, operand.Type, operand.Nullable)));

    private BoundExpression BindCase(CaseExpression c, ExprContext ctx)
    {
        if (c.Operand is null) return BindCaseBody(c, null, ctx);
        return Shared(BindExpr(c.Operand, ctx), operand => BindCaseBody(c, operand, ctx));
    }

    private BoundExpression BindCaseBody(CaseExpression c, BoundExpression? operand, ExprContext ctx)
    {
        var conditions = new List<BoundExpression>();
        var results = new List<BoundExpression>();
        foreach (var w in c.WhenClauses)
        {
            if (operand is null) conditions.Add(RequireBoolean(BindExpr(w.Condition, ctx), w.Condition, "WHEN"));
            else conditions.Add(ResolveScalar("=", [operand, BindExpr(w.Condition, ctx)], w.Condition, "=", [c.Operand!, w.Condition]));
            results.Add(BindExpr(w.Result, ctx));
        }
        var elseExpr = c.Else is null ? null : BindExpr(c.Else, ctx);
        var type = CommonType(elseExpr is null ? results : [.. results, elseExpr], out _)
            ?? throw Error("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                $"Cannot resolve {SqlExpr(c)} due to data type mismatch: Input to `casewhen` should all be the same type, but it's [{string.Join(", ", results.Concat(elseExpr is null ? [] : [elseExpr]).Select(r => r.Type.SimpleString.ToUpperInvariant()))}].", c);
        return new BoundCase(
            new NodeList<BoundExpression>(conditions),
            new NodeList<BoundExpression>(results.Select(r => Coerce(r, type))),
            elseExpr is null ? null : Coerce(elseExpr, type),
            type);
    }

    private BoundExpression BindCast(CastExpression c, ExprContext ctx)
    {
        var operand = BindExpr(c.Operand, ctx);
        DataType target;
        try
        {
            target = c.Type.ToDataType();
        }
        catch (SqlParseException e)
        {
            throw Error(e.ErrorClass, e.Detail, c.Type);
        }
        if (IsUntypedNull(operand)) return BoundLiteral.NullOf(target);
        if (!Kernels.CanCast(operand.Type, target))
            throw Error("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                $"Cannot resolve {SqlExpr(c)} due to data type mismatch: cannot cast {SqlType(operand.Type)} to {SqlType(target)}.", c);
        return Remember(new BoundCast(operand, target, c.IsTry), c);
    }

    private BoundExpression BindTypedLiteral(TypedLiteral t)
    {
        var target = t.Type switch
        {
            TypedLiteralType.Date => (DataType)DataType.Date,
            TypedLiteralType.TimestampNtz => DataType.TimestampNtz,
            TypedLiteralType.Timestamp or TypedLiteralType.TimestampLtz => DataType.Timestamp,
            _ => throw Error("UNSUPPORTED_FEATURE.INTERVAL_VALUE", "Interval values are only supported as the operand of + or - with a date or timestamp.", t),
        };
        object? value;
        try
        {
            value = ConstantEvaluator.Evaluate(new BoundCast(new BoundLiteral(t.Value, DataType.String), target), _context);
        }
        catch (ComputeException)
        {
            value = null;
        }
        if (value is null)
            throw Error("INVALID_TYPED_LITERAL", $"The value of the typed literal {SqlType(target)} is invalid: '{t.Value}'.", t);
        return new BoundLiteral(value, target);
    }

    /// <summary>
    /// <c>struct(a, b AS n, 1)</c> and <c>(a, b)</c>: a named_struct whose field names follow Spark — the alias, else
    /// a column's (or field's) own name, else col1, col2, … by position.
    /// </summary>
    private BoundExpression BindStruct(IReadOnlyList<SqlExpression> items, SqlNode node, ExprContext ctx, IReadOnlyList<string>? names = null)
    {
        names ??= StructFieldNames(items);
        var args = new List<BoundExpression>();
        for (var i = 0; i < items.Count; i++)
        {
            args.Add(new BoundLiteral(names[i], DataType.String));
            args.Add(BindExpr(items[i], ctx));
        }
        return ResolveScalar("named_struct", args, node, "struct");
    }

    private static List<string> StructFieldNames(IReadOnlyList<SqlExpression> items) =>
        items.Select((item, i) => item switch
        {
            AliasedExpression a => a.Alias.Value,
            ColumnReference c => c.NameParts[^1].Value,
            FieldAccess f => f.Field.Value,
            _ => "col" + (i + 1).ToString(CultureInfo.InvariantCulture),
        }).ToList();

    // ───────────────────────────── subqueries ─────────────────────────────

    private BoundExpression BindSubquery(SubqueryKind kind, Query query, SqlExpression node, ExprContext ctx, SqlExpression? valueExpr, bool negated)
    {
        BoundExpression? value = valueExpr is null ? null : BindExpr(valueExpr, ctx);
        var refs = new List<BoundOuterRef>();
        _correlation.Push(refs);
        BoundRelation bound;
        try
        {
            bound = BindQuery(query, ctx.Scope);
        }
        finally
        {
            _correlation.Pop();
        }
        var schema = bound.Plan.Schema;
        var plan = bound.Plan;
        if (kind == SubqueryKind.Scalar && schema.Count != 1)
            throw Error("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                $"Invalid subquery: Scalar subquery must return only one column, but got {schema.Count}.", node);
        if (kind == SubqueryKind.In)
        {
            var width = value is { Type: StructType st } && valueExpr is RowConstructor ? st.Count : 1;
            if (schema.Count != width)
                throw Error("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                    $"Cannot resolve {SqlExpr(node)} due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: {width}), right hand side columns(length: {schema.Count}).", node);
            if (width > 1)
            {
                // (a, b) IN (SELECT x, y …): compare rows as structs with the value's field names.
                var fieldNames = ((StructType)value!.Type).Fields.Select(f => f.Name).ToArray();
                var structArgs = new List<BoundExpression>();
                for (var i = 0; i < width; i++)
                {
                    structArgs.Add(new BoundLiteral(fieldNames[i], DataType.String));
                    structArgs.Add(new BoundColumnRef(i, schema[i].Type, schema[i].Nullable, schema[i].Name));
                }
                var row = ResolveScalar("named_struct", structArgs, node, "struct");
                plan = new Planning.LogicalProject(plan, [row], ["row"]);
                schema = plan.Schema;
            }
            var type = Kernels.WiderType(value!.Type, schema[0].Type)
                ?? (IsUntypedNull(value) ? schema[0].Type : null)
                ?? throw Error("DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
                    $"Cannot resolve {SqlExpr(node)} due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [{value.Type.SimpleString}, {schema[0].Type.SimpleString}].", node);
            value = Coerce(value, type);
            if (schema[0].Type != type)
                plan = new Planning.LogicalProject(plan, [Coerce(new BoundColumnRef(0, schema[0].Type, schema[0].Nullable, schema[0].Name), type)], [schema[0].Name]);
        }
        return Remember(new BoundSubquery(kind, plan, value, negated) { OuterReferences = refs.Distinct().ToArray() }, node);
    }
}
