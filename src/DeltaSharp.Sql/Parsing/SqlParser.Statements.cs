using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// Statements: Spark SQL DDL/DML (SqlBaseParser.g4 `statement`, `dmlStatementNoWith`) and the Delta commands
// (DeltaSqlBase.g4: VACUUM, DESCRIBE HISTORY/DETAIL, RESTORE, OPTIMIZE, CLONE), plus Databricks' UNDROP.
internal sealed partial class SqlParser
{
    private const string StatementHint =
        "expected a statement (SELECT, WITH, VALUES, INSERT, UPDATE, DELETE, MERGE, CREATE, REPLACE, ALTER, DROP, UNDROP, TRUNCATE, RESTORE, VACUUM, OPTIMIZE, DESCRIBE, SHOW, EXPLAIN, SET, RESET or USE)";

    private static readonly string[] StatementKeywords =
    [
        "SELECT", "WITH", "VALUES", "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "REPLACE", "ALTER", "DROP", "UNDROP",
        "TRUNCATE", "RESTORE", "VACUUM", "OPTIMIZE", "DESCRIBE", "SHOW", "EXPLAIN", "RESET",
    ];

    private Statement ParseStatement()
    {
        var start = Current;
        if (start.Kind == TokenKind.LeftParen)
            return new QueryStatement(ParseQuery()) { Span = SpanFrom(start) };
        if (start.Kind != TokenKind.Word) throw SyntaxError(start, StatementHint);
        Enter();
        var statement = start.Upper switch
        {
            "SELECT" or "VALUES" => new QueryStatement(ParseQuery()),
            "TABLE" when Peek().IsIdentifier => new QueryStatement(ParseQuery()),
            "WITH" => ParseWithStatement(),
            "INSERT" => ParseInsert(NodeList<CommonTableExpression>.Empty),
            "UPDATE" => ParseUpdate(),
            "DELETE" => ParseDelete(),
            "MERGE" => ParseMerge(),
            "TRUNCATE" => ParseTruncate(),
            "CREATE" => ParseCreate(),
            "REPLACE" => ParseCreate(),
            "ALTER" => ParseAlter(),
            "DROP" => ParseDrop(),
            "UNDROP" => ParseUndrop(),
            "RESTORE" => ParseRestore(),
            "VACUUM" => ParseVacuum(),
            "OPTIMIZE" => ParseOptimize(),
            "DESCRIBE" or "DESC" => ParseDescribe(),
            "SHOW" => ParseShow(),
            "EXPLAIN" => ParseExplain(),
            "SET" => ParseSet(),
            "RESET" => ParseReset(),
            "USE" => ParseUse(),
            _ => throw SyntaxError(start, Suggest(start, StatementKeywords) is { } keyword ? $"did you mean {keyword}?" : StatementHint),
        };
        Exit();
        return statement with { Span = SpanFrom(start) };
    }

    // ───────────────────────────── queries and DML ─────────────────────────────

    private Statement ParseWithStatement()
    {
        var start = Current;
        var ctes = ParseCommonTableExpressions();
        if (IsWord("INSERT")) return ParseInsert(ctes);
        if (IsWord("UPDATE") || IsWord("DELETE") || IsWord("MERGE"))
            throw SyntaxError(Current, "a WITH clause can only precede SELECT or INSERT");
        var body = ParseSetOperations(null);
        return new QueryStatement(ParseQueryOrganization(ctes, body, start));
    }

    private Query ParseSourceQuery(string context)
    {
        if (!LooksLikeQueryStart(Current) && !Check(TokenKind.LeftParen))
            throw SyntaxError(Current, $"expected VALUES or a query (SELECT, WITH, TABLE, '(') {context}");
        return ParseQuery();
    }

    private Statement ParseInsert(NodeList<CommonTableExpression> ctes)
    {
        ExpectWord("INSERT");
        bool overwrite;
        if (AcceptWord("OVERWRITE")) overwrite = true;
        else
        {
            ExpectWord("INTO", "expected INTO or OVERWRITE after INSERT");
            overwrite = false;
        }
        if (IsWord("LOCAL") || IsWord("DIRECTORY")) throw SyntaxError(Current, "INSERT OVERWRITE DIRECTORY is not supported");
        AcceptWord("TABLE");
        var table = ParseTableName();
        var partition = NodeList<PartitionValue>.Empty;
        if (IsWord("PARTITION") && Peek().Kind == TokenKind.LeftParen)
        {
            _pos++;
            partition = ParsePartitionSpec();
        }
        if (IsWord("IF") && IsWordAt(1, "NOT") && IsWordAt(2, "EXISTS")) throw SyntaxError(Current, "INSERT … IF NOT EXISTS is not supported");
        SqlExpression? replaceWhere = null;
        var columns = NodeList<Identifier>.Empty;
        var byName = false;
        if (!overwrite && IsWord("REPLACE") && IsWordAt(1, "WHERE"))
        {
            _pos += 2;
            replaceWhere = ParseExpression();
        }
        else if (AcceptWords("BY", "NAME"))
        {
            byName = true;
        }
        else if (Check(TokenKind.LeftParen) && !ParenthesisedQueryAhead())
        {
            columns = ParseIdentifierList();
        }
        var source = ParseSourceQuery("to insert");
        if (!ctes.IsEmpty) source = source with { With = new NodeList<CommonTableExpression>([.. ctes, .. source.With]) };
        return new InsertStatement(table, overwrite, columns, byName, replaceWhere, source) { Partition = partition };
    }

    private NodeList<PartitionValue> ParsePartitionSpec()
    {
        Expect(TokenKind.LeftParen, "'('");
        var values = new List<PartitionValue>();
        do
        {
            var start = Current;
            var column = ParseIdentifier("a partition column");
            SqlExpression? value = Accept(TokenKind.Equal) ? ParseValue(0) : null;
            values.Add(new PartitionValue(column, value) { Span = SpanFrom(start) });
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "')'");
        return new NodeList<PartitionValue>(values.ToArray());
    }

    private NodeList<Assignment> ParseAssignments()
    {
        var items = new List<Assignment>();
        do
        {
            var start = Current;
            var column = ParseQualifiedName("a column name");
            Expect(TokenKind.Equal, "'=' after the column name " + column);
            var value = ParseExpression();
            items.Add(new Assignment(column, value) { Span = SpanFrom(start) });
        }
        while (Accept(TokenKind.Comma));
        return new NodeList<Assignment>(items.ToArray());
    }

    private Statement ParseUpdate()
    {
        ExpectWord("UPDATE");
        var table = ParseTableName();
        var alias = ParseTableAlias(null);
        ExpectWord("SET", "expected SET");
        var assignments = ParseAssignments();
        SqlExpression? where = AcceptWord("WHERE") ? ParseExpression() : null;
        return new UpdateStatement(table, alias, assignments, where);
    }

    private Statement ParseDelete()
    {
        ExpectWord("DELETE");
        ExpectWord("FROM", "expected FROM after DELETE");
        var table = ParseTableName();
        var alias = ParseTableAlias(null);
        SqlExpression? where = AcceptWord("WHERE") ? ParseExpression() : null;
        return new DeleteStatement(table, alias, where);
    }

    private Statement ParseTruncate()
    {
        ExpectWord("TRUNCATE");
        ExpectWord("TABLE", "expected TABLE after TRUNCATE");
        var table = ParseTableName();
        if (IsWord("PARTITION")) throw SyntaxError(Current, "TRUNCATE TABLE … PARTITION is not supported for Delta tables");
        return new TruncateTableStatement(table);
    }

    private static readonly HashSet<string> MergeSourceStops = new(StringComparer.OrdinalIgnoreCase) { "ON" };

    private Statement ParseMerge()
    {
        ExpectWord("MERGE");
        var evolution = false;
        if (IsWord("WITH") && IsWordAt(1, "SCHEMA") && IsWordAt(2, "EVOLUTION"))
        {
            _pos += 3;
            evolution = true;
        }
        ExpectWord("INTO", "expected INTO after MERGE");
        var target = ParseTableName("the target table");
        var targetAlias = ParseTableAlias(null);
        ExpectWord("USING", "expected USING and the source of the MERGE");
        var sourceStart = Current;
        var source = ParseRelationPrimary(MergeSourceStops);
        // "USING (VALUES …) s" is a parenthesised query in Spark's grammar.
        if (source is ValuesRelation values)
            source = new SubqueryRelation(new Query(new ValuesQuery(values.Rows) { Span = values.Span }) { Span = values.Span }, values.Alias) { Span = values.Span };
        if (source is not (TableRelation or SubqueryRelation))
            throw Fail("PARSE_SYNTAX_ERROR", $"Syntax error at or near {Describe(sourceStart)}: the MERGE source must be a table or a parenthesised query.", SpanFrom(sourceStart));
        ExpectWord("ON", "expected ON and the merge condition");
        var condition = ParseExpression();
        var clauses = new List<MergeWhenClause>();
        while (IsWord("WHEN")) clauses.Add(ParseMergeClause());
        if (clauses.Count == 0)
            throw Fail("MERGE_WITHOUT_WHEN", "There must be at least one WHEN clause in a MERGE statement.", Current);
        CheckMergeConditions(clauses);
        return new MergeStatement(target, targetAlias, source, condition, new NodeList<MergeWhenClause>(clauses.ToArray()), evolution);
    }

    private MergeWhenClause ParseMergeClause()
    {
        var start = Advance(); // WHEN
        MergeClauseKind kind;
        if (AcceptWord("MATCHED"))
        {
            kind = MergeClauseKind.Matched;
        }
        else
        {
            if (!AcceptWord("NOT") && !Accept(TokenKind.Bang)) throw SyntaxError(Current, "expected MATCHED or NOT MATCHED after WHEN");
            ExpectWord("MATCHED", "expected MATCHED after WHEN NOT");
            kind = MergeClauseKind.NotMatchedByTarget;
            if (AcceptWord("BY"))
            {
                if (AcceptWord("SOURCE")) kind = MergeClauseKind.NotMatchedBySource;
                else ExpectWord("TARGET", "expected TARGET or SOURCE after NOT MATCHED BY");
            }
        }
        SqlExpression? condition = AcceptWord("AND") ? ParseExpression() : null;
        ExpectWord("THEN", "expected THEN (or AND and a condition)");
        var actionStart = Current;
        MergeAction action;
        if (AcceptWord("DELETE"))
        {
            if (kind == MergeClauseKind.NotMatchedByTarget) throw SyntaxError(actionStart, "a WHEN NOT MATCHED clause can only INSERT");
            action = new MergeDeleteAction();
        }
        else if (AcceptWord("UPDATE"))
        {
            if (kind == MergeClauseKind.NotMatchedByTarget) throw SyntaxError(actionStart, "a WHEN NOT MATCHED clause can only INSERT");
            ExpectWord("SET", "expected SET after UPDATE");
            if (Accept(TokenKind.Star))
            {
                if (kind == MergeClauseKind.NotMatchedBySource) throw SyntaxError(Previous, "UPDATE SET * is not allowed in WHEN NOT MATCHED BY SOURCE (there is no source row)");
                action = new MergeUpdateAllAction();
            }
            else
            {
                action = new MergeUpdateAction(ParseAssignments());
            }
        }
        else if (AcceptWord("INSERT"))
        {
            if (kind != MergeClauseKind.NotMatchedByTarget)
                throw SyntaxError(actionStart, kind == MergeClauseKind.Matched ? "a WHEN MATCHED clause can only UPDATE or DELETE" : "a WHEN NOT MATCHED BY SOURCE clause can only UPDATE or DELETE");
            if (Accept(TokenKind.Star))
            {
                action = new MergeInsertAllAction();
            }
            else
            {
                var columns = Check(TokenKind.LeftParen) ? ParseQualifiedNameList("a column name", parenthesized: true) : NodeList<QualifiedName>.Empty;
                ExpectWord("VALUES", "expected VALUES");
                Expect(TokenKind.LeftParen, "'('");
                var values = ParseExpressionList();
                Expect(TokenKind.RightParen, "')'");
                action = new MergeInsertAction(columns, values);
            }
        }
        else
        {
            throw SyntaxError(Current, kind == MergeClauseKind.NotMatchedByTarget ? "expected INSERT" : "expected UPDATE or DELETE");
        }
        action = action with { Span = SpanFrom(actionStart) };
        return new MergeWhenClause(kind, condition, action) { Span = SpanFrom(start) };
    }

    // Spark: within each kind of WHEN clause, only the last one may omit its condition.
    private void CheckMergeConditions(List<MergeWhenClause> clauses)
    {
        for (var i = 0; i < clauses.Count; i++)
        {
            if (clauses[i].Condition is not null) continue;
            for (var j = i + 1; j < clauses.Count; j++)
            {
                if (clauses[j].Kind != clauses[i].Kind) continue;
                var (errorClass, name) = clauses[i].Kind switch
                {
                    MergeClauseKind.Matched => ("NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION", "MATCHED"),
                    MergeClauseKind.NotMatchedByTarget => ("NON_LAST_NOT_MATCHED_BY_TARGET_CLAUSE_OMIT_CONDITION", "NOT MATCHED [BY TARGET]"),
                    _ => ("NON_LAST_NOT_MATCHED_BY_SOURCE_CLAUSE_OMIT_CONDITION", "NOT MATCHED BY SOURCE"),
                };
                throw Fail(errorClass, $"When there are more than one {name} clauses in a MERGE statement, only the last {name} clause can omit the condition.", clauses[i].Span);
            }
        }
    }
}
