using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>The vectorised body of a resolved function.</summary>
internal delegate ColumnarValue KernelFn(ColumnarValue[] args, int rowCount, EvaluationContext context);

/// <summary>The outcome of binding one call: a function, or a Spark error class and message.</summary>
internal readonly record struct BindResult(ScalarFunction? Function, string? ErrorClass, string? Message);

/// <summary>A registered function: its name, arity range (MaxArgs -1 = unbounded) and binder.</summary>
internal sealed record FunctionDefinition(string Name, int MinArgs, int MaxArgs, Func<BindRequest, BindResult> Bind);

/// <summary>One call to bind: the name as written, the argument types (and SQL text for messages), the options.</summary>
internal sealed class BindRequest(string name, IReadOnlyList<DataType> args, IReadOnlyList<string>? argSql, FunctionResolveOptions options,
    IReadOnlyList<FunctionArgument>? arguments = null)
{
    /// <summary>The arguments with constant values when the binder knows them (literals, folded expressions).</summary>
    public IReadOnlyList<FunctionArgument>? Arguments { get; } = arguments;

    public bool IsConstant(int index) => Arguments is { } a && index < a.Count && a[index].IsConstant;

    public object? Constant(int index) => IsConstant(index) ? Arguments![index].Value : null;

    /// <summary>The constant string value of an argument (or its SQL text when that is a quoted literal).</summary>
    public string? ConstantString(int index)
    {
        if (Constant(index) is string s) return s;
        if (ArgSql is { } sql && index < sql.Count && sql[index] is { Length: >= 2 } t && t[0] is '\'' or '"' && t[^1] == t[0])
            return t[1..^1];
        return null;
    }

    /// <summary>The value of an integral literal argument (constant value, or SQL text that is an integer literal).</summary>
    public long? IntegralLiteral(int index)
    {
        if (!TypeCoercion.IsIntegral(Args[index])) return null;
        if (IsConstant(index)) return Constant(index) is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (ArgSql is { } sql && index < sql.Count && long.TryParse(sql[index], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l))
            return l;
        return null;
    }

    /// <summary>The constant integer value of an argument (or its SQL text when that is an integer literal).</summary>
    public int? ConstantInt(int index)
    {
        switch (Constant(index))
        {
            case int i: return i;
            case long l when l is >= int.MinValue and <= int.MaxValue: return (int)l;
            case short s: return s;
            case sbyte b: return b;
        }
        if (ArgSql is { } sql && index < sql.Count && int.TryParse(sql[index], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v))
            return v;
        return null;
    }

    public string Name { get; } = name;
    public IReadOnlyList<DataType> Args { get; } = args;
    public IReadOnlyList<string>? ArgSql { get; } = argSql;
    public FunctionResolveOptions Options { get; } = options;
    public bool Ansi => Options.AnsiMode;
    public int Count => Args.Count;
    public DataType this[int index] => Args[index];

    public BindResult Ok(IReadOnlyList<DataType> parameterTypes, DataType returnType, KernelFn kernel, bool deterministic = true, bool nullIntolerant = true) =>
        new(new ScalarFunction(Name, parameterTypes, returnType, (a, n, c) => kernel(a, n, c), deterministic, nullIntolerant), null, null);

    public static BindResult Fail(string errorClass, string message) => new(null, errorClass, message);

    public string ArgText(int index) => ArgSql is { } s && index < s.Count ? s[index] : ComputeErrors.TypeSql(Args[index]).ToLowerInvariant();

    /// <summary>The call as Spark quotes it in DATATYPE_MISMATCH messages: <c>"upper(1)"</c>.</summary>
    public string SqlExpr
    {
        get
        {
            var parts = new string[Count];
            for (var i = 0; i < Count; i++) parts[i] = ArgText(i);
            return Operators.IsOperator(Name) && Count == 2 ? $"\"({parts[0]} {Name} {parts[1]})\""
                : Operators.IsOperator(Name) && Count == 1 ? $"\"({Name}{parts[0]})\""
                : $"\"{Name}({string.Join(", ", parts)})\"";
        }
    }

    public static string Ordinal(int index) => index switch
    {
        0 => "first",
        1 => "second",
        2 => "third",
        3 => "fourth",
        4 => "fifth",
        5 => "sixth",
        6 => "seventh",
        7 => "eighth",
        8 => "ninth",
        9 => "tenth",
        _ => (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "th",
    };

    public BindResult UnexpectedType(int index, ExpectedType expected) => Fail("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        $"Cannot resolve {SqlExpr} due to data type mismatch: The {Ordinal(index)} parameter requires the {expected.Sql} type, however \"{ArgText(index)}\" has the type {ComputeErrors.QuotedType(Args[index])}.");

    public BindResult DataDiffTypes() => Fail("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
        $"Cannot resolve {SqlExpr} due to data type mismatch: Input to `{Name}` should all be the same type, but it's [{string.Join(", ", Args.Select(ComputeErrors.QuotedType))}].");

    public BindResult BinaryOpDiffTypes() => Fail("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
        $"Cannot resolve {SqlExpr} due to data type mismatch: the left and right operands of the binary operator have incompatible types ({ComputeErrors.QuotedType(Args[0])} and {ComputeErrors.QuotedType(Args[1])}).");

    public BindResult BinaryOpWrongType(string required, DataType actual) => Fail("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
        $"Cannot resolve {SqlExpr} due to data type mismatch: the binary operator requires the input type {required}, not {ComputeErrors.QuotedType(actual)}.");

    public BindResult InvalidOrdering(DataType type) => Fail("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
        $"Cannot resolve {SqlExpr} due to data type mismatch: The `{Name}` does not support ordering on type {ComputeErrors.QuotedType(type)}.");

    /// <summary>Applies implicit casts for <paramref name="expected"/> (one per argument, the last repeats for
    /// variadic tails); on failure returns the UNEXPECTED_INPUT_TYPE error.</summary>
    public bool TryCoerce(IReadOnlyList<ExpectedType> expected, out DataType[] types, out BindResult error)
    {
        types = new DataType[Count];
        error = default;
        for (var i = 0; i < Count; i++)
        {
            var e = expected[Math.Min(i, expected.Count - 1)];
            if (TypeCoercion.ImplicitCast(Args[i], e, Ansi) is not { } t)
            {
                error = UnexpectedType(i, e);
                return false;
            }
            types[i] = t is NullType && e.DefaultConcreteType is { } d ? d : t;
        }
        return true;
    }
}

/// <summary>Builders for the common binder shapes.</summary>
internal static class Sig
{
    /// <summary>Parameters with implicit casts; return type and kernel computed from the coerced types.</summary>
    public static Func<BindRequest, BindResult> Fixed(ExpectedType[] parameters, Func<DataType[], DataType> returnType,
        Func<DataType[], DataType, KernelFn> kernel, bool nullIntolerant = true, bool deterministic = true) => r =>
    {
        if (!r.TryCoerce(parameters, out var types, out var error)) return error;
        var rt = returnType(types);
        return r.Ok(types, rt, kernel(types, rt), deterministic, nullIntolerant);
    };

    /// <summary>Fixed parameters and a fixed result type with one kernel.</summary>
    public static Func<BindRequest, BindResult> Simple(ExpectedType[] parameters, DataType returnType, KernelFn kernel, bool nullIntolerant = true, bool deterministic = true) =>
        Fixed(parameters, _ => returnType, (_, _) => kernel, nullIntolerant, deterministic);

    /// <summary>All arguments widened to one common type (coalesce, greatest, array, …).</summary>
    public static Func<BindRequest, BindResult> Common(Func<DataType, DataType> returnType, Func<DataType[], DataType, KernelFn> kernel,
        bool nullIntolerant = false, Func<DataType, bool>? accepts = null, string? requirement = null) => r =>
    {
        var common = r.Count == 0 ? DataType.Null : TypeCoercion.FindWiderCommonType(r.Args, r.Ansi);
        if (common is null) return r.DataDiffTypes();
        if (accepts is not null && !accepts(common))
        {
            var bad = r.Args.Select((t, i) => (t, i)).FirstOrDefault(x => x.t is not NullType && !accepts(x.t));
            return requirement is null ? r.InvalidOrdering(common) : r.UnexpectedType(bad.i, new ExpectedType.Family(requirement, accepts, null));
        }
        var types = Enumerable.Repeat(common, r.Count).ToArray();
        var rt = returnType(common);
        return r.Ok(types, rt, kernel(types, rt), true, nullIntolerant);
    };
}
