using DeltaSharp.Sql.Parsing;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>Errors carry Spark's error class, the exact position and a readable message.</summary>
public sealed class ParseErrorTests
{
    private static SqlParseException Fails(string sql) => Assert.Throws<SqlParseException>(() => Parser.ParseStatement(sql));

    private static void AssertError(string sql, string errorClass, int line, int column, string? messagePart = null)
    {
        var error = Fails(sql);
        Assert.Equal(errorClass, error.ErrorClass);
        Assert.True((line, column) == (error.Line, error.Column), $"expected ({line}, {column}), got ({error.Line}, {error.Column}): {error.Message}");
        if (messagePart is not null) Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_MessageFollowsSparksLayout()
    {
        var error = Fails("SELECT FROM t");
        Assert.Equal("PARSE_SYNTAX_ERROR", error.ErrorClass);
        Assert.Equal("42601", error.SqlState);
        Assert.Equal(new Ast.SourceSpan(7, 4, 1, 8), error.Span);
        Assert.Equal(
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM': expected an expression. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nSELECT FROM t\n-------^^^\n",
            error.Message);
    }

    [Fact]
    public void SyntaxError_OnALaterLine_ShowsThatLineWithTheCaret()
    {
        var error = Fails("SELECT a,\n  b\nFROM t\nWHERE a = = 1");
        Assert.Equal((4, 11), (error.Line, error.Column));
        Assert.Contains("(line 4, pos 10)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("WHERE a = = 1\n----------^^^\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_AtTheEnd_SaysEndOfInput() =>
        AssertError("SELECT * FROM t WHERE", "PARSE_SYNTAX_ERROR", 1, 22, "Syntax error at or near end of input: expected an expression.");

    [Theory]
    [InlineData("SELECT (1", 1, 10, "missing ')'")]
    [InlineData("SELECT 1 2", 1, 10, "extra input")]
    [InlineData("SELECT 1)", 1, 9, "unbalanced ')'")]
    [InlineData("SELECT * FROM t VERSION AS OF x", 1, 31, "expected a version number")]
    [InlineData("SELECT * FROM t@x", 1, 17, "yyyyMMddHHmmssSSS")]
    [InlineData("SELECT * FROM t TIMESTAMP AS OF", 1, 32, "expected a timestamp expression")]
    [InlineData("INSERT INTO t", 1, 14, "expected VALUES or a query")]
    [InlineData("UPDATE t WHERE a = 1", 1, 10, "expected SET")]
    [InlineData("SELECT CAST(a AS) FROM t", 1, 17, "expected a data type")]
    [InlineData("SELECT CASE WHEN a THEN 1 FROM t", 1, 27, "expected END")]
    [InlineData("SELECT a FROM t WHERE a IN ()", 1, 29, "at least one value")]
    [InlineData("SELECT x BETWEEN 1 OR 2", 1, 20, "expected AND between the bounds")]
    [InlineData("MERGE INTO t USING s ON c WHEN MATCHED THEN INSERT *", 1, 45, "can only UPDATE or DELETE")]
    [InlineData("MERGE INTO t USING s ON c WHEN NOT MATCHED THEN DELETE", 1, 49, "can only INSERT")]
    [InlineData("MERGE INTO t USING s ON c WHEN NOT MATCHED BY SOURCE THEN UPDATE SET *", 1, 70, "UPDATE SET * is not allowed")]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM t", 1, 22, "can only precede SELECT or INSERT")]
    [InlineData("ALTER TABLE t ALTER COLUMN a", 1, 29, "expected TYPE, COMMENT")]
    [InlineData("CREATE OR REPLACE TABLE IF NOT EXISTS t (a INT)", 1, 25, "IF NOT EXISTS cannot be combined with REPLACE")]
    [InlineData("SELEC * FROM t", 1, 1, "did you mean SELECT?")]
    [InlineData("SELECT * FORM t", 1, 10, "did you mean FROM?")]
    [InlineData("SELECT a FROM t ORDER a", 1, 17, "expected BY after ORDER")]
    [InlineData("SELECT # FROM t", 1, 8, "this character is not valid here")]
    [InlineData("SELECT 'abc", 1, 8, "the string literal is not closed")]
    [InlineData("SELECT `abc", 1, 8, "the quoted identifier is not closed")]
    [InlineData("SELECT ?", 1, 8, "parameter markers are not supported")]
    [InlineData("SELECT * FROM t LATERAL VIEW explode(a) x", 1, 17, "LATERAL VIEW is not supported")]
    public void SyntaxErrors_NameThePositionAndWhatWasExpected(string sql, int line, int column, string hint) =>
        AssertError(sql, "PARSE_SYNTAX_ERROR", line, column, hint);

    [Fact]
    public void UnclosedBracketedComment_PointsAtTheCommentStart() =>
        AssertError("SELECT 1\n/* outer /* inner */ never closed", "UNCLOSED_BRACKETED_COMMENT", 2, 1, "Found an unclosed bracketed comment. Please, append */ at the end of the comment.");

    [Fact]
    public void EmptyStatement() => AssertError("  -- only a comment\n ; ", "PARSE_EMPTY_STATEMENT", 2, 4, "unexpected empty statement");

    [Theory]
    [InlineData("SELECT DATE '2025-13-01'", "\"DATE\"", "'2025-13-01'", 13)]
    [InlineData("SELECT DATE '2025-02-29'", "\"DATE\"", "'2025-02-29'", 13)]
    [InlineData("SELECT TIMESTAMP '2025-01-01 25:00:00'", "\"TIMESTAMP\"", "'2025-01-01 25:00:00'", 18)]
    [InlineData("SELECT TIMESTAMP_NTZ '2020-01-01 00:00:00+01:00'", "\"TIMESTAMP_NTZ\"", "'2020-01-01 00:00:00+01:00'", 22)]
    [InlineData("SELECT X'0G'", "\"X\"", "'0G'", 9)]
    [InlineData("SELECT INTERVAL 'soon'", "\"INTERVAL\"", "'soon'", 8)]
    public void InvalidTypedLiterals(string sql, string type, string value, int column) =>
        AssertError(sql, "INVALID_TYPED_LITERAL", 1, column, $"The value of the typed literal {type} is invalid: {value}.");

    [Theory]
    [InlineData("SELECT 128Y", "Numeric literal 128 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127.")]
    [InlineData("SELECT -129Y", "Numeric literal -129 is outside the valid range for tinyint")]
    [InlineData("SELECT 40000S", "for smallint with minimum value of -32768 and maximum value of 32767")]
    [InlineData("SELECT 9223372036854775808L", "for bigint")]
    [InlineData("SELECT 1e400", "for double")]
    [InlineData("SELECT 1e39F", "for float")]
    public void NumbersOutOfRange(string sql, string message) => AssertError(sql, "INVALID_NUMERIC_LITERAL_RANGE", 1, 8, message);

    [Fact]
    public void MostNegativeTinyInt_IsInRange() => Parser.ParseStatement("SELECT -128Y");

    [Theory]
    [InlineData("SELECT 1234567890123456789012345678901234567890", 8, "Decimal precision 40 exceeds max precision 38")]
    [InlineData("CREATE TABLE t (a DECIMAL(39, 2))", 19, "Decimal precision 39 exceeds max precision 38")]
    public void DecimalPrecisionTooLarge(string sql, int column, string message) =>
        AssertError(sql, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", 1, column, message);

    [Theory]
    [InlineData("CREATE TABLE t (a FOO)", "UNSUPPORTED_DATATYPE", 19, "Unsupported data type \"FOO\".")]
    [InlineData("CREATE TABLE t (a INT(10))", "UNSUPPORTED_DATATYPE", 19, "Unsupported data type \"INT(10)\".")]
    [InlineData("CREATE TABLE t (a DECIMAL(5, 6))", "UNSUPPORTED_DATATYPE", 19, "scale between 0 and the precision")]
    [InlineData("CREATE TABLE t (a VARCHAR)", "DATATYPE_MISSING_SIZE", 19, "DataType \"VARCHAR\" requires a length parameter")]
    [InlineData("SELECT CAST(a AS ARRAY<INT)", "PARSE_SYNTAX_ERROR", 27, "missing '>'")]
    [InlineData("CREATE TABLE t (a INTERVAL WEEK)", "UNSUPPORTED_DATATYPE", 19, "INTERVAL WEEK")]
    public void DataTypeErrors(string sql, string errorClass, int column, string message) => AssertError(sql, errorClass, 1, column, message);

    [Fact]
    public void UnsupportedTypes_FailWhenConvertedToEngineTypes()
    {
        var type = Parser.ParseDataType("INTERVAL DAY TO SECOND");
        var error = Assert.Throws<SqlParseException>(type.ToDataType);
        Assert.Equal("UNSUPPORTED_DATATYPE", error.ErrorClass);
        Assert.Equal(1, error.Column);
    }

    [Theory]
    [InlineData("CREATE TABLE t (a INT) COMMENT 'x' COMMENT 'y'", 36, "Found duplicate clauses: COMMENT. Please, remove one of them.")]
    [InlineData("CREATE TABLE t (a INT) LOCATION 'x' USING DELTA LOCATION 'y'", 49, "Found duplicate clauses: LOCATION.")]
    [InlineData("CREATE TABLE t SHALLOW CLONE s LOCATION 'x' LOCATION 'y'", 45, "LOCATION")]
    public void DuplicateClauses(string sql, int column, string message) => AssertError(sql, "DUPLICATE_CLAUSES", 1, column, message);

    [Fact]
    public void DuplicateColumnOption() =>
        AssertError("CREATE TABLE t (a INT NOT NULL NOT NULL)", "CREATE_TABLE_COLUMN_DESCRIPTOR_DUPLICATE", 1, 32, "column a specifies descriptor \"NOT NULL\" more than once");

    [Fact]
    public void InvalidEscape() =>
        AssertError("SELECT a LIKE 'x' ESCAPE 'ab'", "INVALID_ESC", 1, 26, "Found an invalid escape string: 'ab'. The escape string must contain only one character.");

    [Fact]
    public void MergeWithoutWhen() =>
        AssertError("MERGE INTO t USING s ON t.id = s.id", "MERGE_WITHOUT_WHEN", 1, 36, "There must be at least one WHEN clause in a MERGE statement.");

    [Theory]
    [InlineData("WHEN MATCHED THEN DELETE WHEN MATCHED THEN UPDATE SET *", "NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION", 27)]
    [InlineData("WHEN NOT MATCHED THEN INSERT * WHEN MATCHED THEN DELETE WHEN NOT MATCHED AND x THEN INSERT *", "NON_LAST_NOT_MATCHED_BY_TARGET_CLAUSE_OMIT_CONDITION", 27)]
    [InlineData("WHEN NOT MATCHED BY SOURCE THEN DELETE WHEN NOT MATCHED BY SOURCE THEN DELETE", "NON_LAST_NOT_MATCHED_BY_SOURCE_CLAUSE_OMIT_CONDITION", 27)]
    public void MergeClauseWithoutCondition_MustBeTheLastOfItsKind(string clauses, string errorClass, int column) =>
        AssertError("MERGE INTO t USING s ON c " + clauses, errorClass, 1, column, "can omit the condition");

    [Fact]
    public void SetWithAnInvalidKey() =>
        AssertError("SET a b = 1", "INVALID_SET_SYNTAX", 1, 5, "Expected format is 'SET', 'SET key', or 'SET key=value'.");

    [Fact]
    public void HyphenatedTableName() =>
        AssertError("CREATE TABLE my-table (a INT)", "INVALID_IDENTIFIER", 1, 14, "The unquoted identifier my-table is invalid and must be back quoted as: `my-table`.");

    [Theory]
    [InlineData("SELECT INTERVAL '1-2' DAY TO SECOND", 17, "does not match the DAY TO SECOND format")]
    [InlineData("SELECT INTERVAL '1' MONTH TO DAY", 8, "are not supported")]
    [InlineData("SELECT INTERVAL 'x' DAY", 17, "must be a number")]
    public void InvalidIntervals(string sql, int column, string message) => AssertError(sql, "INVALID_INTERVAL_FORMAT", 1, column, message);

    [Fact]
    public void ClusterByWithPartitionedBy() =>
        Assert.Equal("SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED", Fails("CREATE TABLE t (a INT) PARTITIONED BY (a) CLUSTER BY (a)").ErrorClass);

    [Fact]
    public void ParseScript_ReportsPositionsInTheWholeText()
    {
        var error = Assert.Throws<SqlParseException>(() => Parser.ParseScript("SELECT 1;\nSELECT 2;\nSELECT FROM t;"));
        Assert.Equal((3, 8), (error.Line, error.Column));
        Assert.Equal("SELECT 1;\nSELECT 2;\nSELECT FROM t;", error.Sql);
    }

    [Fact]
    public void ParseStatement_RejectsTwoStatements() =>
        AssertError("SELECT 1; SELECT 2", "PARSE_SYNTAX_ERROR", 1, 11, "expected a single statement");

    [Fact]
    public void VeryLongLines_ShowAWindowAroundTheError()
    {
        var sql = "INSERT INTO t VALUES " + string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"({i}, 'x')")) + ", (1, 'y' 'z' 3)";
        var error = Assert.Throws<SqlParseException>(() => Parser.ParseStatement(sql));
        Assert.True(error.Message.Length < 1000, $"message of {error.Message.Length} chars");
        var lines = error.Message.Split('\n');
        var caretLine = Array.FindIndex(lines, l => l.EndsWith("^^^", StringComparison.Ordinal));
        Assert.Equal("3", lines[caretLine - 1].Substring(lines[caretLine].Length - 3, 1));
    }

    [Fact]
    public void LongScripts_ShowOnlyLinesAroundTheError()
    {
        var sql = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"SELECT {i};")) + "\nSELECT FROM t;\n" + string.Join("\n", Enumerable.Range(1, 20).Select(i => $"SELECT {i};"));
        var error = Assert.Throws<SqlParseException>(() => Parser.ParseScript(sql));
        var excerpt = error.Message[(error.Message.IndexOf("== SQL ==", StringComparison.Ordinal) + 10)..];
        Assert.Equal("...\nSELECT 18;\nSELECT 19;\nSELECT 20;\nSELECT FROM t;\n-------^^^\nSELECT 1;\nSELECT 2;\n...\n", excerpt);
    }
}
