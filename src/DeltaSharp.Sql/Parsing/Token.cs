using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

/// <summary>Token kinds of the Spark SQL lexer (SqlBaseLexer.g4, default mode).</summary>
internal enum TokenKind
{
    EndOfInput,

    /// <summary>An unquoted word: a keyword or an identifier (Spark lets most keywords be identifiers).</summary>
    Word,
    /// <summary><c>`quoted identifier`</c>; <see cref="Token.Text"/> is the name without backquotes.</summary>
    QuotedIdentifier,
    /// <summary><c>'…'</c>, <c>"…"</c>, <c>R'…'</c>; <see cref="Token.Text"/> is the value with escapes resolved.</summary>
    String,

    /// <summary><c>123</c>.</summary>
    Integer,
    /// <summary><c>1.5</c>, <c>1.</c>, <c>.5</c>.</summary>
    Decimal,
    /// <summary><c>1e10</c>, <c>1.5E-3</c>.</summary>
    Exponent,
    /// <summary><c>10L</c>.</summary>
    BigIntLiteral,
    /// <summary><c>10S</c>.</summary>
    SmallIntLiteral,
    /// <summary><c>10Y</c>.</summary>
    TinyIntLiteral,
    /// <summary><c>1.5D</c>.</summary>
    DoubleLiteral,
    /// <summary><c>1.5F</c>.</summary>
    FloatLiteral,
    /// <summary><c>1.5BD</c>.</summary>
    BigDecimalLiteral,

    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Semicolon,
    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,
    /// <summary><c>&lt;=&gt;</c>.</summary>
    NullSafeEqual,
    /// <summary><c>&lt;&gt;</c> or <c>!=</c>.</summary>
    NotEqual,
    LessThan,
    /// <summary><c>&lt;=</c> or <c>!&gt;</c>.</summary>
    LessThanOrEqual,
    GreaterThan,
    /// <summary><c>&gt;=</c> or <c>!&lt;</c>.</summary>
    GreaterThanOrEqual,
    ShiftLeft,
    ShiftRight,
    ShiftRightUnsigned,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Tilde,
    Ampersand,
    Pipe,
    /// <summary><c>||</c>.</summary>
    ConcatPipe,
    Caret,
    Colon,
    DoubleColon,
    /// <summary><c>-&gt;</c>.</summary>
    Arrow,
    /// <summary><c>=&gt;</c>.</summary>
    FatArrow,
    Question,
    /// <summary><c>!</c> (NOT).</summary>
    Bang,
    /// <summary><c>@</c> (Delta's <c>t@v123</c> time travel).</summary>
    At,
    /// <summary>A character no rule matches (Spark's UNRECOGNIZED); the parser reports it where it occurs.</summary>
    Unrecognized,
}

/// <summary>One token: kind, where it is, and its text (raw for words, numbers and operators; the value for strings
/// and quoted identifiers). <see cref="Upper"/> is the upper-cased text of a word (null for other kinds), so that
/// keyword tests are ordinal comparisons.</summary>
internal readonly record struct Token(TokenKind Kind, int Offset, int Length, int Line, int Column, string Text, string? Upper = null)
{
    public SourceSpan Span => new(Offset, Length, Line, Column);

    public int End => Offset + Length;

    /// <summary>True for an unquoted word equal to <paramref name="upper"/> (an upper-case keyword; case-insensitive
    /// against the source).</summary>
    public bool IsWord(string upper) => Kind == TokenKind.Word && string.Equals(Upper, upper, StringComparison.Ordinal);

    public bool IsIdentifier => Kind is TokenKind.Word or TokenKind.QuotedIdentifier;

    public bool IsNumber => Kind is >= TokenKind.Integer and <= TokenKind.BigDecimalLiteral;
}
