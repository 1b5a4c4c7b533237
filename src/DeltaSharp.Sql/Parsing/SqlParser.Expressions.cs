using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// Expressions, with Spark's precedence (SqlBaseParser.g4: booleanExpression / predicate / valueExpression /
// primaryExpression), loosest first:
//   OR  <  AND  <  NOT  <  predicates (BETWEEN, IN, LIKE, RLIKE, ILIKE, IS …)  <  comparison  <  |  <  ^  <  &
//   <  shifts  <  + - ||  <  * / % DIV  <  unary - + ~  <  postfix . [] ::  <  primary
internal sealed partial class SqlParser
{
    /// <summary>A full expression (Spark's <c>expression</c> / <c>booleanExpression</c>).</summary>
    private SqlExpression ParseExpression()
    {
        Enter();
        var result = ParseOr();
        Exit();
        return result;
    }

    private SqlExpression ParseOr()
    {
        var first = ParseAnd();
        if (!IsWord("OR")) return first;
        var operands = new List<SqlExpression> { first };
        while (AcceptWord("OR")) operands.Add(ParseAnd());
        var tree = Balanced(BinaryOperator.Or, operands, 0, operands.Count - 1);
        return tree with { Span = SpanFrom(first) };
    }

    private SqlExpression ParseAnd()
    {
        var first = ParseNot();
        if (!IsWord("AND")) return first;
        var operands = new List<SqlExpression> { first };
        while (AcceptWord("AND")) operands.Add(ParseNot());
        var tree = Balanced(BinaryOperator.And, operands, 0, operands.Count - 1);
        return tree with { Span = SpanFrom(first) };
    }

    // Spark's AstBuilder turns a chain of one logical operator into a balanced tree (reduceToExpressionTree) so that
    // long generated predicates do not make the tree as deep as they are long.
    private static SqlExpression Balanced(BinaryOperator op, List<SqlExpression> operands, int low, int high)
    {
        if (low == high) return operands[low];
        SqlExpression left, right;
        if (high - low == 1)
        {
            left = operands[low];
            right = operands[high];
        }
        else
        {
            var mid = low + (high - low) / 2;
            left = Balanced(op, operands, low, mid);
            right = Balanced(op, operands, mid + 1, high);
        }
        return new BinaryExpression(op, left, right) { Span = SpanBetween(left, right) };
    }

    private SqlExpression ParseNot()
    {
        var start = Current;
        if (IsWord("NOT") || Check(TokenKind.Bang))
        {
            _pos++;
            Enter();
            var operand = ParseNot();
            Exit();
            return new UnaryExpression(UnaryOperator.Not, operand) { Span = SpanFrom(start) };
        }
        return ParsePredicated();
    }

    private static readonly HashSet<string> NegatablePredicates = new(StringComparer.OrdinalIgnoreCase)
    {
        "BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP",
    };

    /// <summary><c>valueExpression predicate?</c>.</summary>
    private SqlExpression ParsePredicated()
    {
        var start = Current;
        var value = ParseValue(0);
        var negated = false;
        if ((IsWord("NOT") || Check(TokenKind.Bang)) && Peek().Kind == TokenKind.Word && NegatablePredicates.Contains(Peek().Text))
        {
            negated = true;
            _pos++;
        }

        if (AcceptWord("BETWEEN"))
        {
            var low = ParseValue(0);
            ExpectWord("AND", "expected AND between the bounds of BETWEEN");
            var high = ParseValue(0);
            return new BetweenExpression(value, low, high, negated) { Span = SpanFrom(start) };
        }
        if (IsWord("IN"))
        {
            _pos++;
            return ParseInPredicate(value, negated, start);
        }
        if (IsWord("LIKE") || IsWord("ILIKE"))
        {
            var kind = Advance().IsWord("LIKE") ? LikeKind.Like : LikeKind.ILike;
            if ((IsWord("ANY") || IsWord("SOME") || IsWord("ALL")) && Peek().Kind == TokenKind.LeftParen)
            {
                var quantifier = Advance().IsWord("ALL") ? LikeQuantifier.All : LikeQuantifier.Any;
                Expect(TokenKind.LeftParen, "'('");
                var patterns = new List<SqlExpression>();
                if (!Check(TokenKind.RightParen))
                {
                    do patterns.Add(ParseExpression());
                    while (Accept(TokenKind.Comma));
                }
                Expect(TokenKind.RightParen, "')'");
                return new LikeQuantifiedExpression(kind, quantifier, value, new NodeList<SqlExpression>(patterns.ToArray()), negated) { Span = SpanFrom(start) };
            }
            var pattern = ParseValue(0);
            char? escape = null;
            if (IsWord("ESCAPE"))
            {
                _pos++;
                var escapeToken = Current;
                var text = ParseStringValue("an escape character in quotes");
                if (text.Length != 1)
                    throw Fail("INVALID_ESC", $"Found an invalid escape string: '{text}'. The escape string must contain only one character.", SpanFrom(escapeToken));
                escape = text[0];
            }
            return new LikeExpression(kind, value, pattern, escape, negated) { Span = SpanFrom(start) };
        }
        if (IsWord("RLIKE") || IsWord("REGEXP"))
        {
            _pos++;
            var pattern = ParseValue(0);
            return new LikeExpression(LikeKind.RLike, value, pattern, null, negated) { Span = SpanFrom(start) };
        }
        if (negated) throw SyntaxError(Current, "expected BETWEEN, IN, LIKE, ILIKE or RLIKE after NOT");
        if (IsWord("IS"))
        {
            _pos++;
            var not = AcceptWord("NOT") || Accept(TokenKind.Bang);
            if (AcceptWord("NULL")) return new IsNullExpression(value, not) { Span = SpanFrom(start) };
            if (AcceptWord("TRUE")) return new IsBooleanExpression(value, true, not) { Span = SpanFrom(start) };
            if (AcceptWord("FALSE")) return new IsBooleanExpression(value, false, not) { Span = SpanFrom(start) };
            if (AcceptWord("UNKNOWN")) return new IsBooleanExpression(value, null, not) { Span = SpanFrom(start) };
            if (AcceptWord("DISTINCT"))
            {
                ExpectWord("FROM", "expected FROM after IS [NOT] DISTINCT");
                var right = ParseValue(0);
                return new IsDistinctFromExpression(value, right, not) { Span = SpanFrom(start) };
            }
            throw SyntaxError(Current, "expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS" + (not ? " NOT" : ""));
        }
        return value;
    }

    private SqlExpression ParseInPredicate(SqlExpression value, bool negated, Token start)
    {
        Expect(TokenKind.LeftParen, "'(' after IN");
        if (LooksLikeQueryStart(Current))
        {
            var query = ParseQuery();
            Expect(TokenKind.RightParen, "')'");
            return new InSubqueryExpression(value, query, negated) { Span = SpanFrom(start) };
        }
        if (Check(TokenKind.RightParen)) throw SyntaxError(Current, "expected at least one value in the IN list");
        var items = new List<SqlExpression> { ParseExpression() };
        if (items[0] is SubqueryExpression sub && IsQueryContinuation())
        {
            var query = ParseQueryRest(UnwrapAsBody(sub.Query), sub.Span);
            Expect(TokenKind.RightParen, "')'");
            return new InSubqueryExpression(value, query, negated) { Span = SpanFrom(start) };
        }
        while (Accept(TokenKind.Comma)) items.Add(ParseExpression());
        Expect(TokenKind.RightParen, "')'");
        return new InListExpression(value, new NodeList<SqlExpression>(items.ToArray()), negated) { Span = SpanFrom(start) };
    }

    // ───────────────────────────── value expressions ─────────────────────────────

    private static int Precedence(Token token, out BinaryOperator op)
    {
        switch (token.Kind)
        {
            case TokenKind.Equal: op = BinaryOperator.Equal; return 1;
            case TokenKind.NullSafeEqual: op = BinaryOperator.NullSafeEqual; return 1;
            case TokenKind.NotEqual: op = BinaryOperator.NotEqual; return 1;
            case TokenKind.LessThan: op = BinaryOperator.LessThan; return 1;
            case TokenKind.LessThanOrEqual: op = BinaryOperator.LessThanOrEqual; return 1;
            case TokenKind.GreaterThan: op = BinaryOperator.GreaterThan; return 1;
            case TokenKind.GreaterThanOrEqual: op = BinaryOperator.GreaterThanOrEqual; return 1;
            case TokenKind.Pipe: op = BinaryOperator.BitwiseOr; return 2;
            case TokenKind.Caret: op = BinaryOperator.BitwiseXor; return 3;
            case TokenKind.Ampersand: op = BinaryOperator.BitwiseAnd; return 4;
            case TokenKind.ShiftLeft: op = BinaryOperator.ShiftLeft; return 5;
            case TokenKind.ShiftRight: op = BinaryOperator.ShiftRight; return 5;
            case TokenKind.ShiftRightUnsigned: op = BinaryOperator.ShiftRightUnsigned; return 5;
            case TokenKind.Plus: op = BinaryOperator.Add; return 6;
            case TokenKind.Minus: op = BinaryOperator.Subtract; return 6;
            case TokenKind.ConcatPipe: op = BinaryOperator.Concat; return 6;
            case TokenKind.Star: op = BinaryOperator.Multiply; return 7;
            case TokenKind.Slash: op = BinaryOperator.Divide; return 7;
            case TokenKind.Percent: op = BinaryOperator.Modulo; return 7;
            case TokenKind.Word when token.IsWord("DIV"): op = BinaryOperator.IntegralDivide; return 7;
            default: op = default; return 0;
        }
    }

    /// <summary>Spark's <c>valueExpression</c>: binary operators by precedence climbing, left-associative.</summary>
    private SqlExpression ParseValue(int minPrecedence)
    {
        var left = ParseUnary();
        var chain = 0;
        while (true)
        {
            var precedence = Precedence(Current, out var op);
            if (precedence == 0 || precedence < minPrecedence) return left;
            _pos++;
            var right = ParseValue(precedence + 1);
            left = new BinaryExpression(op, left, right) { Span = SpanFrom(left) };
            if (_depth + ++chain > MaxDepth) throw TooDeep(Previous);
        }
    }

    private SqlExpression ParseUnary()
    {
        var start = Current;
        switch (start.Kind)
        {
            case TokenKind.Minus when Peek().IsNumber:
                // Spark's `number: MINUS? INTEGER_VALUE …`: the sign belongs to the literal (-2147483648 is an int).
                _pos++;
                var literal = ParseNumber(Advance(), negative: true, start);
                return ParsePostfix(literal, start);
            case TokenKind.Minus or TokenKind.Plus or TokenKind.Tilde:
                _pos++;
                Enter();
                var operand = ParseUnary();
                Exit();
                var op = start.Kind switch
                {
                    TokenKind.Minus => UnaryOperator.Negate,
                    TokenKind.Plus => UnaryOperator.Plus,
                    _ => UnaryOperator.BitwiseNot,
                };
                return new UnaryExpression(op, operand) { Span = SpanFrom(start) };
            default:
                return ParsePostfix(ParsePrimary(), start);
        }
    }

    /// <summary><c>.field</c>, <c>.*</c>, <c>[index]</c>, <c>::type</c> and a call of a qualified function name.</summary>
    private SqlExpression ParsePostfix(SqlExpression expression, Token start)
    {
        var chain = 0;
        while (true)
        {
            if (Check(TokenKind.Dot))
            {
                var next = Peek();
                if (next.Kind == TokenKind.Star)
                {
                    if (expression is not ColumnReference qualifier)
                        throw SyntaxError(next, "'.*' can only follow a table or column name");
                    _pos += 2;
                    expression = new StarExpression(qualifier.NameParts, ParseStarExcept()) { Span = SpanFrom(start) };
                    continue;
                }
                if (!next.IsIdentifier) throw SyntaxError(next, "expected a field name after '.'");
                _pos++;
                var field = ParseIdentifier();
                expression = expression is ColumnReference column
                    ? new ColumnReference(new NodeList<Identifier>([.. column.NameParts, field])) { Span = SpanFrom(start) }
                    : new FieldAccess(expression, field) { Span = SpanFrom(start) };
            }
            else if (Check(TokenKind.LeftParen) && expression is ColumnReference { NameParts.Count: > 1 } function)
            {
                var name = new QualifiedName(function.NameParts) { Span = function.Span };
                expression = ParseFunctionCall(name, start, firstArgument: null);
            }
            else if (Accept(TokenKind.LeftBracket))
            {
                var index = ParseExpression();
                Expect(TokenKind.RightBracket, "']'");
                expression = new SubscriptExpression(expression, index) { Span = SpanFrom(start) };
            }
            else if (Accept(TokenKind.DoubleColon))
            {
                var type = ParseDataType();
                expression = new CastExpression(expression, type) { Span = SpanFrom(start) };
            }
            else
            {
                return expression;
            }
            if (_depth + ++chain > MaxDepth) throw TooDeep(Previous);
        }
    }

    private NodeList<QualifiedName> ParseStarExcept()
    {
        // `* EXCEPT (a, b)`, but not the set operator `SELECT * EXCEPT (SELECT …)`.
        if (!IsWord("EXCEPT") || Peek().Kind != TokenKind.LeftParen || !Peek(2).IsIdentifier || LooksLikeQueryStart(Peek(2)))
            return NodeList<QualifiedName>.Empty;
        _pos++;
        return ParseQualifiedNameList("a column name", parenthesized: true);
    }

    // ───────────────────────────── primary expressions ─────────────────────────────

    private SqlExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer or TokenKind.Decimal or TokenKind.Exponent or TokenKind.BigIntLiteral
                or TokenKind.SmallIntLiteral or TokenKind.TinyIntLiteral or TokenKind.DoubleLiteral
                or TokenKind.FloatLiteral or TokenKind.BigDecimalLiteral:
                _pos++;
                return ParseNumber(token, negative: false, token);
            case TokenKind.String:
            {
                var value = ParseStringValue();
                return new StringLiteral(value) { Span = SpanFrom(token) };
            }
            case TokenKind.Star:
                _pos++;
                return new StarExpression(NodeList<Identifier>.Empty, ParseStarExcept()) { Span = SpanFrom(token) };
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.Word or TokenKind.QuotedIdentifier:
                return ParseWordPrimary();
            case TokenKind.Question or TokenKind.Colon:
                throw SyntaxError(token, "parameter markers are not supported");
            default:
                throw SyntaxError(token, "expected an expression");
        }
    }

    private static readonly HashSet<string> QueryStartWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "WITH", "VALUES", "TABLE",
    };

    private static bool LooksLikeQueryStart(Token token) => token.Kind == TokenKind.Word && QueryStartWords.Contains(token.Text);

    private bool IsQueryContinuation() =>
        IsWord("UNION") || IsWord("EXCEPT") || IsWord("MINUS") || IsWord("INTERSECT")
        || (IsWord("ORDER") && IsWordAt(1, "BY")) || IsWord("LIMIT") || IsWord("OFFSET");

    /// <summary>
    /// <c>( … )</c>: a scalar subquery, a parenthesised expression, a row constructor <c>(a, b)</c> or the parameters of
    /// a lambda <c>(x, y) -&gt; …</c>. <c>((SELECT 1) UNION (SELECT 2))</c> is recognised after its first operand.
    /// </summary>
    private SqlExpression ParseParenthesized()
    {
        var start = Advance();
        Enter();
        SqlExpression result;
        if (LooksLikeQueryStart(Current))
        {
            var query = ParseQuery();
            Expect(TokenKind.RightParen, "')'");
            result = new SubqueryExpression(query) { Span = SpanFrom(start) };
        }
        else
        {
            var first = ParseExpression();
            if (first is SubqueryExpression sub && IsQueryContinuation())
            {
                var query = ParseQueryRest(UnwrapAsBody(sub.Query), sub.Span);
                Expect(TokenKind.RightParen, "')'");
                result = new SubqueryExpression(query) { Span = SpanFrom(start) };
            }
            else if (Check(TokenKind.Comma) || IsWord("AS"))
            {
                var items = new List<SqlExpression> { ParseAliasable(first) };
                while (Accept(TokenKind.Comma)) items.Add(ParseAliasable(ParseExpression()));
                Expect(TokenKind.RightParen, "')'");
                result = (SqlExpression?)TryLambda(items, start) ?? new RowConstructor(new NodeList<SqlExpression>(items.ToArray())) { Span = SpanFrom(start) };
            }
            else
            {
                Expect(TokenKind.RightParen, "')'");
                result = TryLambda([first], start) ?? first;
            }
        }
        Exit();
        return result;
    }

    private SqlExpression ParseAliasable(SqlExpression expression)
    {
        if (!AcceptWord("AS")) return expression;
        var alias = ParseIdentifier("an alias");
        return new AliasedExpression(expression, alias) { Span = SpanBetween(expression, alias) };
    }

    private LambdaExpression? TryLambda(List<SqlExpression> items, Token start)
    {
        if (!Check(TokenKind.Arrow)) return null;
        var parameters = new Identifier[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not ColumnReference { NameParts.Count: 1 } parameter)
                throw SyntaxError(Current, "lambda parameters must be simple names");
            parameters[i] = parameter.NameParts[0];
        }
        _pos++;
        var body = ParseExpression();
        return new LambdaExpression(new NodeList<Identifier>(parameters), body) { Span = SpanFrom(start) };
    }

    private static readonly HashSet<string> NiladicFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_USER", "USER", "SESSION_USER",
    };

    private SqlExpression ParseWordPrimary()
    {
        var token = Current;
        var next = Peek();
        if (token.Kind == TokenKind.Word)
        {
            if (next.Kind == TokenKind.Arrow)
            {
                var parameter = ParseIdentifier();
                _pos++;
                var body = ParseExpression();
                return new LambdaExpression([parameter], body) { Span = SpanFrom(token) };
            }
            switch (token.Upper!)
            {
                case "NULL":
                    _pos++;
                    return new NullLiteral { Span = token.Span };
                case "TRUE" or "FALSE":
                    _pos++;
                    return new BooleanLiteral(token.IsWord("TRUE")) { Span = token.Span };
                case "CASE" when next.Kind is not (TokenKind.Comma or TokenKind.RightParen or TokenKind.EndOfInput or TokenKind.Dot):
                    return ParseCase();
                case "CAST" or "TRY_CAST" when next.Kind == TokenKind.LeftParen:
                    return ParseCast();
                case "EXISTS" when next.Kind == TokenKind.LeftParen && LooksLikeQueryStart(Peek(2)):
                {
                    _pos += 2;
                    var query = ParseQuery();
                    Expect(TokenKind.RightParen, "')'");
                    return new ExistsExpression(query) { Span = SpanFrom(token) };
                }
                case "INTERVAL" when next.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Decimal or TokenKind.Plus or TokenKind.Minus:
                    return ParseIntervalLiteral();
                case "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ" when next.Kind == TokenKind.String:
                    return ParseTypedLiteral();
                case "X" when next.Kind == TokenKind.String:
                    return ParseBinaryLiteral();
                case var name when NiladicFunctions.Contains(name) && next.Kind is not (TokenKind.LeftParen or TokenKind.Dot):
                    _pos++;
                    return new NiladicFunction(name.ToLowerInvariant()) { Span = token.Span };
                case "EXTRACT" when next.Kind == TokenKind.LeftParen && Peek(2).IsIdentifier && Peek(3).IsWord("FROM"):
                {
                    _pos += 2;
                    var field = ParseIdentifier();
                    _pos++;
                    var source = ParseValue(0);
                    Expect(TokenKind.RightParen, "')'");
                    return new ExtractExpression(field, source) { Span = SpanFrom(token) };
                }
                case "TRIM" when next.Kind == TokenKind.LeftParen:
                    return ParseTrim();
                case "SUBSTRING" or "SUBSTR" or "POSITION" or "OVERLAY" when next.Kind == TokenKind.LeftParen:
                    return ParseStandardFunction();
                case var word when NotExpressionStart.Contains(word)
                                   || (word is "ORDER" or "GROUP" or "SORT" or "CLUSTER" or "DISTRIBUTE" && next.IsWord("BY")):
                    throw SyntaxError(token, "expected an expression");
            }
        }

        var identifier = ParseIdentifier();
        if (Check(TokenKind.LeftParen))
        {
            var name = new QualifiedName([identifier]) { Span = identifier.Span };
            return ParseFunctionCall(name, token, firstArgument: null);
        }
        return new ColumnReference([identifier]) { Span = identifier.Span };
    }

    private SqlExpression ParseCase()
    {
        var start = Advance();
        SqlExpression? operand = IsWord("WHEN") ? null : ParseExpression();
        var whens = new List<WhenClause>();
        while (IsWord("WHEN"))
        {
            var whenStart = Advance();
            var condition = ParseExpression();
            ExpectWord("THEN", "expected THEN after the WHEN condition");
            var result = ParseExpression();
            whens.Add(new WhenClause(condition, result) { Span = SpanFrom(whenStart) });
        }
        if (whens.Count == 0) throw SyntaxError(Current, "expected WHEN in CASE");
        SqlExpression? otherwise = AcceptWord("ELSE") ? ParseExpression() : null;
        ExpectWord("END", "expected END to close CASE");
        return new CaseExpression(operand, new NodeList<WhenClause>(whens.ToArray()), otherwise) { Span = SpanFrom(start) };
    }

    private SqlExpression ParseCast()
    {
        var start = Advance();
        var isTry = start.IsWord("TRY_CAST");
        Expect(TokenKind.LeftParen, "'('");
        var operand = ParseExpression();
        ExpectWord("AS", "expected AS and a type in " + (isTry ? "TRY_CAST" : "CAST"));
        var type = ParseDataType();
        Expect(TokenKind.RightParen, "')'");
        return new CastExpression(operand, type, isTry) { Span = SpanFrom(start) };
    }

    /// <summary><c>TRIM([BOTH|LEADING|TRAILING] [chars] FROM source)</c>, else an ordinary call of <c>trim</c>.</summary>
    private SqlExpression ParseTrim()
    {
        var start = Current;
        var name = new QualifiedName([ParseIdentifier()]) { Span = start.Span };
        _pos++; // (
        TrimSide? side = null;
        if ((IsWord("BOTH") || IsWord("LEADING") || IsWord("TRAILING")) && Peek().Kind is not (TokenKind.Comma or TokenKind.RightParen))
            side = Advance().Upper switch { "BOTH" => TrimSide.Both, "LEADING" => TrimSide.Leading, _ => TrimSide.Trailing };
        if (side is not null && AcceptWord("FROM"))
            return FinishTrim(side.Value, null, start);
        var first = ParseExpression();
        if (AcceptWord("FROM")) return FinishTrim(side ?? TrimSide.Both, first, start);
        if (side is not null) throw SyntaxError(Current, "expected FROM in TRIM");
        return ParseFunctionArguments(name, start, first);
    }

    private TrimExpression FinishTrim(TrimSide side, SqlExpression? characters, Token start)
    {
        var source = ParseValue(0);
        Expect(TokenKind.RightParen, "')'");
        return new TrimExpression(side, characters, source) { Span = SpanFrom(start) };
    }

    /// <summary>
    /// The SQL-standard forms <c>SUBSTRING(s FROM p [FOR l])</c>, <c>POSITION(a IN b)</c> and
    /// <c>OVERLAY(s PLACING r FROM p [FOR l])</c>, which become ordinary calls; otherwise an ordinary call.
    /// </summary>
    private SqlExpression ParseStandardFunction()
    {
        var start = Current;
        var name = new QualifiedName([ParseIdentifier()]) { Span = start.Span };
        var upper = start.Upper;
        _pos++; // (
        if (Check(TokenKind.RightParen)) return ParseFunctionArguments(name, start, null);
        var first = upper is "POSITION" or "OVERLAY" ? ParseValue(0) : ParseExpression();
        var args = new List<SqlExpression> { first };
        if (upper is "SUBSTRING" or "SUBSTR" && AcceptWord("FROM"))
        {
            args.Add(ParseValue(0));
            if (AcceptWord("FOR")) args.Add(ParseValue(0));
        }
        else if (upper == "POSITION" && AcceptWord("IN"))
        {
            args.Add(ParseValue(0));
        }
        else if (upper == "OVERLAY" && AcceptWord("PLACING"))
        {
            args.Add(ParseValue(0));
            ExpectWord("FROM", "expected FROM in OVERLAY");
            args.Add(ParseValue(0));
            if (AcceptWord("FOR")) args.Add(ParseValue(0));
        }
        else
        {
            return ParseFunctionArguments(name, start, first);
        }
        Expect(TokenKind.RightParen, "')'");
        return FinishFunctionCall(new FunctionCall(name, new NodeList<SqlExpression>(args.ToArray())), start);
    }

    /// <summary>At '(' after a function name.</summary>
    private SqlExpression ParseFunctionCall(QualifiedName name, Token start, SqlExpression? firstArgument)
    {
        _pos++; // (
        return ParseFunctionArguments(name, start, firstArgument);
    }

    /// <summary>After '(' (and possibly a first argument already parsed): the rest of a call.</summary>
    private SqlExpression ParseFunctionArguments(QualifiedName name, Token start, SqlExpression? firstArgument)
    {
        Enter();
        var distinct = false;
        var args = new List<SqlExpression>();
        var isStruct = name.Parts.Count == 1 && name.Parts[0].Value.Equals("struct", StringComparison.OrdinalIgnoreCase);
        NullTreatment? nulls = null;
        if (firstArgument is not null)
        {
            args.Add(isStruct ? ParseAliasable(firstArgument) : firstArgument);
            while (Accept(TokenKind.Comma)) args.Add(ParseFunctionArgument(isStruct));
        }
        else if (!Check(TokenKind.RightParen))
        {
            if ((IsWord("DISTINCT") || IsWord("ALL")) && Peek().Kind is not (TokenKind.Comma or TokenKind.RightParen or TokenKind.Dot))
                distinct = Advance().IsWord("DISTINCT");
            do args.Add(ParseFunctionArgument(isStruct));
            while (Accept(TokenKind.Comma));
        }
        if ((IsWord("IGNORE") || IsWord("RESPECT")) && IsWordAt(1, "NULLS"))
        {
            nulls = IsWord("IGNORE") ? NullTreatment.Ignore : NullTreatment.Respect;
            _pos += 2;
        }
        Expect(TokenKind.RightParen, "')' to close the arguments of " + name);
        Exit();
        return FinishFunctionCall(new FunctionCall(name, new NodeList<SqlExpression>(args.ToArray()), distinct, Nulls: nulls), start);
    }

    private SqlExpression ParseFunctionArgument(bool allowAlias)
    {
        if (Current.IsIdentifier && Peek().Kind == TokenKind.FatArrow)
        {
            var start = Current;
            var name = ParseIdentifier();
            _pos++;
            var value = ParseExpression();
            return new NamedArgument(name, value) { Span = SpanFrom(start) };
        }
        var argument = ParseExpression();
        return allowAlias ? ParseAliasable(argument) : argument;
    }

    /// <summary>WITHIN GROUP, FILTER (WHERE …), IGNORE|RESPECT NULLS and OVER after a call's closing parenthesis.</summary>
    private FunctionCall FinishFunctionCall(FunctionCall call, Token start)
    {
        var withinGroup = NodeList<SortItem>.Empty;
        if (IsWord("WITHIN") && IsWordAt(1, "GROUP") && Peek(2).Kind == TokenKind.LeftParen)
        {
            _pos += 3;
            ExpectWord("ORDER", "expected ORDER BY in WITHIN GROUP");
            ExpectWord("BY");
            withinGroup = ParseSortItems();
            Expect(TokenKind.RightParen, "')'");
        }
        SqlExpression? filter = null;
        if (IsWord("FILTER") && Peek().Kind == TokenKind.LeftParen && IsWordAt(2, "WHERE"))
        {
            _pos += 3;
            filter = ParseExpression();
            Expect(TokenKind.RightParen, "')'");
        }
        var nulls = call.Nulls;
        if ((IsWord("IGNORE") || IsWord("RESPECT")) && IsWordAt(1, "NULLS"))
        {
            nulls = IsWord("IGNORE") ? NullTreatment.Ignore : NullTreatment.Respect;
            _pos += 2;
        }
        WindowSpec? over = null;
        if (IsWord("OVER") && (Peek().Kind == TokenKind.LeftParen || Peek().Kind == TokenKind.QuotedIdentifier || (Peek().Kind == TokenKind.Word && !ClauseWords.Contains(Peek().Text) && !NotExpressionStart.Contains(Peek().Text))))
        {
            _pos++;
            over = ParseWindowSpec();
        }
        return call with { Filter = filter, Nulls = nulls, Over = over, WithinGroup = withinGroup, Span = SpanFrom(start) };
    }

    // ───────────────────────────── windows and ordering ─────────────────────────────

    /// <summary>After OVER (or <c>name AS</c> in a WINDOW clause): <c>name</c> or <c>( … )</c>.</summary>
    private WindowSpec ParseWindowSpec()
    {
        var start = Current;
        if (Current.IsIdentifier)
        {
            var name = ParseIdentifier("a window name");
            return new WindowSpec(name, NodeList<SqlExpression>.Empty, NodeList<SortItem>.Empty, null) { Span = SpanFrom(start) };
        }
        Expect(TokenKind.LeftParen, "'(' or a window name");
        Enter();
        Identifier? baseName = null;
        if (Current.IsIdentifier && Peek().Kind == TokenKind.RightParen && !IsWord("ROWS") && !IsWord("RANGE"))
            baseName = ParseIdentifier("a window name");
        var partitionBy = NodeList<SqlExpression>.Empty;
        if ((IsWord("PARTITION") || IsWord("DISTRIBUTE") || IsWord("CLUSTER")) && IsWordAt(1, "BY"))
        {
            _pos += 2;
            partitionBy = ParseExpressionList();
        }
        var orderBy = NodeList<SortItem>.Empty;
        if ((IsWord("ORDER") || IsWord("SORT")) && IsWordAt(1, "BY"))
        {
            _pos += 2;
            orderBy = ParseSortItems();
        }
        WindowFrame? frame = null;
        if (IsWord("ROWS") || IsWord("RANGE"))
        {
            var frameStart = Advance();
            var type = frameStart.IsWord("ROWS") ? WindowFrameType.Rows : WindowFrameType.Range;
            if (AcceptWord("BETWEEN"))
            {
                var low = ParseFrameBound();
                ExpectWord("AND", "expected AND between the frame bounds");
                var high = ParseFrameBound();
                frame = new WindowFrame(type, low, high) { Span = SpanFrom(frameStart) };
            }
            else
            {
                frame = new WindowFrame(type, ParseFrameBound(), null) { Span = SpanFrom(frameStart) };
            }
        }
        Expect(TokenKind.RightParen, "')' to close the window specification");
        Exit();
        return new WindowSpec(baseName, partitionBy, orderBy, frame) { Span = SpanFrom(start) };
    }

    private FrameBound ParseFrameBound()
    {
        var start = Current;
        if (AcceptWords("UNBOUNDED", "PRECEDING")) return new FrameBound(FrameBoundKind.UnboundedPreceding) { Span = SpanFrom(start) };
        if (AcceptWords("UNBOUNDED", "FOLLOWING")) return new FrameBound(FrameBoundKind.UnboundedFollowing) { Span = SpanFrom(start) };
        if (AcceptWords("CURRENT", "ROW")) return new FrameBound(FrameBoundKind.CurrentRow) { Span = SpanFrom(start) };
        var offset = ParseExpression();
        if (AcceptWord("PRECEDING")) return new FrameBound(FrameBoundKind.Preceding, offset) { Span = SpanFrom(start) };
        if (AcceptWord("FOLLOWING")) return new FrameBound(FrameBoundKind.Following, offset) { Span = SpanFrom(start) };
        throw SyntaxError(Current, "expected PRECEDING or FOLLOWING");
    }

    private NodeList<SqlExpression> ParseExpressionList()
    {
        var items = new List<SqlExpression> { ParseExpression() };
        while (Accept(TokenKind.Comma)) items.Add(ParseExpression());
        return new NodeList<SqlExpression>(items.ToArray());
    }

    private NodeList<SortItem> ParseSortItems()
    {
        var items = new List<SortItem>();
        do
        {
            var start = Current;
            var expression = ParseExpression();
            SortDirection? direction = AcceptWord("ASC") ? SortDirection.Ascending : AcceptWord("DESC") ? SortDirection.Descending : null;
            NullOrdering? nulls = null;
            if (AcceptWord("NULLS"))
            {
                nulls = AcceptWord("FIRST") ? NullOrdering.First
                    : AcceptWord("LAST") ? NullOrdering.Last
                    : throw SyntaxError(Current, "expected FIRST or LAST after NULLS");
            }
            items.Add(new SortItem(expression, direction, nulls) { Span = SpanFrom(start) });
        }
        while (Accept(TokenKind.Comma));
        return new NodeList<SortItem>(items.ToArray());
    }
}
