namespace DeltaSharp.Compute;

/// <summary>The date/time forms of + and - (filled in with the date-time functions).</summary>
internal static class DateTimeArithmetic
{
    public static bool TryBind(BindRequest r, ArithmeticOp op, EvalMode mode, out BindResult result)
    {
        _ = r; _ = op; _ = mode;
        result = default;
        return false;
    }
}
