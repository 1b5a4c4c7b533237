using System.Globalization;
using System.Text.RegularExpressions;
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

    // ───────────────────────────── CREATE / REPLACE ─────────────────────────────

    private Statement ParseCreate()
    {
        var mode = CreateMode.Create;
        if (AcceptWord("REPLACE"))
        {
            mode = CreateMode.Replace;
        }
        else
        {
            ExpectWord("CREATE");
            if (AcceptWords("OR", "REPLACE")) mode = CreateMode.CreateOrReplace;
        }
        if (mode == CreateMode.Create && (IsWord("SCHEMA") || IsWord("DATABASE") || IsWord("NAMESPACE"))) return ParseCreateSchema();
        var external = mode == CreateMode.Create && AcceptWord("EXTERNAL");
        if (IsWord("VIEW") || IsWord("TEMPORARY") || IsWord("TEMP") || IsWord("GLOBAL") || IsWord("FUNCTION"))
            throw SyntaxError(Current, $"CREATE {Current.Text.ToUpperInvariant()} is not supported");
        ExpectWord("TABLE", mode == CreateMode.Create ? "expected TABLE, SCHEMA or DATABASE after CREATE" : "expected TABLE");
        var ifNotExists = false;
        if (IsWord("IF"))
        {
            if (mode != CreateMode.Create) throw SyntaxError(Current, "IF NOT EXISTS cannot be combined with REPLACE");
            _pos++;
            ExpectWord("NOT");
            ExpectWord("EXISTS");
            ifNotExists = true;
        }
        var table = ParseTableName();
        if (IsWord("SHALLOW") || IsWord("DEEP") || IsWord("CLONE")) return ParseClone(table, mode, ifNotExists);
        if (IsWord("LIKE")) throw SyntaxError(Current, "CREATE TABLE … LIKE is not supported");

        var columns = NodeList<ColumnDefinition>.Empty;
        if (Check(TokenKind.LeftParen) && !ParenthesisedQueryAhead()) columns = ParseColumnDefinitions(forAlter: false);

        string? provider = null, comment = null, location = null;
        var partitionBy = NodeList<Identifier>.Empty;
        var clusterBy = NodeList<QualifiedName>.Empty;
        var properties = NodeList<TableProperty>.Empty;
        var options = NodeList<TableProperty>.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var clauseStart = Current;
            if (AcceptWord("USING"))
            {
                Seen(seen, "USING", clauseStart);
                provider = string.Join('.', ParseQualifiedName("a table format (e.g. DELTA)").Parts.Select(p => p.Value));
            }
            else if (IsWord("PARTITIONED") && IsWordAt(1, "BY"))
            {
                _pos += 2;
                Seen(seen, "PARTITIONED BY", clauseStart);
                partitionBy = ParsePartitionColumns();
            }
            else if (IsWord("CLUSTER") && IsWordAt(1, "BY"))
            {
                _pos += 2;
                Seen(seen, "CLUSTER BY", clauseStart);
                clusterBy = ParseQualifiedNameList("a column name", parenthesized: true);
            }
            else if (AcceptWord("COMMENT"))
            {
                Seen(seen, "COMMENT", clauseStart);
                comment = ParseStringValue("a comment string");
            }
            else if (AcceptWord("TBLPROPERTIES"))
            {
                Seen(seen, "TBLPROPERTIES", clauseStart);
                properties = ParsePropertyList(valuesRequired: true);
            }
            else if (AcceptWord("OPTIONS"))
            {
                Seen(seen, "OPTIONS", clauseStart);
                options = ParsePropertyList(valuesRequired: true);
            }
            else if (AcceptWord("LOCATION"))
            {
                Seen(seen, "LOCATION", clauseStart);
                location = ParseStringValue("a location string");
            }
            else if (IsWord("STORED") || (IsWord("ROW") && IsWordAt(1, "FORMAT")) || IsWord("CLUSTERED") || IsWord("SKEWED"))
            {
                throw SyntaxError(Current, "Hive table clauses (STORED AS, ROW FORMAT, CLUSTERED BY, SKEWED BY) are not supported; use USING DELTA");
            }
            else
            {
                break;
            }
        }
        if (!partitionBy.IsEmpty && !clusterBy.IsEmpty)
            throw Fail("SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED", "Cannot specify both CLUSTER BY and PARTITIONED BY.", Current);

        Query? asQuery = null;
        if (AcceptWord("AS")) asQuery = ParseSourceQuery("after AS");
        else if (LooksLikeQueryStart(Current) || Check(TokenKind.LeftParen)) asQuery = ParseQuery();

        return new CreateTableStatement(table, mode, ifNotExists, columns, provider, partitionBy, comment, properties, location, asQuery)
        {
            External = external,
            ClusterBy = clusterBy,
            Options = options,
        };
    }

    private void Seen(HashSet<string> seen, string clause, Token at)
    {
        if (!seen.Add(clause))
            throw Fail("DUPLICATE_CLAUSES", $"Found duplicate clauses: {clause}. Please, remove one of them.", SpanFrom(at));
    }

    private NodeList<Identifier> ParsePartitionColumns()
    {
        Expect(TokenKind.LeftParen, "'(' and the partition columns");
        var columns = new List<Identifier>();
        do
        {
            columns.Add(ParseIdentifier("a partition column name"));
            if (Check(TokenKind.LeftParen)) throw SyntaxError(Current, "partition transforms are not supported; partition by column names");
            if (Current.Kind == TokenKind.Word && !IsWord("NOT"))
                throw SyntaxError(Current, "partition columns with types are not supported here; declare the column in the column list and name it in PARTITIONED BY");
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "')'");
        return new NodeList<Identifier>(columns.ToArray());
    }

    private NodeList<ColumnDefinition> ParseColumnDefinitions(bool forAlter)
    {
        Expect(TokenKind.LeftParen, "'('");
        var columns = new List<ColumnDefinition>();
        do columns.Add(ParseColumnDefinition(forAlter));
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "')'");
        return new NodeList<ColumnDefinition>(columns.ToArray());
    }

    private ColumnDefinition ParseColumnDefinition(bool forAlter)
    {
        var start = Current;
        if (!forAlter && (IsWord("CONSTRAINT") || IsWord("PRIMARY") || IsWord("FOREIGN")) && Peek().Kind != TokenKind.Comma && Peek().Kind == TokenKind.Word && !IsTypeName(Peek()))
            throw SyntaxError(Current, "table constraints in CREATE TABLE are not supported; add CHECK constraints with ALTER TABLE … ADD CONSTRAINT");
        var name = forAlter
            ? ParseQualifiedName("a column name")
            : new QualifiedName([ParseIdentifier("a column name")]) { Span = start.Span };
        var type = ParseDataType();
        bool notNull = false;
        string? comment = null;
        SqlExpression? defaultValue = null, generated = null;
        IdentityColumnSpec? identity = null;
        ColumnPosition? position = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Once(string option, Token at)
        {
            if (!seen.Add(option))
            {
                throw Fail(
                    forAlter ? "ALTER_TABLE_COLUMN_DESCRIPTOR_DUPLICATE" : "CREATE_TABLE_COLUMN_DESCRIPTOR_DUPLICATE",
                    $"{(forAlter ? "ALTER TABLE ADD COLUMN" : "CREATE TABLE")} column {name} specifies descriptor \"{option}\" more than once, which is invalid.",
                    SpanFrom(at));
            }
        }
        while (true)
        {
            var optionStart = Current;
            if ((IsWord("NOT") || Check(TokenKind.Bang)) && IsWordAt(1, "NULL"))
            {
                _pos += 2;
                Once("NOT NULL", optionStart);
                notNull = true;
            }
            else if (IsWord("NULL"))
            {
                _pos++;
            }
            else if (AcceptWord("COMMENT"))
            {
                Once("COMMENT", optionStart);
                comment = ParseStringValue("a comment string");
            }
            else if (AcceptWord("DEFAULT"))
            {
                Once("DEFAULT", optionStart);
                defaultValue = ParseExpression();
            }
            else if (!forAlter && AcceptWord("GENERATED"))
            {
                Once("GENERATED", optionStart);
                bool always;
                if (AcceptWord("ALWAYS")) always = true;
                else if (AcceptWords("BY", "DEFAULT")) always = false;
                else throw SyntaxError(Current, "expected ALWAYS or BY DEFAULT after GENERATED");
                ExpectWord("AS", "expected AS after GENERATED " + (always ? "ALWAYS" : "BY DEFAULT"));
                if (AcceptWord("IDENTITY"))
                {
                    identity = ParseIdentityOptions(always, optionStart);
                }
                else
                {
                    if (!always) throw SyntaxError(Current, "expected IDENTITY after GENERATED BY DEFAULT AS");
                    Expect(TokenKind.LeftParen, "'(' and the generation expression");
                    generated = ParseExpression();
                    Expect(TokenKind.RightParen, "')'");
                }
            }
            else if (forAlter && AcceptWord("FIRST"))
            {
                Once("FIRST|AFTER", optionStart);
                position = new ColumnPosition(null) { Span = SpanFrom(optionStart) };
            }
            else if (forAlter && AcceptWord("AFTER"))
            {
                Once("FIRST|AFTER", optionStart);
                position = new ColumnPosition(ParseIdentifier("a column name")) { Span = SpanFrom(optionStart) };
            }
            else
            {
                break;
            }
        }
        return new ColumnDefinition(name, type, notNull, comment, defaultValue, generated)
        {
            Identity = identity,
            Position = position,
            Span = SpanFrom(start),
        };
    }

    private static bool IsTypeName(Token token) => token.Kind == TokenKind.Word && token.Upper is
        "BOOLEAN" or "TINYINT" or "BYTE" or "SMALLINT" or "SHORT" or "INT" or "INTEGER" or "BIGINT" or "LONG" or "FLOAT"
        or "REAL" or "DOUBLE" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ" or "STRING" or "CHAR"
        or "CHARACTER" or "VARCHAR" or "BINARY" or "DECIMAL" or "DEC" or "NUMERIC" or "ARRAY" or "MAP" or "STRUCT"
        or "INTERVAL" or "VOID" or "VARIANT";

    private IdentityColumnSpec ParseIdentityOptions(bool always, Token start)
    {
        long? startWith = null, incrementBy = null;
        if (Accept(TokenKind.LeftParen))
        {
            while (!Check(TokenKind.RightParen))
            {
                if (AcceptWords("START", "WITH")) startWith = ParseSignedLong();
                else if (AcceptWords("INCREMENT", "BY")) incrementBy = ParseSignedLong();
                else throw SyntaxError(Current, "expected START WITH or INCREMENT BY");
            }
            Expect(TokenKind.RightParen, "')'");
        }
        return new IdentityColumnSpec(always, startWith, incrementBy) { Span = SpanFrom(start) };
    }

    private long ParseSignedLong()
    {
        var start = Current;
        var negative = Accept(TokenKind.Minus);
        var token = Expect(TokenKind.Integer, "an integer");
        if (!long.TryParse((negative ? "-" : "") + token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw OutOfRange((negative ? "-" : "") + token.Text, long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture), "bigint", SpanFrom(start));
        return value;
    }

    private Statement ParseClone(TableName target, CreateMode mode, bool ifNotExists)
    {
        var shallow = AcceptWord("SHALLOW");
        if (!shallow) AcceptWord("DEEP");
        ExpectWord("CLONE", "expected CLONE");
        var source = ParseTableName("the table to clone");
        var timeTravel = ParseTimeTravelSuffix(ref source);
        if (timeTravel is null && IsTimeTravelStart()) timeTravel = ParseTimeTravel();
        var properties = NodeList<TableProperty>.Empty;
        string? location = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var clauseStart = Current;
            if (AcceptWord("TBLPROPERTIES"))
            {
                Seen(seen, "TBLPROPERTIES", clauseStart);
                properties = ParsePropertyList(valuesRequired: true);
            }
            else if (AcceptWord("LOCATION"))
            {
                Seen(seen, "LOCATION", clauseStart);
                location = ParseStringValue("a location string");
            }
            else
            {
                break;
            }
        }
        return new CloneTableStatement(target, mode, ifNotExists, shallow, source, timeTravel, properties, location);
    }

    private Statement ParseCreateSchema()
    {
        _pos++; // SCHEMA | DATABASE | NAMESPACE
        var ifNotExists = false;
        if (AcceptWord("IF"))
        {
            ExpectWord("NOT");
            ExpectWord("EXISTS");
            ifNotExists = true;
        }
        var name = ParseQualifiedName("a schema name");
        string? comment = null, location = null;
        var properties = NodeList<TableProperty>.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var clauseStart = Current;
            if (AcceptWord("COMMENT"))
            {
                Seen(seen, "COMMENT", clauseStart);
                comment = ParseStringValue("a comment string");
            }
            else if (AcceptWord("LOCATION") || AcceptWord("MANAGED") && ExpectWord("LOCATION").Kind == TokenKind.Word)
            {
                Seen(seen, "LOCATION", clauseStart);
                location = ParseStringValue("a location string");
            }
            else if (IsWord("WITH") && (IsWordAt(1, "DBPROPERTIES") || IsWordAt(1, "PROPERTIES")))
            {
                _pos += 2;
                Seen(seen, "WITH DBPROPERTIES", clauseStart);
                properties = ParsePropertyList(valuesRequired: true);
            }
            else
            {
                break;
            }
        }
        return new CreateSchemaStatement(name, ifNotExists, comment, location, properties);
    }

    // ───────────────────────────── ALTER / DROP / UNDROP ─────────────────────────────

    private Statement ParseAlter()
    {
        ExpectWord("ALTER");
        if (IsWord("VIEW") || IsWord("SCHEMA") || IsWord("DATABASE")) throw SyntaxError(Current, $"ALTER {Current.Text.ToUpperInvariant()} is not supported");
        ExpectWord("TABLE", "expected TABLE after ALTER");
        var table = ParseTableName();
        var start = Current;
        AlterTableAction action;
        if (AcceptWord("ADD"))
        {
            if (AcceptWord("CONSTRAINT"))
            {
                var name = ParseIdentifier("a constraint name");
                ExpectWord("CHECK", "expected CHECK (only CHECK constraints are supported)");
                Expect(TokenKind.LeftParen, "'(' and the check condition");
                var condition = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                action = new AddCheckConstraintAction(name, condition);
            }
            else
            {
                if (!AcceptWord("COLUMNS")) ExpectWord("COLUMN", "expected COLUMN, COLUMNS or CONSTRAINT after ADD");
                NodeList<ColumnDefinition> columns;
                if (Check(TokenKind.LeftParen))
                {
                    columns = ParseColumnDefinitions(forAlter: true);
                }
                else
                {
                    var list = new List<ColumnDefinition>();
                    do list.Add(ParseColumnDefinition(forAlter: true));
                    while (Accept(TokenKind.Comma));
                    columns = new NodeList<ColumnDefinition>(list.ToArray());
                }
                action = new AddColumnsAction(columns);
            }
        }
        else if (AcceptWord("DROP"))
        {
            if (AcceptWord("CONSTRAINT"))
            {
                var ifExists = AcceptWords("IF", "EXISTS");
                action = new DropConstraintAction(ParseIdentifier("a constraint name"), ifExists);
            }
            else
            {
                if (!AcceptWord("COLUMNS")) ExpectWord("COLUMN", "expected COLUMN, COLUMNS or CONSTRAINT after DROP");
                var ifExists = AcceptWords("IF", "EXISTS");
                var columns = ParseQualifiedNameList("a column name", parenthesized: Check(TokenKind.LeftParen));
                action = new DropColumnsAction(columns, ifExists);
            }
        }
        else if (AcceptWord("RENAME"))
        {
            if (AcceptWord("COLUMN"))
            {
                var column = ParseQualifiedName("a column name");
                ExpectWord("TO", "expected TO and the new column name");
                action = new RenameColumnAction(column, ParseIdentifier("the new column name"));
            }
            else
            {
                ExpectWord("TO", "expected TO or COLUMN after RENAME");
                action = new RenameTableAction(ParseTableName("the new table name"));
            }
        }
        else if (IsWord("SET") && IsWordAt(1, "TBLPROPERTIES"))
        {
            _pos += 2;
            action = new SetTablePropertiesAction(ParsePropertyList(valuesRequired: true));
        }
        else if (IsWord("UNSET") && IsWordAt(1, "TBLPROPERTIES"))
        {
            _pos += 2;
            var ifExists = AcceptWords("IF", "EXISTS");
            var keys = ParsePropertyList(valuesRequired: false, keysOnly: true).Select(p => p.Key);
            action = new UnsetTablePropertiesAction(new NodeList<string>(keys), ifExists);
        }
        else if (AcceptWord("ALTER") || AcceptWord("CHANGE"))
        {
            AcceptWord("COLUMN");
            action = ParseAlterColumn();
        }
        else
        {
            throw SyntaxError(Current, "expected ADD, DROP, RENAME, SET TBLPROPERTIES, UNSET TBLPROPERTIES, ALTER COLUMN or CHANGE COLUMN");
        }
        return new AlterTableStatement(table, action with { Span = SpanFrom(start) });
    }

    private AlterColumnAction ParseAlterColumn()
    {
        var column = ParseQualifiedName("a column name");
        var start = Current;
        if (AcceptWord("TYPE")) return new AlterColumnAction(column, AlterColumnKind.Type, NewType: ParseDataType());
        if (AcceptWord("COMMENT")) return new AlterColumnAction(column, AlterColumnKind.Comment, Comment: ParseStringValue("a comment string"));
        if (AcceptWord("FIRST")) return new AlterColumnAction(column, AlterColumnKind.Position, Position: new ColumnPosition(null) { Span = SpanFrom(start) });
        if (AcceptWord("AFTER"))
        {
            var after = ParseIdentifier("a column name");
            return new AlterColumnAction(column, AlterColumnKind.Position, Position: new ColumnPosition(after) { Span = SpanFrom(start) });
        }
        if (IsWord("SET") || IsWord("DROP"))
        {
            var set = Advance().IsWord("SET");
            if (AcceptWord("NOT") || Accept(TokenKind.Bang))
            {
                ExpectWord("NULL", "expected NULL after NOT");
                return new AlterColumnAction(column, set ? AlterColumnKind.SetNotNull : AlterColumnKind.DropNotNull);
            }
            if (AcceptWord("DEFAULT"))
                return set ? new AlterColumnAction(column, AlterColumnKind.SetDefault, Default: ParseExpression()) : new AlterColumnAction(column, AlterColumnKind.DropDefault);
            throw SyntaxError(Current, $"expected NOT NULL or DEFAULT after {(set ? "SET" : "DROP")}");
        }
        throw SyntaxError(Current, "expected TYPE, COMMENT, SET NOT NULL, DROP NOT NULL, SET DEFAULT, DROP DEFAULT, FIRST or AFTER");
    }

    private Statement ParseDrop()
    {
        ExpectWord("DROP");
        if (IsWord("SCHEMA") || IsWord("DATABASE") || IsWord("NAMESPACE"))
        {
            _pos++;
            var schemaIfExists = AcceptWords("IF", "EXISTS");
            var name = ParseQualifiedName("a schema name");
            var cascade = AcceptWord("CASCADE");
            if (!cascade) AcceptWord("RESTRICT");
            return new DropSchemaStatement(name, schemaIfExists, cascade);
        }
        if (IsWord("VIEW") || IsWord("FUNCTION")) throw SyntaxError(Current, $"DROP {Current.Text.ToUpperInvariant()} is not supported");
        ExpectWord("TABLE", "expected TABLE, SCHEMA or DATABASE after DROP");
        var ifExists = AcceptWords("IF", "EXISTS");
        var table = ParseTableName();
        var purge = AcceptWord("PURGE");
        return new DropTableStatement(table, ifExists, purge);
    }

    private Statement ParseUndrop()
    {
        ExpectWord("UNDROP");
        ExpectWord("TABLE", "expected TABLE after UNDROP");
        if (IsWord("WITH") && IsWordAt(1, "ID")) throw SyntaxError(Current, "UNDROP TABLE WITH ID is not supported");
        return new UndropTableStatement(ParseTableName());
    }

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
