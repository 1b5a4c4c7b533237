using System.Runtime.CompilerServices;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

/// <summary>
/// Hand-written recursive-descent parser for Spark SQL (default, non-ANSI keyword mode). One instance parses one
/// text; it is not thread-safe and is discarded after the first error. The grammar is split by area into partial
/// files: statements, queries (and relations), expressions, data types and literals.
/// </summary>
internal sealed partial class SqlParser
{
    /// <summary>How deeply constructs may nest (parentheses, subqueries, unary operators, types) plus the length of
    /// left-associative operator chains, i.e. roughly the height of the tree. Beyond it: PARSER_NESTING_TOO_DEEP.</summary>
    internal const int MaxDepth = 1000;

    private readonly string _sql;
    private readonly Token[] _tokens;
    private int _pos;
    private int _depth;

    public SqlParser(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        _sql = sql;
        _tokens = Lexer.Tokenize(sql).ToArray();
    }

    // ───────────────────────────── entry points ─────────────────────────────

    public Statement ParseSingleStatement()
    {
        SkipSemicolons();
        if (Current.Kind == TokenKind.EndOfInput)
            throw Fail("PARSE_EMPTY_STATEMENT", "Syntax error, unexpected empty statement.", Current);
        var statement = ParseStatement();
        if (Check(TokenKind.Semicolon))
        {
            SkipSemicolons();
            if (Current.Kind != TokenKind.EndOfInput) throw SyntaxError(Current, "expected a single statement (parse a script for several)");
        }
        ExpectEnd();
        return statement;
    }

    public IReadOnlyList<Statement> ParseScript()
    {
        var statements = new List<Statement>();
        while (true)
        {
            SkipSemicolons();
            if (Current.Kind == TokenKind.EndOfInput) return statements;
            statements.Add(ParseStatement());
            if (Current.Kind is not (TokenKind.Semicolon or TokenKind.EndOfInput))
                throw EndError(script: true);
        }
    }

    public SqlExpression ParseStandaloneExpression()
    {
        if (Current.Kind == TokenKind.EndOfInput)
            throw Fail("PARSE_EMPTY_STATEMENT", "Syntax error, unexpected empty statement.", Current);
        var expression = ParseExpression();
        ExpectEnd();
        return expression;
    }

    public DataTypeSyntax ParseStandaloneDataType()
    {
        var type = ParseDataType();
        ExpectEnd();
        return type;
    }

    public Query ParseStandaloneQuery()
    {
        var query = ParseQuery();
        SkipSemicolons();
        ExpectEnd();
        return query;
    }

    private void SkipSemicolons()
    {
        while (Current.Kind == TokenKind.Semicolon) _pos++;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.EndOfInput) throw EndError(script: false);
    }

    /// <summary>The error for input left over after a complete statement.</summary>
    private SqlParseException EndError(bool script)
    {
        // "SELECT * FORM t": FORM became an alias and t is left over; point at the likely typo instead.
        if (Suggest(Previous, ClauseKeywords) is { } typo) return SyntaxError(Previous, $"did you mean {typo}?");
        if (Suggest(Current, ClauseKeywords) is { } keyword) return SyntaxError(Current, $"did you mean {keyword}?");
        if ((IsWord("ORDER") || IsWord("GROUP")) && !IsWordAt(1, "BY")) return SyntaxError(Current, $"expected BY after {Current.Text.ToUpperInvariant()}");
        var hint = Current.Kind switch
        {
            TokenKind.RightParen => "unbalanced ')'",
            TokenKind.Semicolon => "expected a single statement",
            _ when script => "expected ';' between statements",
            _ => "extra input after the end of the statement",
        };
        return SyntaxError(Current, hint);
    }

    private static readonly string[] ClauseKeywords =
    [
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "JOIN", "LEFT",
        "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "SELECT", "VALUES", "WINDOW", "USING", "SET", "WHEN", "THEN",
    ];

    /// <summary>A keyword one or two edits away from an unquoted word that is not itself a keyword, or null.</summary>
    private static string? Suggest(Token token, string[] keywords)
    {
        if (token.Kind != TokenKind.Word || token.Text.Length < 3) return null;
        var word = token.Upper!;
        if (Array.IndexOf(keywords, word) >= 0) return null;
        foreach (var keyword in keywords)
        {
            if (Math.Abs(keyword.Length - word.Length) <= 1 && EditDistance(word, keyword) <= (keyword.Length <= 4 ? 1 : 2)) return keyword;
        }
        return null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions ("FORM").
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    // ───────────────────────────── cursor ─────────────────────────────

    private ref readonly Token Current => ref _tokens[_pos];

    private ref readonly Token Peek(int ahead = 1) => ref _tokens[Math.Min(_pos + ahead, _tokens.Length - 1)];

    private ref readonly Token Previous => ref _tokens[Math.Max(0, _pos - 1)];

    private Token Advance()
    {
        var token = _tokens[_pos];
        if (token.Kind != TokenKind.EndOfInput) _pos++;
        return token;
    }

    private bool Check(TokenKind kind) => Current.Kind == kind;

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _pos++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind) throw SyntaxError(Current, kind is TokenKind.RightParen or TokenKind.RightBracket or TokenKind.GreaterThan ? $"missing {what}" : $"expected {what}");
        return Advance();
    }

    private bool IsWord(string upper) => Current.IsWord(upper);

    private bool IsWordAt(int ahead, string upper) => Peek(ahead).IsWord(upper);

    private bool AcceptWord(string upper)
    {
        if (!Current.IsWord(upper)) return false;
        _pos++;
        return true;
    }

    private bool AcceptWords(string first, string second)
    {
        if (!Current.IsWord(first) || !Peek().IsWord(second)) return false;
        _pos += 2;
        return true;
    }

    private Token ExpectWord(string upper, string? hint = null)
    {
        if (!Current.IsWord(upper)) throw SyntaxError(Current, hint ?? $"expected {upper}");
        return Advance();
    }

    /// <summary>The span from <paramref name="start"/> to the end of the last consumed token.</summary>
    private SourceSpan SpanFrom(Token start)
    {
        var end = Math.Max(Previous.End, start.Offset);
        return new SourceSpan(start.Offset, end - start.Offset, start.Line, start.Column);
    }

    /// <summary>From the start of <paramref name="first"/> to the end of the last consumed token (a closing parenthesis
    /// included).</summary>
    private SourceSpan SpanFrom(SqlNode first)
    {
        var end = Math.Max(Previous.End, first.Span.End);
        return new SourceSpan(first.Span.Offset, end - first.Span.Offset, first.Span.Line, first.Span.Column);
    }

    private static SourceSpan SpanBetween(SqlNode first, SqlNode last) =>
        new(first.Span.Offset, Math.Max(0, last.Span.End - first.Span.Offset), first.Span.Line, first.Span.Column);

    // ───────────────────────────── nesting guard ─────────────────────────────

    private void Enter()
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw TooDeep(Current);
    }

    private void Exit() => _depth--;

    private SqlParseException TooDeep(Token at) => Fail(
        "PARSER_NESTING_TOO_DEEP",
        $"The statement nests too deeply at or near {Describe(at)}: more than {MaxDepth} levels of parentheses, subqueries or chained operators. Simplify it or split it into several statements.",
        at);

    // ───────────────────────────── errors ─────────────────────────────

    private SqlParseException Fail(string errorClass, string detail, Token at) => SqlParseException.At(errorClass, detail, at.Span, _sql);

    private SqlParseException Fail(string errorClass, string detail, SourceSpan at) => SqlParseException.At(errorClass, detail, at, _sql);

    /// <summary>Spark's PARSE_SYNTAX_ERROR: "Syntax error at or near 'x': hint."</summary>
    private SqlParseException SyntaxError(Token at, string? hint = null)
    {
        if (at.Kind == TokenKind.Unrecognized)
            hint = "this character is not valid here (quote names with backquotes, strings with single quotes)";
        var detail = $"Syntax error at or near {Describe(at)}" + (hint is null ? "." : hint.EndsWith('?') ? $": {hint}" : $": {hint}.");
        return Fail("PARSE_SYNTAX_ERROR", detail, at);
    }

    private string Describe(Token token) => token.Kind == TokenKind.EndOfInput
        ? "end of input"
        : "'" + Truncate(_sql.Substring(token.Offset, token.Length)) + "'";

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";

    // ───────────────────────────── identifiers and names ─────────────────────────────

    /// <summary>Words that end a clause: never taken as an implicit (AS-less) alias.</summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "MINUS",
        "WINDOW", "SORT", "CLUSTER", "DISTRIBUTE", "LATERAL", "INTO", "QUALIFY", "PIVOT", "UNPIVOT", "TABLESAMPLE",
    };

    /// <summary>Spark's strictNonReserved words: identifiers, but never table aliases (they continue a FROM clause).</summary>
    private static readonly HashSet<string> StrictNonReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ANTI", "CROSS", "EXCEPT", "FULL", "INNER", "INTERSECT", "JOIN", "LATERAL", "LEFT", "MINUS", "NATURAL", "ON",
        "RIGHT", "SEMI", "SETMINUS", "UNION", "USING",
    };

    /// <summary>
    /// Bare words that cannot start an expression: taking them as column names would turn common mistakes
    /// (<c>SELECT FROM t</c>, <c>SELECT a, FROM t</c>) into valid but wrong statements. Backquote to use them.
    /// </summary>
    private static readonly HashSet<string> NotExpressionStart = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "WHERE", "HAVING", "UNION", "INTERSECT", "EXCEPT", "MINUS", "SELECT", "JOIN", "ON", "USING", "AND",
        "OR", "WHEN", "THEN", "ELSE", "AS",
    };

    private Identifier ParseIdentifier(string what = "an identifier")
    {
        var token = Current;
        if (!token.IsIdentifier) throw SyntaxError(token, $"expected {what}");
        _pos++;
        return new Identifier(token.Text) { Span = token.Span };
    }

    /// <summary>An implicit alias candidate: an identifier that is not one of <paramref name="stopWords"/>.</summary>
    private bool IsAliasCandidate(HashSet<string>? extraStopWords, bool table)
    {
        var token = Current;
        if (token.Kind == TokenKind.QuotedIdentifier) return true;
        if (token.Kind != TokenKind.Word) return false;
        if (ClauseWords.Contains(token.Text)) return false;
        if (table && StrictNonReserved.Contains(token.Text)) return false;
        if (!table && (StrictNonReserved.Contains(token.Text) || NotExpressionStart.Contains(token.Text))) return false;
        return extraStopWords is null || !extraStopWords.Contains(token.Text);
    }

    private QualifiedName ParseQualifiedName(string what = "a name")
    {
        var start = Current;
        var parts = new List<Identifier> { ParseIdentifier(what) };
        while (Check(TokenKind.Dot) && Peek().IsIdentifier)
        {
            _pos++;
            parts.Add(ParseIdentifier(what));
        }
        return new QualifiedName(new NodeList<Identifier>(parts.ToArray())) { Span = SpanFrom(start) };
    }

    private NodeList<Identifier> ParseIdentifierList(string what = "a column name")
    {
        Expect(TokenKind.LeftParen, "'('");
        var items = new List<Identifier> { ParseIdentifier(what) };
        while (Accept(TokenKind.Comma)) items.Add(ParseIdentifier(what));
        Expect(TokenKind.RightParen, "')'");
        return new NodeList<Identifier>(items.ToArray());
    }

    private NodeList<QualifiedName> ParseQualifiedNameList(string what, bool parenthesized)
    {
        if (parenthesized) Expect(TokenKind.LeftParen, "'('");
        var items = new List<QualifiedName> { ParseQualifiedName(what) };
        while (Accept(TokenKind.Comma)) items.Add(ParseQualifiedName(what));
        if (parenthesized) Expect(TokenKind.RightParen, "')'");
        return new NodeList<QualifiedName>(items.ToArray());
    }

    /// <summary>
    /// A table name: <c>a.b.c</c>, or <c>fmt.`/path`</c> (a known file format followed by a backquoted part).
    /// A hyphenated unquoted name (<c>my-table</c>) gets Spark's INVALID_IDENTIFIER error.
    /// </summary>
    private TableName ParseTableName(string what = "a table name")
    {
        var start = Current;
        if (!start.IsIdentifier) throw SyntaxError(start, $"expected {what}");
        var parts = new List<Identifier>();
        var quoted = new List<bool>();
        while (true)
        {
            var token = Current;
            quoted.Add(token.Kind == TokenKind.QuotedIdentifier);
            parts.Add(ParseIdentifier(what));
            if (Check(TokenKind.Minus) && Current.Offset == Previous.End && Peek().IsIdentifier && Peek().Offset == Current.End)
                throw InvalidHyphenatedIdentifier(start);
            if (!(Check(TokenKind.Dot) && Peek().IsIdentifier)) break;
            _pos++;
        }
        var span = SpanFrom(start);
        if (parts.Count == 2 && !quoted[0] && quoted[1] && SqlKeywords.FileFormats.Contains(parts[0].Value))
            return new PathTableName(parts[0].Value.ToLowerInvariant(), parts[1].Value) { Span = span };
        return new CatalogTableName(new QualifiedName(new NodeList<Identifier>(parts.ToArray())) { Span = span }) { Span = span };
    }

    private SqlParseException InvalidHyphenatedIdentifier(Token start)
    {
        var end = _pos;
        while (_tokens[end].Kind == TokenKind.Minus && _tokens[end].Offset == _tokens[end - 1].End
               && _tokens[end + 1].IsIdentifier && _tokens[end + 1].Offset == _tokens[end].End)
            end += 2;
        var text = _sql[start.Offset.._tokens[end - 1].End];
        return Fail(
            "INVALID_IDENTIFIER",
            $"The unquoted identifier {text} is invalid and must be back quoted as: `{text}`. Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_'). Unquoted identifiers must also not start with a digit.",
            new SourceSpan(start.Offset, _tokens[end - 1].End - start.Offset, start.Line, start.Column));
    }

    /// <summary>A table named in a Delta command, which also accepts a quoted path (<c>VACUUM '/data/t'</c>).</summary>
    private TableName ParseTableNameOrPath()
    {
        if (Check(TokenKind.String))
        {
            var token = Advance();
            return new PathTableName("delta", token.Text) { Span = token.Span };
        }
        return ParseTableName();
    }

    // ───────────────────────────── literals shared by statements ─────────────────────────────

    /// <summary>A string literal (adjacent literals concatenate, as in Spark).</summary>
    private string ParseStringValue(string what = "a string literal")
    {
        if (!Check(TokenKind.String)) throw SyntaxError(Current, $"expected {what}");
        var value = Advance().Text;
        while (Check(TokenKind.String)) value += Advance().Text;
        return value;
    }

    /// <summary><c>(key [=] value, …)</c>; <paramref name="valuesRequired"/> false allows bare keys.</summary>
    private NodeList<TableProperty> ParsePropertyList(bool valuesRequired, bool keysOnly = false)
    {
        Expect(TokenKind.LeftParen, "'('");
        var items = new List<TableProperty>();
        do
        {
            var start = Current;
            var key = ParsePropertyKey();
            string? value = null;
            if (!keysOnly)
            {
                var hasEquals = Accept(TokenKind.Equal);
                if (hasEquals || Current.Kind is not (TokenKind.Comma or TokenKind.RightParen))
                    value = ParsePropertyValue();
                else if (valuesRequired)
                    throw SyntaxError(Current, $"expected a value for property '{key}'");
            }
            items.Add(new TableProperty(key, value) { Span = SpanFrom(start) });
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "')'");
        return new NodeList<TableProperty>(items.ToArray());
    }

    private string ParsePropertyKey()
    {
        if (Check(TokenKind.String)) return ParseStringValue();
        if (!Current.IsIdentifier) throw SyntaxError(Current, "expected a property key (a dotted name or a string)");
        var key = Advance().Text;
        while (Check(TokenKind.Dot) && Peek().IsIdentifier)
        {
            _pos++;
            key += "." + Advance().Text;
        }
        return key;
    }

    // Spark's propertyValue: INTEGER_VALUE | DECIMAL_VALUE | booleanValue | stringLit (booleans lower-cased).
    private string ParsePropertyValue()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                return ParseStringValue();
            case TokenKind.Integer or TokenKind.Decimal:
                _pos++;
                return token.Text;
            case TokenKind.Minus when Peek().Kind is TokenKind.Integer or TokenKind.Decimal:
                _pos += 2;
                return "-" + Previous.Text;
            case TokenKind.Word when token.IsWord("TRUE") || token.IsWord("FALSE"):
                _pos++;
                return token.Text.ToLowerInvariant();
            default:
                throw SyntaxError(token, "expected a property value (a string, number or boolean)");
        }
    }
}
