using System.Globalization;
using System.Text;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

/// <summary>
/// Turns SQL text into tokens the way Spark's SqlBaseLexer.g4 does in its default mode: case-insensitive words,
/// <c>--</c> and nested <c>/* */</c> comments (<c>/*+ hints */</c> are skipped like comments), single- and
/// double-quoted strings with backslash escapes, raw strings <c>R'…'</c>, backquoted identifiers with <c>``</c>,
/// numeric literals with Spark's suffixes (L, S, Y, D, F, BD) and the longest-match rule against identifiers
/// (<c>1abc</c> is an identifier, <c>1e3</c> a double).
/// </summary>
internal sealed class Lexer
{
    private readonly string _sql;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string sql) => _sql = sql;

    /// <summary>All tokens, ending with one <see cref="TokenKind.EndOfInput"/>.</summary>
    public static List<Token> Tokenize(string sql)
    {
        var lexer = new Lexer(sql);
        var tokens = new List<Token>(Math.Max(16, sql.Length / 5));
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfInput) return tokens;
        }
    }

    private int Column(int offset) => offset - _lineStart + 1;

    private char At(int i) => i < _sql.Length ? _sql[i] : '\0';

    private Token Make(TokenKind kind, int start, string text) => new(kind, start, _pos - start, _line, Column(start), text);

    private Token Next()
    {
        SkipTrivia();
        var start = _pos;
        if (_pos >= _sql.Length) return new Token(TokenKind.EndOfInput, _sql.Length, 0, _line, Column(_sql.Length), "");
        var c = _sql[_pos];

        if (c is 'r' or 'R' && At(_pos + 1) is '\'' or '"') return RawString();
        if (c is '\'' or '"') return QuotedString(c);
        if (c == '`') return BackquotedIdentifier();
        if (IsDigit(c) || (c == '.' && IsDigit(At(_pos + 1)))) return NumberOrWord();
        if (IsWordChar(c)) return Word();
        return Operator(start, c);
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsWordChar(char c) => c == '_' || IsDigit(c) || char.IsLetter(c);

    // Whitespace, "-- …" to end of line (a backslash-newline continues it, as in Spark) and nested "/* … */".
    private void SkipTrivia()
    {
        while (_pos < _sql.Length)
        {
            var c = _sql[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '-' && At(_pos + 1) == '-')
            {
                while (_pos < _sql.Length && _sql[_pos] != '\n')
                {
                    if (_sql[_pos] == '\\' && At(_pos + 1) == '\n')
                    {
                        _pos += 2;
                        _line++;
                        _lineStart = _pos;
                        continue;
                    }
                    _pos++;
                }
            }
            else if (c == '/' && At(_pos + 1) == '*')
            {
                SkipBracketedComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBracketedComment()
    {
        var start = _pos;
        var startLine = _line;
        var startColumn = Column(start);
        var depth = 0;
        while (_pos < _sql.Length)
        {
            var c = _sql[_pos];
            if (c == '/' && At(_pos + 1) == '*')
            {
                depth++;
                _pos += 2;
            }
            else if (c == '*' && At(_pos + 1) == '/')
            {
                depth--;
                _pos += 2;
                if (depth == 0) return;
            }
            else
            {
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _pos + 1;
                }
                _pos++;
            }
        }
        throw SqlParseException.At(
            "UNCLOSED_BRACKETED_COMMENT",
            "Found an unclosed bracketed comment. Please, append */ at the end of the comment.",
            new SourceSpan(start, 2, startLine, startColumn),
            _sql);
    }

    private Token QuotedString(char quote)
    {
        var start = _pos;
        var startLine = _line;
        var startColumn = Column(start);
        // Fast path: no escapes and no line breaks, so the value is a slice of the text.
        var close = _sql.AsSpan(start + 1).IndexOfAny(quote, '\\', '\n');
        if (close >= 0 && _sql[start + 1 + close] == quote)
        {
            _pos = start + close + 2;
            return new Token(TokenKind.String, start, _pos - start, startLine, startColumn, _sql.Substring(start + 1, close));
        }
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _sql.Length)
            {
                throw SqlParseException.At(
                    "PARSE_SYNTAX_ERROR",
                    $"Syntax error at or near '{quote}': the string literal is not closed (add a closing {quote}).",
                    new SourceSpan(start, 1, startLine, startColumn),
                    _sql);
            }
            var c = _sql[_pos];
            if (c == quote)
            {
                _pos++;
                break;
            }
            if (c == '\\' && _pos + 1 < _sql.Length)
            {
                _pos++;
                Unescape(sb);
                continue;
            }
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            sb.Append(c);
            _pos++;
        }
        return new Token(TokenKind.String, start, _pos - start, startLine, startColumn, sb.ToString());
    }

    // Spark's ParserUtils.unescapeSQLString; _pos is on the character after the backslash.
    private void Unescape(StringBuilder sb)
    {
        var c = _sql[_pos];
        if (c == 'u' && TryHex(_pos + 1, 4, out var u))
        {
            sb.Append((char)u);
            _pos += 5;
            return;
        }
        if (c == 'U' && TryHex(_pos + 1, 8, out var cp) && cp <= 0x10FFFF && cp is < 0xD800 or > 0xDFFF)
        {
            sb.Append(char.ConvertFromUtf32(cp));
            _pos += 9;
            return;
        }
        if (c is '0' or '1' && At(_pos + 1) is >= '0' and <= '7' && At(_pos + 2) is >= '0' and <= '7')
        {
            sb.Append((char)(((c - '0') << 6) + ((_sql[_pos + 1] - '0') << 3) + (_sql[_pos + 2] - '0')));
            _pos += 3;
            return;
        }
        switch (c)
        {
            case '0': sb.Append('\0'); break;
            case 'b': sb.Append('\b'); break;
            case 'n': sb.Append('\n'); break;
            case 'r': sb.Append('\r'); break;
            case 't': sb.Append('\t'); break;
            case 'Z': sb.Append('\u001A'); break;
            case '\\': sb.Append('\\'); break;
            // Kept escaped for LIKE patterns, as Spark (and MySQL) do.
            case '%': sb.Append("\\%"); break;
            case '_': sb.Append("\\_"); break;
            case '\n':
                _line++;
                _lineStart = _pos + 1;
                sb.Append('\n');
                break;
            default: sb.Append(c); break;
        }
        _pos++;
    }

    private bool TryHex(int from, int digits, out int value)
    {
        value = 0;
        if (from + digits > _sql.Length) return false;
        return int.TryParse(_sql.AsSpan(from, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private Token RawString()
    {
        var start = _pos;
        var startLine = _line;
        var startColumn = Column(start);
        var quote = _sql[_pos + 1];
        _pos += 2;
        var valueStart = _pos;
        while (_pos < _sql.Length && _sql[_pos] != quote)
        {
            if (_sql[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            _pos++;
        }
        if (_pos >= _sql.Length)
        {
            throw SqlParseException.At(
                "PARSE_SYNTAX_ERROR",
                $"Syntax error at or near 'R{quote}': the raw string literal is not closed (add a closing {quote}).",
                new SourceSpan(start, 2, startLine, startColumn),
                _sql);
        }
        var value = _sql[valueStart.._pos];
        _pos++;
        return new Token(TokenKind.String, start, _pos - start, startLine, startColumn, value);
    }

    private Token BackquotedIdentifier()
    {
        var start = _pos;
        var startLine = _line;
        var startColumn = Column(start);
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _sql.Length)
            {
                throw SqlParseException.At(
                    "PARSE_SYNTAX_ERROR",
                    "Syntax error at or near '`': the quoted identifier is not closed (add a closing `).",
                    new SourceSpan(start, 1, startLine, startColumn),
                    _sql);
            }
            var c = _sql[_pos];
            if (c == '`')
            {
                if (At(_pos + 1) == '`')
                {
                    sb.Append('`');
                    _pos += 2;
                    continue;
                }
                _pos++;
                break;
            }
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            sb.Append(c);
            _pos++;
        }
        return new Token(TokenKind.QuotedIdentifier, start, _pos - start, startLine, startColumn, sb.ToString());
    }

    private Token Word()
    {
        var start = _pos;
        while (_pos < _sql.Length && IsWordChar(_sql[_pos])) _pos++;
        return MakeWord(start);
    }

    private Token MakeWord(int start)
    {
        var text = _sql[start.._pos];
        var upper = text.ToUpperInvariant();
        return new Token(TokenKind.Word, start, _pos - start, _line, Column(start), text, string.Equals(upper, text, StringComparison.Ordinal) ? text : upper);
    }

    // ANTLR picks the longest match and, on a tie, the rule listed first (the literal rules precede IDENTIFIER).
    // A literal containing '.' is only valid when no letter, digit or '_' follows it (isValidDecimal); otherwise
    // Spark's lexer falls back to the integer part.
    private Token NumberOrWord()
    {
        var start = _pos;
        var wordEnd = start;
        while (wordEnd < _sql.Length && IsWordChar(_sql[wordEnd])) wordEnd++;

        var i = start;
        while (IsDigit(At(i))) i++;
        var intDigits = i - start;
        var hasDot = false;
        if (At(i) == '.')
        {
            hasDot = true;
            i++;
            while (IsDigit(At(i))) i++;
        }
        var hasExponent = false;
        if (At(i) is 'e' or 'E')
        {
            var j = i + 1;
            if (At(j) is '+' or '-') j++;
            if (IsDigit(At(j)))
            {
                while (IsDigit(At(j))) j++;
                i = j;
                hasExponent = true;
            }
        }

        var kind = hasExponent ? TokenKind.Exponent : hasDot ? TokenKind.Decimal : TokenKind.Integer;
        var end = i;
        var next = char.ToUpperInvariant(At(i));
        if (next == 'B' && char.ToUpperInvariant(At(i + 1)) == 'D')
        {
            kind = TokenKind.BigDecimalLiteral;
            end = i + 2;
        }
        else if (next == 'D')
        {
            kind = TokenKind.DoubleLiteral;
            end = i + 1;
        }
        else if (next == 'F')
        {
            kind = TokenKind.FloatLiteral;
            end = i + 1;
        }
        else if (!hasDot && !hasExponent && next is 'L' or 'S' or 'Y')
        {
            kind = next switch { 'L' => TokenKind.BigIntLiteral, 'S' => TokenKind.SmallIntLiteral, _ => TokenKind.TinyIntLiteral };
            end = i + 1;
        }

        var followedByWordChar = end < _sql.Length && IsWordChar(_sql[end]);
        if (hasDot && followedByWordChar)
        {
            // Not a valid decimal token: the integer part alone (if any), then '.' is lexed on its own.
            if (intDigits == 0)
            {
                _pos = start + 1;
                return Make(TokenKind.Dot, start, ".");
            }
            _pos = start + intDigits;
            return Make(TokenKind.Integer, start, _sql[start.._pos]);
        }
        if (!hasDot && wordEnd > end)
        {
            _pos = wordEnd;
            return MakeWord(start);
        }
        _pos = end;
        return Make(kind, start, _sql[start.._pos]);
    }

    private Token Operator(int start, char c)
    {
        var n1 = At(_pos + 1);
        var n2 = At(_pos + 2);
        (TokenKind kind, int length) = c switch
        {
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            ';' => (TokenKind.Semicolon, 1),
            '=' when n1 == '=' => (TokenKind.Equal, 2),
            '=' when n1 == '>' => (TokenKind.FatArrow, 2),
            '=' => (TokenKind.Equal, 1),
            '<' when n1 == '=' && n2 == '>' => (TokenKind.NullSafeEqual, 3),
            '<' when n1 == '=' => (TokenKind.LessThanOrEqual, 2),
            '<' when n1 == '>' => (TokenKind.NotEqual, 2),
            '<' when n1 == '<' => (TokenKind.ShiftLeft, 2),
            '<' => (TokenKind.LessThan, 1),
            '>' when n1 == '=' => (TokenKind.GreaterThanOrEqual, 2),
            '>' when n1 == '>' && n2 == '>' => (TokenKind.ShiftRightUnsigned, 3),
            '>' when n1 == '>' => (TokenKind.ShiftRight, 2),
            '>' => (TokenKind.GreaterThan, 1),
            '!' when n1 == '=' => (TokenKind.NotEqual, 2),
            '!' when n1 == '>' => (TokenKind.LessThanOrEqual, 2),
            '!' when n1 == '<' => (TokenKind.GreaterThanOrEqual, 2),
            '!' => (TokenKind.Bang, 1),
            '+' => (TokenKind.Plus, 1),
            '-' when n1 == '>' => (TokenKind.Arrow, 2),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '~' => (TokenKind.Tilde, 1),
            '&' => (TokenKind.Ampersand, 1),
            '|' when n1 == '|' => (TokenKind.ConcatPipe, 2),
            '|' => (TokenKind.Pipe, 1),
            '^' => (TokenKind.Caret, 1),
            ':' when n1 == ':' => (TokenKind.DoubleColon, 2),
            ':' => (TokenKind.Colon, 1),
            '?' => (TokenKind.Question, 1),
            '@' => (TokenKind.At, 1),
            _ => (TokenKind.EndOfInput, 0),
        };
        if (length == 0)
        {
            var text = char.IsHighSurrogate(c) && char.IsLowSurrogate(At(_pos + 1)) ? _sql.Substring(_pos, 2) : c.ToString();
            _pos += text.Length;
            return Make(TokenKind.Unrecognized, start, text);
        }
        _pos += length;
        return Make(kind, start, length == 1 && c < 128 ? OneCharText[c] : _sql.Substring(start, length));
    }

    private static readonly string[] OneCharText = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();
}
