using System.Globalization;
using System.Text.RegularExpressions;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// Queries (SqlBaseParser.g4: query / queryTerm / queryPrimary / querySpecification) and relations (fromClause,
// relation, joinRelation, relationPrimary, temporalClause, tableAlias).
internal sealed partial class SqlParser
{
    /// <summary><c>[WITH …] queryTerm [ORDER BY …] [LIMIT …] [OFFSET …]</c>.</summary>
    private Query ParseQuery()
    {
        var start = Current;
        Enter();
        var ctes = NodeList<CommonTableExpression>.Empty;
        if (IsWord("WITH")) ctes = ParseCommonTableExpressions();
        var body = ParseSetOperations(null);
        var query = ParseQueryOrganization(ctes, body, start);
        Exit();
        return query;
    }

    /// <summary>Continues a query whose first operand was already parsed (<c>((SELECT 1) UNION …)</c> in an expression).</summary>
    private Query ParseQueryRest(QueryBody first, SourceSpan firstSpan)
    {
        Enter();
        var body = ParseSetOperations(first);
        var startToken = new Token(TokenKind.LeftParen, firstSpan.Offset, firstSpan.Length, firstSpan.Line, firstSpan.Column, "");
        var query = ParseQueryOrganization(NodeList<CommonTableExpression>.Empty, body, startToken);
        Exit();
        return query;
    }

    /// <summary>A parenthesised query as a body: the inner body itself when it has no WITH / ORDER BY / LIMIT / OFFSET.</summary>
    private static QueryBody UnwrapAsBody(Query query) =>
        query.With.IsEmpty && query.OrderBy.IsEmpty && query.Limit is null && query.Offset is null
            ? query.Body
            : new NestedQuery(query) { Span = query.Span };

    private NodeList<CommonTableExpression> ParseCommonTableExpressions()
    {
        ExpectWord("WITH");
        if (IsWord("RECURSIVE")) throw SyntaxError(Current, "recursive common table expressions are not supported");
        var ctes = new List<CommonTableExpression>();
        do
        {
            var start = Current;
            var name = ParseIdentifier("a name for the common table expression");
            var columns = Check(TokenKind.LeftParen) && Peek().IsIdentifier && !LooksLikeQueryStart(Peek()) ? ParseIdentifierList() : NodeList<Identifier>.Empty;
            AcceptWord("AS");
            Expect(TokenKind.LeftParen, "'(' and the query of " + name.Value);
            var query = ParseQuery();
            Expect(TokenKind.RightParen, "')'");
            ctes.Add(new CommonTableExpression(name, columns, query) { Span = SpanFrom(start) });
        }
        while (Accept(TokenKind.Comma));
        return new NodeList<CommonTableExpression>(ctes.ToArray());
    }

    private Query ParseQueryOrganization(NodeList<CommonTableExpression> ctes, QueryBody body, Token start)
    {
        var orderBy = NodeList<SortItem>.Empty;
        if (IsWord("ORDER") && IsWordAt(1, "BY"))
        {
            _pos += 2;
            orderBy = ParseSortItems();
        }
        if ((IsWord("SORT") || IsWord("CLUSTER") || IsWord("DISTRIBUTE")) && IsWordAt(1, "BY"))
            throw SyntaxError(Current, $"{Current.Text.ToUpperInvariant()} BY is not supported; use ORDER BY");
        SqlExpression? limit = null;
        if (AcceptWord("LIMIT"))
        {
            if (!AcceptWord("ALL")) limit = ParseExpression();
        }
        SqlExpression? offset = null;
        if (AcceptWord("OFFSET")) offset = ParseExpression();
        return new Query(ctes, body, orderBy, limit, offset) { Span = SpanFrom(start) };
    }

    // UNION / EXCEPT / MINUS are left-associative and bind looser than INTERSECT (Spark's default, non-legacy order).
    private QueryBody ParseSetOperations(QueryBody? first)
    {
        var left = ParseIntersections(first);
        var chain = 0;
        while (IsWord("UNION") || IsWord("EXCEPT") || IsWord("MINUS"))
        {
            if (_depth + ++chain > MaxDepth) throw TooDeep(Current);
            var opToken = Advance();
            var op = opToken.IsWord("UNION") ? SetOperator.Union : SetOperator.Except;
            var all = ParseSetQuantifier();
            var right = ParseIntersections(null);
            left = new SetOperation(op, all, left, right) { Span = SpanFrom(left) };
        }
        return left;
    }

    private QueryBody ParseIntersections(QueryBody? first)
    {
        var left = first ?? ParseQueryPrimary();
        var chain = 0;
        while (IsWord("INTERSECT"))
        {
            if (_depth + ++chain > MaxDepth) throw TooDeep(Current);
            _pos++;
            var all = ParseSetQuantifier();
            var right = ParseQueryPrimary();
            left = new SetOperation(SetOperator.Intersect, all, left, right) { Span = SpanFrom(left) };
        }
        return left;
    }

    private bool ParseSetQuantifier()
    {
        if (AcceptWord("ALL")) return true;
        AcceptWord("DISTINCT");
        if (AcceptWord("BY"))
            throw SyntaxError(Previous, "UNION BY NAME is not supported");
        return false;
    }

    private QueryBody ParseQueryPrimary()
    {
        var start = Current;
        if (IsWord("SELECT")) return ParseSelect();
        if (IsWord("VALUES"))
        {
            _pos++;
            return new ValuesQuery(ParseValuesRows()) { Span = SpanFrom(start) };
        }
        if (IsWord("TABLE") && Peek().IsIdentifier)
        {
            _pos++;
            return new TableQuery(ParseTableName()) { Span = SpanFrom(start) };
        }
        if (Check(TokenKind.LeftParen))
        {
            _pos++;
            var query = ParseQuery();
            Expect(TokenKind.RightParen, "')'");
            var body = UnwrapAsBody(query);
            return body is NestedQuery ? body with { Span = SpanFrom(start) } : body;
        }
        if (IsWord("FROM")) throw SyntaxError(Current, "a query must start with SELECT (FROM-first queries are not supported)");
        throw SyntaxError(Current, "expected SELECT, VALUES, TABLE or '(' to start a query");
    }

    private NodeList<NodeList<SqlExpression>> ParseValuesRows()
    {
        var rows = new List<NodeList<SqlExpression>>();
        do
        {
            var row = ParseExpression();
            rows.Add(row is RowConstructor constructor ? constructor.Items : new NodeList<SqlExpression>([row]));
        }
        while (Accept(TokenKind.Comma));
        return new NodeList<NodeList<SqlExpression>>(rows.ToArray());
    }

    private static readonly HashSet<string> SelectAliasStops = new(StringComparer.OrdinalIgnoreCase) { "FOR" };

    private SelectQuery ParseSelect()
    {
        var start = Advance();
        var distinct = false;
        if (IsWord("DISTINCT") || IsWord("ALL"))
        {
            if (Peek().Kind is not (TokenKind.Comma or TokenKind.Dot) && !(Peek().Kind == TokenKind.Word && ClauseWords.Contains(Peek().Text)))
                distinct = Advance().IsWord("DISTINCT");
        }
        var items = new List<SelectItem>();
        do items.Add(ParseSelectItem());
        while (Accept(TokenKind.Comma));

        var from = NodeList<Relation>.Empty;
        if (AcceptWord("FROM")) from = ParseFromList();
        if (IsWord("LATERAL") && IsWordAt(1, "VIEW")) throw SyntaxError(Current, "LATERAL VIEW is not supported; use explode() in the select list");
        SqlExpression? where = AcceptWord("WHERE") ? ParseExpression() : null;
        GroupByClause? groupBy = null;
        if (IsWord("GROUP") && IsWordAt(1, "BY"))
        {
            var groupStart = Advance();
            _pos++;
            groupBy = ParseGroupBy(groupStart);
        }
        SqlExpression? having = AcceptWord("HAVING") ? ParseExpression() : null;
        var windows = NodeList<NamedWindow>.Empty;
        if (IsWord("WINDOW") && Peek().IsIdentifier && IsWordAt(2, "AS"))
        {
            _pos++;
            var list = new List<NamedWindow>();
            do
            {
                var windowStart = Current;
                var name = ParseIdentifier("a window name");
                ExpectWord("AS");
                var spec = ParseWindowSpec();
                list.Add(new NamedWindow(name, spec) { Span = SpanFrom(windowStart) });
            }
            while (Accept(TokenKind.Comma));
            windows = new NodeList<NamedWindow>(list.ToArray());
        }
        return new SelectQuery(distinct, new NodeList<SelectItem>(items.ToArray()), from, where, groupBy, having)
        {
            Windows = windows,
            Span = SpanFrom(start),
        };
    }

    private SelectItem ParseSelectItem()
    {
        var start = Current;
        var expression = ParseExpression();
        Identifier? alias = null;
        if (AcceptWord("AS"))
        {
            if (Check(TokenKind.LeftParen)) throw SyntaxError(Current, "multiple aliases (AS (a, b)) are not supported");
            alias = ParseIdentifier("an alias");
        }
        else if (IsAliasCandidate(SelectAliasStops, table: false))
        {
            alias = ParseIdentifier("an alias");
        }
        return new SelectItem(expression, alias) { Span = SpanFrom(start) };
    }

    private GroupByClause ParseGroupBy(Token start)
    {
        if (IsWord("ALL") && (Peek().Kind is TokenKind.EndOfInput or TokenKind.Semicolon or TokenKind.RightParen
                              || (Peek().Kind == TokenKind.Word && ClauseWords.Contains(Peek().Text))))
        {
            _pos++;
            return new GroupByClause(NodeList<SqlExpression>.Empty, All: true) { Span = SpanFrom(start) };
        }
        if (IsWord("GROUPING") && IsWordAt(1, "SETS")) throw SyntaxError(Current, "GROUPING SETS is not supported");
        var expressions = ParseExpressionList();
        if (IsWord("WITH") && (IsWordAt(1, "ROLLUP") || IsWordAt(1, "CUBE"))) throw SyntaxError(Current, "WITH ROLLUP / WITH CUBE is not supported; use ROLLUP(…) or CUBE(…)");
        return new GroupByClause(expressions) { Span = SpanFrom(start) };
    }

    // ───────────────────────────── relations ─────────────────────────────

    private NodeList<Relation> ParseFromList()
    {
        var relations = new List<Relation> { ParseRelation() };
        while (Accept(TokenKind.Comma)) relations.Add(ParseRelation());
        return new NodeList<Relation>(relations.ToArray());
    }

    /// <summary><c>relationPrimary joinRelation*</c>: joins associate to the left.</summary>
    private Relation ParseRelation()
    {
        var start = Current;
        Enter();
        var left = ParseRelationPrimary(null);
        var chain = 0;
        while (TryParseJoinType(out var type, out var natural))
        {
            var right = ParseRelationPrimary(null);
            SqlExpression? condition = null;
            var usingColumns = NodeList<Identifier>.Empty;
            if (!natural)
            {
                if (AcceptWord("ON")) condition = ParseExpression();
                else if (AcceptWord("USING")) usingColumns = ParseIdentifierList();
            }
            if (type == JoinType.Cross && (condition is not null || !usingColumns.IsEmpty))
                throw SyntaxError(Previous, "a CROSS JOIN cannot have ON or USING");
            left = new JoinRelation(type, left, right, condition, usingColumns, natural) { Span = SpanFrom(start) };
            if (_depth + ++chain > MaxDepth) throw TooDeep(Previous);
        }
        Exit();
        return left;
    }

    private bool TryParseJoinType(out JoinType type, out bool natural)
    {
        natural = false;
        type = JoinType.Inner;
        var save = _pos;
        if (AcceptWord("NATURAL")) natural = true;
        if (AcceptWord("JOIN")) return true;
        if (AcceptWord("INNER")) type = JoinType.Inner;
        else if (AcceptWord("CROSS")) type = JoinType.Cross;
        else if (AcceptWord("LEFT"))
        {
            if (AcceptWord("SEMI")) type = JoinType.LeftSemi;
            else if (AcceptWord("ANTI")) type = JoinType.LeftAnti;
            else
            {
                AcceptWord("OUTER");
                type = JoinType.LeftOuter;
            }
        }
        else if (AcceptWord("RIGHT"))
        {
            AcceptWord("OUTER");
            type = JoinType.RightOuter;
        }
        else if (AcceptWord("FULL"))
        {
            AcceptWord("OUTER");
            type = JoinType.FullOuter;
        }
        else if (AcceptWord("SEMI")) type = JoinType.LeftSemi;
        else if (AcceptWord("ANTI")) type = JoinType.LeftAnti;
        else
        {
            if (natural) throw SyntaxError(Current, "expected JOIN after NATURAL");
            _pos = save;
            return false;
        }
        ExpectWord("JOIN", "expected JOIN");
        if (natural && type == JoinType.Cross) throw SyntaxError(Previous, "NATURAL CROSS JOIN is not allowed");
        return true;
    }

    /// <summary>
    /// A table (with time travel and alias), <c>(query) alias</c>, <c>(relation) alias</c>, <c>VALUES … alias</c> or a
    /// table-valued function. <paramref name="aliasStops"/> are extra words that end the relation (MERGE's USING/ON).
    /// </summary>
    private Relation ParseRelationPrimary(HashSet<string>? aliasStops)
    {
        var start = Current;
        if (IsWord("LATERAL")) throw SyntaxError(Current, "LATERAL subqueries are not supported");
        if (Check(TokenKind.LeftParen))
        {
            if (LooksLikeQueryStart(Peek()) && !Peek().IsWord("VALUES"))
            {
                var query = ParseQueryInParentheses();
                var alias = ParseTableAlias(aliasStops);
                return new SubqueryRelation(query, alias) { Span = SpanFrom(start) };
            }
            // "((SELECT …) AS a JOIN b)" is a parenthesised relation, "((SELECT …) UNION …)" a query: parse a relation
            // and turn it into a query when a set operator or ORDER BY / LIMIT follows an unaliased subquery.
            _pos++;
            var inner = ParseRelation();
            QueryBody? firstBody = inner switch
            {
                SubqueryRelation { Alias: null } subqueryFirst => UnwrapAsBody(subqueryFirst.Query),
                ValuesRelation { Alias: null } valuesFirst => new ValuesQuery(valuesFirst.Rows) { Span = valuesFirst.Span },
                _ => null,
            };
            if (firstBody is not null && IsQueryContinuation())
            {
                var query = ParseQueryRest(firstBody, inner.Span);
                Expect(TokenKind.RightParen, "')'");
                var alias = ParseTableAlias(aliasStops);
                return new SubqueryRelation(query, alias) { Span = SpanFrom(start) };
            }
            Expect(TokenKind.RightParen, "')'");
            var innerAlias = ParseTableAlias(aliasStops);
            if (innerAlias is null) return inner;
            if (inner is SubqueryRelation { Alias: null } subquery) return subquery with { Alias = innerAlias, Span = SpanFrom(start) };
            if (inner is ValuesRelation { Alias: null } values) return values with { Alias = innerAlias, Span = SpanFrom(start) };
            return new AliasedRelation(inner, innerAlias) { Span = SpanFrom(start) };
        }
        if (IsWord("VALUES") && !Peek().IsWord("AS") && Peek().Kind is not (TokenKind.Dot or TokenKind.Comma or TokenKind.EndOfInput))
        {
            _pos++;
            var rows = ParseValuesRows();
            var alias = ParseTableAlias(aliasStops);
            return new ValuesRelation(rows, alias) { Span = SpanFrom(start) };
        }
        if (!Current.IsIdentifier) throw SyntaxError(Current, "expected a table name, a subquery or VALUES");

        // A table-valued function: name(…) (the name may be qualified).
        var look = 0;
        while (Peek(look).IsIdentifier && Peek(look + 1).Kind == TokenKind.Dot) look += 2;
        if (Peek(look).IsIdentifier && Peek(look + 1).Kind == TokenKind.LeftParen && Peek(look).Kind == TokenKind.Word)
        {
            var name = ParseQualifiedName("a function name");
            Expect(TokenKind.LeftParen, "'('");
            var args = Check(TokenKind.RightParen) ? NodeList<SqlExpression>.Empty : ParseExpressionList();
            Expect(TokenKind.RightParen, "')'");
            var alias = ParseTableAlias(aliasStops);
            return new TableFunctionRelation(name, args, alias) { Span = SpanFrom(start) };
        }

        var table = ParseTableName();
        var timeTravel = ParseTimeTravelSuffix(ref table);
        if (timeTravel is null && IsTimeTravelStart()) timeTravel = ParseTimeTravel();
        var tableAlias = ParseTableAlias(aliasStops);
        return new TableRelation(table, timeTravel, tableAlias) { Span = SpanFrom(start) };
    }

    /// <summary>At '(': does a query start after the parentheses (<c>((SELECT …</c>)?</summary>
    private bool ParenthesisedQueryAhead()
    {
        var i = 0;
        while (Peek(i).Kind == TokenKind.LeftParen) i++;
        return LooksLikeQueryStart(Peek(i));
    }

    private Query ParseQueryInParentheses()
    {
        var start = Current;
        Expect(TokenKind.LeftParen, "'('");
        var query = ParseQuery();
        Expect(TokenKind.RightParen, "')'");
        return query with { Span = SpanFrom(start) };
    }

    private static readonly HashSet<string> TableAliasStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "SET", "WHEN", "RETAIN", "ZORDER", "DRY", "VALUES", "SELECT", "WITH", "REPLACE", "BY", "PARTITION", "TBLPROPERTIES", "LOCATION", "IF",
    };

    private TableAlias? ParseTableAlias(HashSet<string>? extraStops)
    {
        var start = Current;
        if (AcceptWord("AS"))
        {
            var name = ParseIdentifier("an alias");
            var columns = Check(TokenKind.LeftParen) ? ParseIdentifierList() : NodeList<Identifier>.Empty;
            return new TableAlias(name, columns) { Span = SpanFrom(start) };
        }
        if (!IsAliasCandidate(TableAliasStops, table: true)) return null;
        if (extraStops is not null && Current.Kind == TokenKind.Word && extraStops.Contains(Current.Text)) return null;
        var alias = ParseIdentifier("an alias");
        var aliasColumns = Check(TokenKind.LeftParen) && Peek().IsIdentifier ? ParseIdentifierList() : NodeList<Identifier>.Empty;
        return new TableAlias(alias, aliasColumns) { Span = SpanFrom(start) };
    }

    // ───────────────────────────── time travel ─────────────────────────────

    private bool IsTimeTravelStart()
    {
        var i = IsWord("FOR") ? 1 : 0;
        var word = Peek(i);
        if (!(word.IsWord("VERSION") || word.IsWord("TIMESTAMP") || word.IsWord("SYSTEM_VERSION") || word.IsWord("SYSTEM_TIME"))) return false;
        return Peek(i + 1).IsWord("AS") && Peek(i + 2).IsWord("OF");
    }

    /// <summary>
    /// <c>[FOR] VERSION|SYSTEM_VERSION AS OF n</c> or <c>[FOR] TIMESTAMP|SYSTEM_TIME AS OF expr</c> (Spark's temporalClause;
    /// the timestamp is a valueExpression, so it stops before AND/OR).
    /// </summary>
    private TimeTravelSpec ParseTimeTravel()
    {
        var start = Current;
        AcceptWord("FOR");
        var kindToken = Advance();
        var isVersion = kindToken.IsWord("VERSION") || kindToken.IsWord("SYSTEM_VERSION");
        ExpectWord("AS");
        ExpectWord("OF");
        SqlExpression value;
        if (isVersion)
        {
            var token = Current;
            if (token.Kind == TokenKind.Integer)
            {
                _pos++;
                value = ParseNumber(token, negative: false, token);
            }
            else if (token.Kind == TokenKind.String)
            {
                value = new StringLiteral(ParseStringValue()) { Span = SpanFrom(token) };
            }
            else
            {
                throw SyntaxError(token, "expected a version number after VERSION AS OF");
            }
        }
        else
        {
            if (Current.Kind is TokenKind.EndOfInput or TokenKind.Semicolon or TokenKind.RightParen)
                throw SyntaxError(Current, "expected a timestamp expression after TIMESTAMP AS OF");
            value = ParseValue(0);
        }
        return new TimeTravelSpec(isVersion ? TimeTravelKind.Version : TimeTravelKind.Timestamp, value) { Span = SpanFrom(start) };
    }

    [GeneratedRegex(@"^(?<name>.*)@(?:[vV](?<version>\d+)|(?<ts>\d{17}))$", RegexOptions.CultureInvariant)]
    private static partial Regex PathTimeTravel();

    /// <summary>Delta's <c>t@v123</c> / <c>t@yyyyMMddHHmmssSSS</c>, also inside a path (<c>delta.`/p@v2`</c>).</summary>
    private TimeTravelSpec? ParseTimeTravelSuffix(ref TableName table)
    {
        if (table is PathTableName path)
        {
            var match = PathTimeTravel().Match(path.Path);
            if (match.Success)
            {
                table = path with { Path = match.Groups["name"].Value };
                return match.Groups["version"].Success
                    ? VersionSpec(match.Groups["version"].Value, path.Span)
                    : TimestampSpec(match.Groups["ts"].Value, path.Span);
            }
        }
        if (!Check(TokenKind.At)) return null;
        var at = Advance();
        var token = Current;
        if (token.Kind == TokenKind.Word && token.Text.Length > 1 && token.Text[0] is 'v' or 'V' && token.Text.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            _pos++;
            return VersionSpec(token.Text[1..], SpanFrom(at));
        }
        if (token.Kind == TokenKind.Integer && token.Text.Length == 17)
        {
            _pos++;
            return TimestampSpec(token.Text, SpanFrom(at));
        }
        throw SyntaxError(token, "expected v<version> or a yyyyMMddHHmmssSSS timestamp after '@'");
    }

    private TimeTravelSpec VersionSpec(string digits, SourceSpan span)
    {
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw Fail("INVALID_NUMERIC_LITERAL_RANGE", $"Numeric literal {digits} is outside the valid range for bigint with minimum value of 0 and maximum value of {long.MaxValue}. Please adjust the value accordingly.", span);
        var type = version <= int.MaxValue ? IntegerLiteralType.Int : IntegerLiteralType.BigInt;
        return new TimeTravelSpec(TimeTravelKind.Version, new IntegerLiteral(version, type) { Span = span }) { Span = span };
    }

    private TimeTravelSpec TimestampSpec(string digits, SourceSpan span)
    {
        // yyyyMMddHHmmssSSS → 'yyyy-MM-dd HH:mm:ss.SSS' (interpreted in the session time zone, as Delta does).
        var text = $"{digits[..4]}-{digits[4..6]}-{digits[6..8]} {digits[8..10]}:{digits[10..12]}:{digits[12..14]}.{digits[14..17]}";
        if (!DateTimeText.TryParseTimestamp(text, out _))
            throw Fail("INVALID_TYPED_LITERAL", $"The value of the typed literal \"TIMESTAMP\" is invalid: '{digits}' (expected yyyyMMddHHmmssSSS after '@').", span);
        return new TimeTravelSpec(TimeTravelKind.Timestamp, new TypedLiteral(TypedLiteralType.Timestamp, text) { Span = span }) { Span = span };
    }
}
