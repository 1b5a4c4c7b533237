using System.Collections.Frozen;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>Binding options: the session's spark.sql.ansi.enabled and spark.sql.decimalOperations.allowPrecisionLoss.</summary>
public sealed record FunctionResolveOptions
{
    public static readonly FunctionResolveOptions Default = new();

    /// <summary>ANSI type coercion (Spark 4 default). Runtime error-vs-null is <see cref="EvaluationContext.AnsiMode"/>.</summary>
    public bool AnsiMode { get; init; } = true;

    /// <summary>spark.sql.decimalOperations.allowPrecisionLoss (default true).</summary>
    public bool AllowPrecisionLoss { get; init; } = true;
}

/// <summary>
/// The built-in scalar functions and operators by name (case-insensitive), resolved against argument types with
/// Spark's coercion: the result tells the binder the exact parameter types to cast each argument to, the result
/// type and the kernel. Operators use reserved names: <c>+ - * / % div</c> (<c>-</c> with one argument is unary
/// minus), <c>= == &lt;&gt; != &lt; &lt;= &gt; &gt;= &lt;=&gt;</c>, <c>and or not</c>, <c>||</c>, <c>&amp; | ^ ~</c>, <c>in</c>
/// (value first, then the list) and <c>like ilike rlike</c> (value, pattern[, escape]). Thread-safe.
/// </summary>
public static class FunctionRegistry
{
    private const string SearchPath = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]";

    private static readonly FrozenDictionary<string, FunctionDefinition> Functions = Build();

    private static FrozenDictionary<string, FunctionDefinition> Build()
    {
        var table = new FunctionTable();
        Operators.Register(table);
        FunctionFamilies.Register(table);
        return table.Definitions.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every registered name (functions, aliases and operators).</summary>
    public static IEnumerable<string> Names => Functions.Keys;

    public static bool Exists(string name) => Functions.ContainsKey(name);

    /// <summary>
    /// Resolves <paramref name="name"/> for arguments of <paramref name="argTypes"/> with the default options (ANSI).
    /// Errors: UNRESOLVED_ROUTINE (unknown name), WRONG_NUM_ARGS.WITHOUT_SUGGESTION, DATATYPE_MISMATCH.* (Spark's
    /// messages).
    /// </summary>
    public static bool TryResolve(string name, IReadOnlyList<DataType> argTypes, out ScalarFunction? fn, out string? errorClass, out string? message) =>
        TryResolve(name, argTypes, null, null, out fn, out errorClass, out message);

    /// <summary>As <see cref="TryResolve(string, IReadOnlyList{DataType}, out ScalarFunction?, out string?, out string?)"/>,
    /// with the arguments' SQL text for messages (Spark quotes them: <c>Cannot resolve "upper(x)"</c>) and options.</summary>
    public static bool TryResolve(string name, IReadOnlyList<DataType> argTypes, IReadOnlyList<string>? argSql, FunctionResolveOptions? options,
        out ScalarFunction? fn, out string? errorClass, out string? message) =>
        TryResolve(name, argTypes, argSql, null, options, out fn, out errorClass, out message);

    /// <summary>
    /// Resolves with full argument information: types, SQL text for messages and the values of constant arguments.
    /// Some result types depend on constant values as in Spark: round/bround/floor/ceil scale, named_struct field
    /// names; pass them here (when absent, integer/string literal SQL text is used).
    /// </summary>
    public static bool TryResolve(string name, IReadOnlyList<FunctionArgument> arguments, FunctionResolveOptions? options,
        out ScalarFunction? fn, out string? errorClass, out string? message)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var types = arguments.Select(a => a.Type).ToArray();
        var sql = arguments.Any(a => a.Sql is not null) ? arguments.Select((a, i) => a.Sql ?? ComputeErrors.TypeSql(a.Type).ToLowerInvariant()).ToArray() : null;
        return TryResolve(name, types, sql, arguments, options, out fn, out errorClass, out message);
    }

    private static bool TryResolve(string name, IReadOnlyList<DataType> argTypes, IReadOnlyList<string>? argSql, IReadOnlyList<FunctionArgument>? arguments,
        FunctionResolveOptions? options, out ScalarFunction? fn, out string? errorClass, out string? message)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(argTypes);
        fn = null;
        if (!Functions.TryGetValue(name, out var def))
        {
            errorClass = "UNRESOLVED_ROUTINE";
            message = $"Cannot resolve routine `{name}` on search path {SearchPath}.";
            return false;
        }
        if (argTypes.Count < def.MinArgs || (def.MaxArgs >= 0 && argTypes.Count > def.MaxArgs))
        {
            errorClass = "WRONG_NUM_ARGS.WITHOUT_SUGGESTION";
            message = $"The `{name.ToLowerInvariant()}` requires {ExpectedCount(def)} parameters but the actual number is {argTypes.Count}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.";
            return false;
        }
        var result = def.Bind(new BindRequest(name.ToLowerInvariant(), argTypes, argSql, options ?? FunctionResolveOptions.Default, arguments));
        fn = result.Function;
        errorClass = result.ErrorClass;
        message = result.Message;
        return fn is not null;
    }

    private static string ExpectedCount(FunctionDefinition def)
    {
        if (def.MaxArgs < 0) return def.MinArgs == 0 ? ">= 0" : $"> {def.MinArgs - 1}";
        if (def.MinArgs == def.MaxArgs) return def.MinArgs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "[" + string.Join(", ", Enumerable.Range(def.MinArgs, def.MaxArgs - def.MinArgs + 1)) + "]";
    }
}

/// <summary>One argument of a call to resolve: its type, optionally its SQL text (for messages) and its value when it
/// is a constant (literal or folded expression; the scalar representation of <see cref="ColumnarValue"/>).</summary>
public readonly record struct FunctionArgument(DataType Type, string? Sql = null, bool IsConstant = false, object? Value = null);

/// <summary>The registration table the function families fill.</summary>
internal sealed class FunctionTable
{
    public Dictionary<string, FunctionDefinition> Definitions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, int minArgs, int maxArgs, Func<BindRequest, BindResult> bind) =>
        Definitions[name] = new FunctionDefinition(name, minArgs, maxArgs, bind);

    public void Alias(string alias, string name) => Definitions[alias] = Definitions[name] with { Name = alias };
}
