using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Binders of the operators (reserved names) and of the arithmetic functions that share their rules: Spark's
/// string promotion, decimal precision, integral division to bigint, <c>/</c> to double or decimal, and the
/// date/time forms of + and - (date + int, timestamp ± interval, date - date, …).
/// </summary>
internal static class Operators
{
    private static readonly HashSet<string> Names =
        ["+", "-", "*", "/", "%", "div", "=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>", "and", "or", "||", "&", "|", "^"];

    private const string NumericOrInterval = "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\")";

    public static bool IsOperator(string name) => Names.Contains(name);

    public static void Register(FunctionTable t)
    {
        t.Add("+", 1, 2, r => r.Count == 1 ? BindPositive(r) : BindArithmetic(r, ArithmeticOp.Add, EvalMode.Context));
        t.Add("-", 1, 2, r => r.Count == 1 ? BindNegate(r, abs: false) : BindArithmetic(r, ArithmeticOp.Subtract, EvalMode.Context));
        t.Add("*", 2, 2, r => BindArithmetic(r, ArithmeticOp.Multiply, EvalMode.Context));
        t.Add("/", 2, 2, r => BindArithmetic(r, ArithmeticOp.Divide, EvalMode.Context));
        t.Add("%", 2, 2, r => BindArithmetic(r, ArithmeticOp.Remainder, EvalMode.Context));
        t.Add("div", 2, 2, r => BindArithmetic(r, ArithmeticOp.IntegralDivide, EvalMode.Context));
        t.Alias("mod", "%");
        t.Add("pmod", 2, 2, r => BindArithmetic(r, ArithmeticOp.Pmod, EvalMode.Context));
        t.Add("try_add", 2, 2, r => BindArithmetic(r, ArithmeticOp.Add, EvalMode.Try));
        t.Add("try_subtract", 2, 2, r => BindArithmetic(r, ArithmeticOp.Subtract, EvalMode.Try));
        t.Add("try_multiply", 2, 2, r => BindArithmetic(r, ArithmeticOp.Multiply, EvalMode.Try));
        t.Add("try_divide", 2, 2, r => BindArithmetic(r, ArithmeticOp.Divide, EvalMode.Try));
        t.Add("try_mod", 2, 2, r => BindArithmetic(r, ArithmeticOp.Remainder, EvalMode.Try));
        t.Add("negative", 1, 1, r => BindNegate(r, abs: false));
        t.Add("positive", 1, 1, BindPositive);
        t.Add("abs", 1, 1, r => BindNegate(r, abs: true));

        AddComparison(t, "=", ComparisonOp.Equal);
        t.Alias("==", "=");
        AddComparison(t, "<>", ComparisonOp.NotEqual);
        t.Alias("!=", "<>");
        AddComparison(t, "<", ComparisonOp.Less);
        AddComparison(t, "<=", ComparisonOp.LessOrEqual);
        AddComparison(t, ">", ComparisonOp.Greater);
        AddComparison(t, ">=", ComparisonOp.GreaterOrEqual);
        AddComparison(t, "<=>", ComparisonOp.NullSafeEqual);
        t.Alias("equal_null", "<=>");

        t.Add("and", 2, 2, Sig.Simple([ExpectedType.Boolean, ExpectedType.Boolean], DataType.Boolean, LogicalFunctions.And, nullIntolerant: false));
        t.Add("or", 2, 2, Sig.Simple([ExpectedType.Boolean, ExpectedType.Boolean], DataType.Boolean, LogicalFunctions.Or, nullIntolerant: false));
        t.Add("not", 1, 1, Sig.Simple([ExpectedType.Boolean], DataType.Boolean, LogicalFunctions.Not));
        t.Alias("!", "not");
        t.Add("in", 1, -1, LogicalFunctions.BindIn);

        t.Add("&", 2, 2, r => BindBitwise(r, '&'));
        t.Add("|", 2, 2, r => BindBitwise(r, '|'));
        t.Add("^", 2, 2, r => BindBitwise(r, '^'));
        t.Add("~", 1, 1, r => BindBitwise(r, '~'));
        t.Alias("bitwise_not", "~");
        t.Add("shiftleft", 2, 2, r => BindShift(r, 0));
        t.Add("shiftright", 2, 2, r => BindShift(r, 1));
        t.Add("shiftrightunsigned", 2, 2, r => BindShift(r, 2));
        t.Alias("<<", "shiftleft");
        t.Alias(">>", "shiftright");
        t.Alias(">>>", "shiftrightunsigned");
    }

    private static void AddComparison(FunctionTable t, string name, ComparisonOp op) => t.Add(name, 2, 2, r =>
    {
        var type = TypeCoercion.ComparisonType(r[0], r[1], r.Ansi);
        if (type is null) return r.BinaryOpDiffTypes();
        if (type is MapType || (op is not (ComparisonOp.Equal or ComparisonOp.NotEqual or ComparisonOp.NullSafeEqual) && !TypeCoercion.IsOrderable(type)))
            return r.InvalidOrdering(type);
        if (type is NullType) type = DataType.Boolean;
        return r.Ok([type, type], DataType.Boolean, ComparisonFunctions.Kernel(op), nullIntolerant: op != ComparisonOp.NullSafeEqual);
    });

    public static BindResult BindArithmetic(BindRequest r, ArithmeticOp op, EvalMode mode)
    {
        if (DateTimeArithmetic.TryBind(r, op, mode, out var dt)) return dt;
        DataType left = r[0], right = r[1];
        if (left is NullType && right is NullType)
        {
            DataType t = op == ArithmeticOp.IntegralDivide ? DataType.Long : DataType.Double;
            return r.Ok([t, t], t, ArithmeticFunctions.Kernel(op, t, t, mode));
        }
        // Same-kind ANSI intervals: + and - keep the interval (wider fields).
        if (op is ArithmeticOp.Add or ArithmeticOp.Subtract && TypeCoercion.IsInterval(left) && TypeCoercion.IsInterval(right))
        {
            if (TypeCoercion.FindTightestCommonType(left, right) is not { } it) return r.BinaryOpDiffTypes();
            return r.Ok([it, it], it, ArithmeticFunctions.Kernel(op, it, it, mode));
        }
        var operand = TypeCoercion.ArithmeticOperandType(left, right, r.Ansi);
        if (operand is null)
        {
            var pl = left is StringType && TypeCoercion.FindWiderTypeForString(left, right) is { } a ? a : left;
            var pr = right is StringType && TypeCoercion.FindWiderTypeForString(right, left) is { } b ? b : right;
            return pl == pr || pl is NullType || pr is NullType
                ? r.BinaryOpWrongType(NumericOrInterval, pl is NullType ? pr : pl)
                : r.BinaryOpDiffTypes();
        }
        var apl = r.Options.AllowPrecisionLoss;
        if (operand is DecimalType)
        {
            var dl = Promoted(left, right) as DecimalType ?? DecimalOperand(r, 0, Promoted(left, right) is NullType ? operand : Promoted(left, right));
            var dr = Promoted(right, left) as DecimalType ?? DecimalOperand(r, 1, Promoted(right, left) is NullType ? operand : Promoted(right, left));
            DataType rt = op switch
            {
                ArithmeticOp.Add or ArithmeticOp.Subtract => TypeCoercion.AddResultType(dl, dr, apl),
                ArithmeticOp.Multiply => TypeCoercion.MultiplyResultType(dl, dr, apl),
                ArithmeticOp.Divide => TypeCoercion.DivideResultType(dl, dr, apl),
                ArithmeticOp.IntegralDivide => DataType.Long,
                _ => TypeCoercion.RemainderResultType(dl, dr, apl),
            };
            return r.Ok([dl, dr], rt, ArithmeticFunctions.Kernel(op, dl, rt, mode));
        }
        if (op == ArithmeticOp.Divide) operand = DataType.Double;
        if (op == ArithmeticOp.IntegralDivide)
        {
            if (TypeCoercion.IsFractional(operand)) operand = DataType.Long;
            operand = DataType.Long;
            return r.Ok([operand, operand], DataType.Long, ArithmeticFunctions.Kernel(op, operand, DataType.Long, mode));
        }
        return r.Ok([operand, operand], operand, ArithmeticFunctions.Kernel(op, operand, operand, mode));
    }

    /// <summary>The decimal type an integral operand takes next to a decimal: an integer literal gets the minimum
    /// precision of its value (spark.sql.legacy.literal.pickMinimumPrecision), a column its type's (int → decimal(10,0)).</summary>
    private static DecimalType DecimalOperand(BindRequest r, int index, DataType promoted) =>
        promoted == r[index] && r.IntegralLiteral(index) is { } literal ? TypeCoercion.DecimalForLiteral(literal) : TypeCoercion.DecimalForType(promoted);

    /// <summary>The type of one side after ANSI string promotion against the other side.</summary>
    private static DataType Promoted(DataType self, DataType other) =>
        self is StringType && TypeCoercion.FindWiderTypeForString(self, other) is { } p ? p : self;

    private static BindResult BindNegate(BindRequest r, bool abs)
    {
        var t = r[0];
        if (t is StringType && r.Ansi) t = DataType.Double;
        if (t is NullType) t = DataType.Double;
        if (!TypeCoercion.IsNumeric(t) && !TypeCoercion.IsInterval(t))
            return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.Numeric, ExpectedType.AnyDayTimeInterval, ExpectedType.AnyYearMonthInterval));
        return r.Ok([t], t, ArithmeticFunctions.Unary(abs, t));
    }

    private static BindResult BindPositive(BindRequest r)
    {
        var t = r[0] is StringType ? DataType.Double : r[0] is NullType ? DataType.Double : r[0];
        if (!TypeCoercion.IsNumeric(t) && !TypeCoercion.IsInterval(t))
            return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.Numeric, ExpectedType.AnyDayTimeInterval, ExpectedType.AnyYearMonthInterval));
        return r.Ok([t], t, (a, _, _) => a[0]);
    }

    private static BindResult BindBitwise(BindRequest r, char op)
    {
        if (op == '~')
        {
            var u = r[0] is NullType ? DataType.Integer : r[0];
            if (!TypeCoercion.IsIntegral(u)) return r.UnexpectedType(0, ExpectedType.Integral);
            return r.Ok([u], u, (a, n, _) => LogicalFunctions.BitNot(a[0], n, u));
        }
        var t = TypeCoercion.FindTightestCommonType(r[0] is NullType ? DataType.Integer : r[0], r[1] is NullType ? DataType.Integer : r[1]);
        if (t is null) return r.BinaryOpDiffTypes();
        if (!TypeCoercion.IsIntegral(t)) return r.BinaryOpWrongType("\"INTEGRAL\"", t);
        return r.Ok([t, t], t, (a, n, _) => LogicalFunctions.Bitwise(op, a[0], a[1], n, t));
    }

    private static BindResult BindShift(BindRequest r, int kind)
    {
        var t = r[0] is NullType ? DataType.Integer : r[0];
        if (t is ByteType or ShortType) t = DataType.Integer;
        if (t is not (IntegerType or LongType)) return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.Int, ExpectedType.Long));
        if (TypeCoercion.ImplicitCast(r[1], ExpectedType.Int, r.Ansi) is null) return r.UnexpectedType(1, ExpectedType.Int);
        return r.Ok([t, DataType.Integer], t, (a, n, _) => LogicalFunctions.Shift(kind, a[0], a[1], n, t));
    }
}
