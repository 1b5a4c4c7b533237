using System.Globalization;
using System.Text.RegularExpressions;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// Delta commands (RESTORE, VACUUM, OPTIMIZE, DESCRIBE HISTORY/DETAIL), DESCRIBE, SHOW, EXPLAIN and the session
// statements SET, RESET, USE.
internal sealed partial class SqlParser
{
    // ───────────────────────────── Delta commands ─────────────────────────────

    private Statement ParseRestore()
    {
        ExpectWord("RESTORE");
        if (IsWord("TABLE") && (Peek().IsIdentifier || Peek().Kind == TokenKind.String) && !IsTimeTravelStartAt(1)) _pos++;
        var table = ParseTableNameOrPath();
        AcceptWord("TO");
        if (!IsTimeTravelStart()) throw SyntaxError(Current, "expected VERSION AS OF or TIMESTAMP AS OF");
        return new RestoreTableStatement(table, ParseTimeTravel());
    }

    private bool IsTimeTravelStartAt(int ahead)
    {
        var save = _pos;
        _pos = Math.Min(_pos + ahead, _tokens.Length - 1);
        var result = IsTimeTravelStart();
        _pos = save;
        return result;
    }

    private Statement ParseVacuum()
    {
        ExpectWord("VACUUM");
        var table = ParseTableNameOrPath();
        decimal? retain = null;
        if (AcceptWord("RETAIN"))
        {
            var start = Current;
            var negative = Accept(TokenKind.Minus);
            var token = Current;
            if (token.Kind is not (TokenKind.Integer or TokenKind.Decimal)) throw SyntaxError(token, "expected the number of hours to retain");
            _pos++;
            if (!decimal.TryParse((negative ? "-" : "") + token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours))
                throw OutOfRange(token.Text, decimal.MinValue.ToString(CultureInfo.InvariantCulture), decimal.MaxValue.ToString(CultureInfo.InvariantCulture), "decimal", SpanFrom(start));
            retain = hours;
            ExpectWord("HOURS", "expected HOURS after the retention period");
        }
        var dryRun = false;
        if (AcceptWord("DRY"))
        {
            ExpectWord("RUN", "expected RUN after DRY");
            dryRun = true;
        }
        return new VacuumStatement(table, retain, dryRun);
    }

    private Statement ParseOptimize()
    {
        ExpectWord("OPTIMIZE");
        var table = ParseTableNameOrPath();
        SqlExpression? where = AcceptWord("WHERE") ? ParseExpression() : null;
        var zorder = NodeList<QualifiedName>.Empty;
        if (IsWord("ZORDER") && IsWordAt(1, "BY"))
        {
            _pos += 2;
            zorder = ParseQualifiedNameList("a column name", parenthesized: Check(TokenKind.LeftParen));
        }
        return new OptimizeStatement(table, where, zorder);
    }

    private Statement ParseDescribe()
    {
        _pos++; // DESCRIBE | DESC
        if (IsWord("HISTORY") && (Peek().IsIdentifier || Peek().Kind == TokenKind.String))
        {
            _pos++;
            var table = ParseTableNameOrPath();
            long? limit = null;
            if (AcceptWord("LIMIT"))
            {
                var token = Expect(TokenKind.Integer, "the number of history entries");
                if (!long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw OutOfRange(token.Text, "0", long.MaxValue.ToString(CultureInfo.InvariantCulture), "bigint", token.Span);
                limit = n;
            }
            return new DescribeHistoryStatement(table, limit);
        }
        if (IsWord("DETAIL") && (Peek().IsIdentifier || Peek().Kind == TokenKind.String))
        {
            _pos++;
            return new DescribeDetailStatement(ParseTableNameOrPath());
        }
        if ((IsWord("SCHEMA") || IsWord("DATABASE") || IsWord("NAMESPACE")) && Peek().IsIdentifier)
        {
            _pos++;
            var extended = IsWord("EXTENDED") && Peek().IsIdentifier && AcceptWord("EXTENDED");
            return new DescribeSchemaStatement(ParseQualifiedName("a schema name"), extended);
        }
        if (IsWord("FUNCTION") || IsWord("QUERY")
            || ((IsWord("SELECT") || IsWord("WITH") || IsWord("VALUES")) && Peek().Kind is not (TokenKind.EndOfInput or TokenKind.Dot or TokenKind.Semicolon)))
            throw SyntaxError(Current, "DESCRIBE FUNCTION / DESCRIBE QUERY are not supported");
        if (IsWord("TABLE") && (Peek().IsIdentifier)) _pos++;
        var isExtended = false;
        if ((IsWord("EXTENDED") || IsWord("FORMATTED")) && Peek().IsIdentifier)
        {
            _pos++;
            isExtended = true;
        }
        var described = ParseTableName();
        QualifiedName? column = Current.IsIdentifier ? ParseQualifiedName("a column name") : null;
        return new DescribeTableStatement(described, isExtended, column);
    }

    private Statement ParseShow()
    {
        ExpectWord("SHOW");
        if (AcceptWord("TABLES"))
        {
            QualifiedName? schema = null;
            if (AcceptWord("FROM") || AcceptWord("IN")) schema = ParseQualifiedName("a schema name");
            AcceptWord("LIKE");
            var pattern = Check(TokenKind.String) ? ParseStringValue() : null;
            return new ShowTablesStatement(schema, pattern);
        }
        if (AcceptWord("SCHEMAS") || AcceptWord("DATABASES") || AcceptWord("NAMESPACES"))
        {
            QualifiedName? catalog = null;
            if (AcceptWord("FROM") || AcceptWord("IN")) catalog = ParseQualifiedName("a catalog name");
            AcceptWord("LIKE");
            var pattern = Check(TokenKind.String) ? ParseStringValue() : null;
            return new ShowSchemasStatement(catalog, pattern);
        }
        if (AcceptWord("TBLPROPERTIES"))
        {
            var table = ParseTableName();
            string? key = null;
            if (Accept(TokenKind.LeftParen))
            {
                key = ParsePropertyKey();
                Expect(TokenKind.RightParen, "')'");
            }
            return new ShowTablePropertiesStatement(table, key);
        }
        if (AcceptWord("COLUMNS"))
        {
            if (!AcceptWord("FROM")) ExpectWord("IN", "expected FROM or IN after SHOW COLUMNS");
            var table = ParseTableName();
            QualifiedName? schema = null;
            if (AcceptWord("FROM") || AcceptWord("IN")) schema = ParseQualifiedName("a schema name");
            return new ShowColumnsStatement(table, schema);
        }
        if (AcceptWords("CREATE", "TABLE")) return new ShowCreateTableStatement(ParseTableName());
        throw SyntaxError(Current, "expected TABLES, SCHEMAS, DATABASES, TBLPROPERTIES, COLUMNS or CREATE TABLE after SHOW");
    }

    private Statement ParseExplain()
    {
        ExpectWord("EXPLAIN");
        var mode = ExplainMode.Simple;
        var modeToken = Current;
        if (modeToken.Kind == TokenKind.Word && Peek().Kind == TokenKind.Word)
        {
            var parsed = modeToken.Text.ToUpperInvariant() switch
            {
                "EXTENDED" => ExplainMode.Extended,
                "FORMATTED" => ExplainMode.Formatted,
                "CODEGEN" => ExplainMode.Codegen,
                "COST" => ExplainMode.Cost,
                "LOGICAL" => ExplainMode.Logical,
                _ => (ExplainMode?)null,
            };
            if (parsed is not null)
            {
                mode = parsed.Value;
                _pos++;
            }
        }
        return new ExplainStatement(mode, ParseStatement());
    }

    // ───────────────────────────── session ─────────────────────────────

    [GeneratedRegex(@"^[A-Za-z0-9_\\.:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKey();

    private const string InvalidSetSyntax =
        "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.";

    /// <summary>The index of the token that ends the current statement (';' or end of input).</summary>
    private int StatementEnd()
    {
        var i = _pos;
        while (_tokens[i].Kind is not (TokenKind.Semicolon or TokenKind.EndOfInput)) i++;
        return i;
    }

    private Statement ParseSet()
    {
        var setToken = Advance();
        var end = StatementEnd();
        if (_pos == end) return new SetStatement(null, null);
        if (Check(TokenKind.Minus) && IsWordAt(1, "V") && _pos + 2 == end)
        {
            _pos = end;
            return new SetStatement(null, null, Verbose: true);
        }
        if (IsWord("CATALOG") && _pos + 1 < end && Peek().Kind != TokenKind.Equal)
        {
            _pos++;
            var nameStart = Current;
            var name = Check(TokenKind.String)
                ? new QualifiedName([new Identifier(ParseStringValue()) { Span = nameStart.Span }]) { Span = nameStart.Span }
                : ParseQualifiedName("a catalog name");
            return new UseStatement(UseTarget.Catalog, name);
        }
        if (IsWord("TIME") && IsWordAt(1, "ZONE"))
        {
            _pos += 2;
            string zone;
            if (AcceptWord("LOCAL")) zone = "LOCAL";
            else if (Check(TokenKind.String)) zone = ParseStringValue();
            else throw SyntaxError(Current, "expected LOCAL or a time zone string after SET TIME ZONE");
            return new SetStatement("spark.sql.session.timeZone", zone);
        }
        var equals = -1;
        for (var i = _pos; i < end; i++)
        {
            if (_tokens[i].Kind == TokenKind.Equal)
            {
                equals = i;
                break;
            }
        }
        var keyEnd = equals >= 0 ? equals : end;
        var key = RawConfigText(_pos, keyEnd);
        var quotedKey = keyEnd - _pos == 1 && Current.Kind == TokenKind.QuotedIdentifier;
        if (key.Length == 0 || (!quotedKey && !ConfigKey().IsMatch(key)))
            throw Fail("INVALID_SET_SYNTAX", InvalidSetSyntax, _pos < keyEnd ? SpanOfTokens(_pos, keyEnd) : setToken.Span);
        string? value = equals >= 0 ? RawConfigText(equals + 1, end) : null;
        _pos = end;
        return new SetStatement(key, value);
    }

    private Statement ParseReset()
    {
        _pos++; // RESET
        var end = StatementEnd();
        if (_pos == end) return new ResetStatement(null);
        var key = RawConfigText(_pos, end);
        var quotedKey = end - _pos == 1 && Current.Kind == TokenKind.QuotedIdentifier;
        if (!quotedKey && !ConfigKey().IsMatch(key)) throw Fail("INVALID_SET_SYNTAX", "Expected format is 'RESET' or 'RESET key'. If you want to include special characters in key, please use backquotes, e.g., RESET `key`.", SpanOfTokens(_pos, end));
        _pos = end;
        return new ResetStatement(key);
    }

    /// <summary>The source text of tokens [from, to), trimmed; a single backquoted token gives its unquoted name.</summary>
    private string RawConfigText(int from, int to)
    {
        if (from >= to) return "";
        if (to - from == 1 && _tokens[from].Kind == TokenKind.QuotedIdentifier) return _tokens[from].Text;
        return _sql[_tokens[from].Offset.._tokens[to - 1].End].Trim();
    }

    private SourceSpan SpanOfTokens(int from, int to)
    {
        var first = _tokens[from];
        var last = _tokens[Math.Max(from, to - 1)];
        return new SourceSpan(first.Offset, last.End - first.Offset, first.Line, first.Column);
    }

    private Statement ParseUse()
    {
        ExpectWord("USE");
        var target = UseTarget.Default;
        if ((IsWord("CATALOG") || IsWord("SCHEMA") || IsWord("DATABASE") || IsWord("NAMESPACE")) && Peek().IsIdentifier)
            target = Advance().IsWord("CATALOG") ? UseTarget.Catalog : UseTarget.Schema;
        return new UseStatement(target, ParseQualifiedName(target == UseTarget.Catalog ? "a catalog name" : "a schema name"));
    }
}
