using System.Globalization;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// DDL: CREATE / REPLACE TABLE (and CLONE), CREATE SCHEMA, ALTER TABLE, DROP, UNDROP.
internal sealed partial class SqlParser
{
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
}
