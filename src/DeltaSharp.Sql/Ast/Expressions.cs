using System.Collections.Immutable;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Ast;

/// <summary>A scalar expression as written (unresolved: names are not bound, types not checked).</summary>
public abstract record SqlExpression : SqlNode;

// ───────────────────────────── literals ─────────────────────────────

/// <summary><c>NULL</c>.</summary>
public sealed record NullLiteral : SqlExpression;

/// <summary><c>TRUE</c> / <c>FALSE</c>.</summary>
public sealed record BooleanLiteral(bool Value) : SqlExpression;

/// <summary>Spark's integral types, as chosen by a literal's suffix (<c>Y</c>, <c>S</c>, <c>L</c>) or its magnitude.</summary>
public enum IntegerLiteralType
{
    TinyInt,
    SmallInt,
    Int,
    BigInt,
}

/// <summary>
/// An integral literal: <c>1Y</c> tinyint, <c>1S</c> smallint, <c>1L</c> bigint; an unsuffixed integer is int when it
/// fits, else bigint (beyond bigint it is a <see cref="DecimalLiteral"/>), as Spark does. A leading minus written
/// directly before the number is part of the literal (<c>-2147483648</c> is an int).
/// </summary>
public sealed record IntegerLiteral(long Value, IntegerLiteralType Type = IntegerLiteralType.Int) : SqlExpression;

/// <summary>
/// An exact decimal literal (<c>1.50</c>, <c>12BD</c>, or an integer too large for bigint): the digits as written,
/// normalised to plain notation (<c>-12.50</c>), with Spark's precision and scale (<c>decimal(4,2)</c>).
/// </summary>
public sealed record DecimalLiteral(string Value, int Precision, int Scale) : SqlExpression
{
    /// <summary>The exact value (unscaled digits and <see cref="Scale"/>).</summary>
    public DecimalValue ToDecimalValue() =>
        DecimalValue.TryParse(Value, Scale, out var value) ? value : throw new InvalidOperationException($"'{Value}' is not a decimal({Precision},{Scale}) value.");
}

/// <summary>A double literal: exponent notation (<c>1e3</c>) or the <c>D</c> suffix (<c>1.5D</c>).</summary>
public sealed record DoubleLiteral(double Value) : SqlExpression;

/// <summary>A float literal (<c>1.5F</c>).</summary>
public sealed record FloatLiteral(float Value) : SqlExpression;

/// <summary>A character string with escapes resolved; adjacent literals are concatenated (<c>'a' 'b'</c> is <c>ab</c>).</summary>
public sealed record StringLiteral(string Value) : SqlExpression;

/// <summary>A binary literal <c>X'0AFF'</c> (an odd number of hex digits gets a leading 0, as in Spark).</summary>
public sealed record BinaryLiteral(ImmutableArray<byte> Value) : SqlExpression
{
    public bool Equals(BinaryLiteral? other) => other is not null && base.Equals(other) && Value.AsSpan().SequenceEqual(other.Value.AsSpan());

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Value.Length);
}

/// <summary>The type keyword of a typed string literal.</summary>
public enum TypedLiteralType
{
    Date,
    Timestamp,
    TimestampNtz,
    TimestampLtz,
    /// <summary><c>INTERVAL '1 day 2 hours'</c>: a calendar interval string without unit keywords.</summary>
    Interval,
}

/// <summary>
/// <c>DATE '2025-01-15'</c>, <c>TIMESTAMP '2025-01-15 10:00:00'</c>, <c>TIMESTAMP_NTZ '…'</c>. The text was checked
/// against Spark's accepted forms by the parser; converting it (time zones) is the binder's job.
/// </summary>
public sealed record TypedLiteral(TypedLiteralType Type, string Value) : SqlExpression;

/// <summary>The units of interval literals and interval types.</summary>
public enum IntervalUnit
{
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
    Microsecond,
    Nanosecond,
}

/// <summary>One <c>value unit</c> pair of a multi-unit interval: <c>12 HOURS</c> → ("12", Hour); <c>'-1.5' SECOND</c> → ("-1.5", Second).</summary>
public sealed record IntervalField(string Value, IntervalUnit Unit) : SqlNode;

/// <summary><c>INTERVAL 1 DAY 2 HOURS</c>, <c>interval 12 hours</c>, <c>INTERVAL '1' DAY</c> (singular and plural units are the same).</summary>
public sealed record IntervalLiteral(NodeList<IntervalField> Fields) : SqlExpression;

/// <summary><c>INTERVAL '1-2' YEAR TO MONTH</c>, <c>INTERVAL '1 02:03:04' DAY TO SECOND</c>: the string was checked against the unit pair's format.</summary>
public sealed record UnitToUnitIntervalLiteral(string Value, IntervalUnit From, IntervalUnit To) : SqlExpression;

// ───────────────────────────── names ─────────────────────────────

/// <summary>
/// A column, possibly qualified or a nested field path: <c>a</c>, <c>t.a</c>, <c>t.a.b</c>. Which parts name the
/// table and which the field is decided by the binder, as in Spark.
/// </summary>
public sealed record ColumnReference(NodeList<Identifier> NameParts) : SqlExpression
{
    public ColumnReference(params string[] parts) : this(new NodeList<Identifier>(parts.Select(p => new Identifier(p)))) { }

    public override string ToString() => string.Join('.', NameParts.Select(p => p.Value));
}

/// <summary>
/// <c>CURRENT_DATE</c>, <c>CURRENT_TIMESTAMP</c>, <c>CURRENT_USER</c>, <c>USER</c>, <c>SESSION_USER</c> written
/// without parentheses (<see cref="Name"/> is lower case). In Spark's default mode a column of that name wins;
/// otherwise it is the function of that name.
/// </summary>
public sealed record NiladicFunction(string Name) : SqlExpression;

/// <summary><c>*</c>, <c>t.*</c>, optionally <c>* EXCEPT (a, b)</c>.</summary>
public sealed record StarExpression(NodeList<Identifier> Qualifier, NodeList<QualifiedName> Except) : SqlExpression
{
    public StarExpression() : this(NodeList<Identifier>.Empty, NodeList<QualifiedName>.Empty) { }

    public StarExpression(params string[] qualifier)
        : this(new NodeList<Identifier>(qualifier.Select(p => new Identifier(p))), NodeList<QualifiedName>.Empty) { }
}

// ───────────────────────────── operators ─────────────────────────────

/// <summary>Prefix operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>NOT x</c> or <c>!x</c>.</summary>
    Not,
    /// <summary><c>-x</c>.</summary>
    Negate,
    /// <summary><c>+x</c>.</summary>
    Plus,
    /// <summary><c>~x</c>.</summary>
    BitwiseNot,
}

public sealed record UnaryExpression(UnaryOperator Operator, SqlExpression Operand) : SqlExpression;

/// <summary>Infix operators, from loosest to tightest binding group (Spark's precedence).</summary>
public enum BinaryOperator
{
    Or,
    And,
    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,
    /// <summary><c>&lt;=&gt;</c>.</summary>
    NullSafeEqual,
    /// <summary><c>&lt;&gt;</c> or <c>!=</c>.</summary>
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    BitwiseOr,
    BitwiseXor,
    BitwiseAnd,
    ShiftLeft,
    ShiftRight,
    ShiftRightUnsigned,
    Add,
    Subtract,
    /// <summary><c>||</c>.</summary>
    Concat,
    Multiply,
    Divide,
    Modulo,
    /// <summary><c>DIV</c> (integral division).</summary>
    IntegralDivide,
}

/// <summary>The text of each <see cref="BinaryOperator"/> as Spark writes it in SQL, in column names and in
/// Catalyst's expression strings (<c>div</c> lower-case, as Spark prints it).</summary>
public static class BinaryOperatorText
{
    public static string Symbol(this BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "OR",
        BinaryOperator.And => "AND",
        BinaryOperator.Equal => "=",
        BinaryOperator.NullSafeEqual => "<=>",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.ShiftRightUnsigned => ">>>",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Concat => "||",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.IntegralDivide => "div",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary operator"),
    };
}

/// <summary>
/// A binary operation. Chains of <c>AND</c> (or of <c>OR</c>) are built as balanced trees, as Spark does, so that a
/// thousand-term predicate is not a thousand levels deep: <c>a AND b AND c AND d</c> is <c>(a AND b) AND (c AND d)</c>.
/// Other operators associate to the left.
/// </summary>
public sealed record BinaryExpression(BinaryOperator Operator, SqlExpression Left, SqlExpression Right) : SqlExpression;

// ───────────────────────────── predicates ─────────────────────────────

/// <summary><c>x IS [NOT] NULL</c>.</summary>
public sealed record IsNullExpression(SqlExpression Operand, bool Negated = false) : SqlExpression;

/// <summary><c>x IS [NOT] TRUE | FALSE | UNKNOWN</c>; <see cref="Value"/> null means UNKNOWN.</summary>
public sealed record IsBooleanExpression(SqlExpression Operand, bool? Value, bool Negated = false) : SqlExpression;

/// <summary><c>x IS [NOT] DISTINCT FROM y</c>.</summary>
public sealed record IsDistinctFromExpression(SqlExpression Left, SqlExpression Right, bool Negated = false) : SqlExpression;

/// <summary><c>x [NOT] BETWEEN low AND high</c>.</summary>
public sealed record BetweenExpression(SqlExpression Value, SqlExpression Low, SqlExpression High, bool Negated = false) : SqlExpression;

/// <summary><c>x [NOT] IN (a, b, …)</c>.</summary>
public sealed record InListExpression(SqlExpression Value, NodeList<SqlExpression> List, bool Negated = false) : SqlExpression;

/// <summary><c>x [NOT] IN (SELECT …)</c>; <see cref="Value"/> is a <see cref="RowConstructor"/> for <c>(a, b) IN (SELECT …)</c>.</summary>
public sealed record InSubqueryExpression(SqlExpression Value, Query Query, bool Negated = false) : SqlExpression;

/// <summary>The pattern-matching operators.</summary>
public enum LikeKind
{
    Like,
    /// <summary>Case-insensitive LIKE.</summary>
    ILike,
    /// <summary><c>RLIKE</c> or <c>REGEXP</c>: a Java regular expression.</summary>
    RLike,
}

/// <summary><c>x [NOT] LIKE pattern [ESCAPE 'c']</c>, ILIKE, RLIKE / REGEXP (RLIKE has no ESCAPE).</summary>
public sealed record LikeExpression(LikeKind Kind, SqlExpression Value, SqlExpression Pattern, char? Escape = null, bool Negated = false) : SqlExpression;

/// <summary>The quantifier of <c>LIKE ANY (…)</c> / <c>LIKE ALL (…)</c> (<c>SOME</c> is ANY).</summary>
public enum LikeQuantifier
{
    Any,
    All,
}

/// <summary><c>x [NOT] LIKE ANY|SOME|ALL (p1, p2, …)</c> and the ILIKE form.</summary>
public sealed record LikeQuantifiedExpression(LikeKind Kind, LikeQuantifier Quantifier, SqlExpression Value, NodeList<SqlExpression> Patterns, bool Negated = false) : SqlExpression;

/// <summary><c>EXISTS (SELECT …)</c>; NOT EXISTS is a <see cref="UnaryExpression"/> around it.</summary>
public sealed record ExistsExpression(Query Query) : SqlExpression;

/// <summary>A scalar subquery <c>(SELECT …)</c>.</summary>
public sealed record SubqueryExpression(Query Query) : SqlExpression;

// ───────────────────────────── structure ─────────────────────────────

/// <summary>One <c>WHEN condition THEN result</c> arm (for a simple CASE the condition is the value compared).</summary>
public sealed record WhenClause(SqlExpression Condition, SqlExpression Result) : SqlNode;

/// <summary><c>CASE [operand] WHEN … THEN … [ELSE …] END</c>; <see cref="Operand"/> is null for a searched CASE.</summary>
public sealed record CaseExpression(SqlExpression? Operand, NodeList<WhenClause> WhenClauses, SqlExpression? Else) : SqlExpression;

/// <summary><c>CAST(x AS type)</c>, <c>x::type</c> (same meaning), or <c>TRY_CAST(x AS type)</c>.</summary>
public sealed record CastExpression(SqlExpression Operand, DataTypeSyntax Type, bool IsTry = false) : SqlExpression;

/// <summary><c>IGNORE NULLS</c> / <c>RESPECT NULLS</c> on a function call.</summary>
public enum NullTreatment
{
    Respect,
    Ignore,
}

/// <summary>
/// A function call: <c>f(a, b)</c>, <c>count(*)</c> (a <see cref="StarExpression"/> argument),
/// <c>count(DISTINCT x)</c>, <c>sum(x) FILTER (WHERE c)</c>, <c>first(x IGNORE NULLS)</c>,
/// <c>percentile_cont(0.5) WITHIN GROUP (ORDER BY x)</c>, <c>rank() OVER (…)</c>. The SQL-standard forms
/// <c>SUBSTRING(s FROM p FOR l)</c>, <c>POSITION(a IN b)</c> and <c>OVERLAY(…)</c> become ordinary calls of
/// <c>substring</c>, <c>position</c> and <c>overlay</c>.
/// </summary>
public sealed record FunctionCall(
    QualifiedName Name,
    NodeList<SqlExpression> Arguments,
    bool Distinct = false,
    SqlExpression? Filter = null,
    NullTreatment? Nulls = null,
    WindowSpec? Over = null) : SqlExpression
{
    public FunctionCall(string name, params SqlExpression[] arguments) : this(new QualifiedName(name), new NodeList<SqlExpression>(arguments)) { }

    /// <summary>The ordering of <c>WITHIN GROUP (ORDER BY …)</c>; empty when absent.</summary>
    public NodeList<SortItem> WithinGroup { get; init; } = NodeList<SortItem>.Empty;
}

/// <summary>A named argument <c>name =&gt; value</c> in a function call.</summary>
public sealed record NamedArgument(Identifier Name, SqlExpression Value) : SqlExpression;

/// <summary><c>expr AS name</c> inside <c>struct(…)</c> or a row constructor, where Spark keeps the field name.</summary>
public sealed record AliasedExpression(SqlExpression Expression, Identifier Alias) : SqlExpression;

/// <summary>The side of the SQL-standard <c>TRIM(… FROM …)</c>.</summary>
public enum TrimSide
{
    Both,
    Leading,
    Trailing,
}

/// <summary><c>TRIM([BOTH|LEADING|TRAILING] [chars] FROM source)</c>; plain <c>trim(x)</c> is a <see cref="FunctionCall"/>.</summary>
public sealed record TrimExpression(TrimSide Side, SqlExpression? Characters, SqlExpression Source) : SqlExpression;

/// <summary><c>EXTRACT(field FROM source)</c>, e.g. <c>EXTRACT(YEAR FROM d)</c>.</summary>
public sealed record ExtractExpression(Identifier Field, SqlExpression Source) : SqlExpression;

/// <summary><c>x -&gt; body</c> or <c>(x, y) -&gt; body</c> (arguments of higher-order functions).</summary>
public sealed record LambdaExpression(NodeList<Identifier> Parameters, SqlExpression Body) : SqlExpression;

/// <summary>A field of a struct-valued expression that is not a plain column path: <c>f(x).a</c>, <c>arr[0].b</c>.</summary>
public sealed record FieldAccess(SqlExpression Base, Identifier Field) : SqlExpression;

/// <summary><c>a[0]</c> (array, 0-based) or <c>m['k']</c> (map).</summary>
public sealed record SubscriptExpression(SqlExpression Base, SqlExpression Index) : SqlExpression;

/// <summary><c>(a, b, …)</c> with two or more items: a struct value / row (e.g. <c>(a, b) IN ((1, 2), (3, 4))</c>).</summary>
public sealed record RowConstructor(NodeList<SqlExpression> Items) : SqlExpression;

// ───────────────────────────── windows ─────────────────────────────

/// <summary>A sort key: <c>expr [ASC|DESC] [NULLS FIRST|LAST]</c>; nulls mean "not written" (Spark: ASC, nulls first for ASC and last for DESC).</summary>
public sealed record SortItem(SqlExpression Expression, SortDirection? Direction = null, NullOrdering? Nulls = null) : SqlNode;

public enum SortDirection
{
    Ascending,
    Descending,
}

public enum NullOrdering
{
    First,
    Last,
}

/// <summary>
/// <c>OVER (PARTITION BY … ORDER BY … frame)</c>, or a reference to a named window (<c>OVER w</c>, where
/// <see cref="Name"/> is set and the other parts are empty).
/// </summary>
public sealed record WindowSpec(
    Identifier? Name,
    NodeList<SqlExpression> PartitionBy,
    NodeList<SortItem> OrderBy,
    WindowFrame? Frame) : SqlNode;

public enum WindowFrameType
{
    Rows,
    Range,
}

/// <summary><c>ROWS|RANGE BETWEEN start AND end</c>, or <c>ROWS|RANGE start</c> (then <see cref="End"/> is null: CURRENT ROW).</summary>
public sealed record WindowFrame(WindowFrameType Type, FrameBound Start, FrameBound? End) : SqlNode;

public enum FrameBoundKind
{
    UnboundedPreceding,
    /// <summary><c>n PRECEDING</c>.</summary>
    Preceding,
    CurrentRow,
    /// <summary><c>n FOLLOWING</c>.</summary>
    Following,
    UnboundedFollowing,
}

/// <summary>One end of a window frame; <see cref="Offset"/> is set for <c>n PRECEDING</c> / <c>n FOLLOWING</c>.</summary>
public sealed record FrameBound(FrameBoundKind Kind, SqlExpression? Offset = null) : SqlNode;
