using DeltaSharp.Compute;
using DeltaSharp.Types;
using static DeltaSharp.Core.Tests.Compute.Sql;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Expected values: the examples of Spark's string function reference (the "> SELECT …" lines).</summary>
public class StringFunctionTests
{
    [Fact]
    public void Concat()
    {
        Assert.Equal("SparkSQL", Eval("concat", S("Spark"), S("SQL")));             // > SELECT concat('Spark', 'SQL'); SparkSQL
        Assert.Null(Eval("concat", S("Spark"), Null));
        Assert.Equal("a1", Eval("||", S("a"), I(1)));
        Assert.Equal("Spark SQL", Eval("concat_ws", S(" "), S("Spark"), S("SQL")));   // > SELECT concat_ws(' ', 'Spark', 'SQL'); Spark SQL
        Assert.Equal("", Eval("concat_ws", S("s")));                                  // > SELECT concat_ws('s'); (empty string)
        Assert.Equal("a,c", Eval("concat_ws", S(","), S("a"), Null, S("c")));
        Assert.Equal("[1, 2, 3, 4]", Text("concat", Arr(DataType.Integer, 1, 2), Arr(DataType.Integer, 3, 4)));
    }

    [Fact]
    public void CaseAndLength()
    {
        Assert.Equal("SPARKSQL", Eval("upper", S("SparkSql")));                       // > SELECT upper('SparkSql'); SPARKSQL
        Assert.Equal("sparksql", Eval("lower", S("SparkSql")));
        Assert.Equal("ÄÖÜ", Eval("upper", S("äöü")));
        Assert.Equal(10, Eval("length", S("Spark SQL ")));                           // > SELECT length('Spark SQL '); 10
        Assert.Equal(10, Eval("char_length", S("Spark SQL ")));
        Assert.Equal(3, Eval("length", S("日本語")));
        Assert.Equal(2, Eval("length", S("😀a")));
        Assert.Equal(9, Eval("octet_length", S("日本語")));
        Assert.Equal(3, Eval("length", Bin(1, 2, 3)));
        Assert.Equal("Spark Sql", Eval("initcap", S("sPark sql")));                  // > SELECT initcap('sPark sql'); Spark Sql
    }

    [Fact]
    public void Substring_FollowsSparkExamples()
    {
        Assert.Equal("k SQL", Eval("substring", S("Spark SQL"), I(5)));              // > SELECT substring('Spark SQL', 5); k SQL
        Assert.Equal("SQL", Eval("substring", S("Spark SQL"), I(-3)));               // > SELECT substring('Spark SQL', -3); SQL
        Assert.Equal("k", Eval("substring", S("Spark SQL"), I(5), I(1)));            // > SELECT substring('Spark SQL', 5, 1); k
        Assert.Equal("Spa", Eval("substr", S("Spark SQL"), I(0), I(3)));
        Assert.Equal("", Eval("substring", S("Spark SQL"), I(20)));
        Assert.Equal("S", Eval("substring", S("Spark SQL"), I(-20), I(12)));
        Assert.Equal("本語", Eval("substring", S("日本語"), I(2)));
        Assert.Equal("Spa", Eval("left", S("Spark SQL"), I(3)));                     // > SELECT left('Spark SQL', 3); Spa
        Assert.Equal("SQL", Eval("right", S("Spark SQL"), I(3)));                    // > SELECT right('Spark SQL', 3); SQL
        Assert.Equal("", Eval("left", S("Spark SQL"), I(-1)));
    }

    [Fact]
    public void Trim_FollowsSparkExamples()
    {
        Assert.Equal("SparkSQL", Eval("trim", S("    SparkSQL   ")));               // > SELECT trim('    SparkSQL   '); SparkSQL
        Assert.Equal("parkSQ", Eval("trim", S("SSparkSQLS"), S("SL")));              // > SELECT trim(BOTH 'SL' FROM 'SSparkSQLS'); parkSQ
        Assert.Equal("parkSQLS", Eval("ltrim", S("SSparkSQLS"), S("SL")));           // > SELECT trim(LEADING 'SL' FROM 'SSparkSQLS'); parkSQLS
        Assert.Equal("SSparkSQ", Eval("rtrim", S("SSparkSQLS"), S("SL")));           // > SELECT trim(TRAILING 'SL' FROM 'SSparkSQLS'); SSparkSQ
        Assert.Equal("SparkSQL   ", Eval("ltrim", S("    SparkSQL   ")));
        Assert.Equal("\tx\t", Eval("trim", S("\tx\t")));                             // only spaces
    }

    [Fact]
    public void Padding_FollowsSparkExamples()
    {
        Assert.Equal("???hi", Eval("lpad", S("hi"), I(5), S("??")));                 // > SELECT lpad('hi', 5, '??'); ???hi
        Assert.Equal("h", Eval("lpad", S("hi"), I(1), S("??")));                     // > SELECT lpad('hi', 1, '??'); h
        Assert.Equal("   hi", Eval("lpad", S("hi"), I(5)));                          // > SELECT lpad('hi', 5); '   hi'
        Assert.Equal("hi???", Eval("rpad", S("hi"), I(5), S("??")));                 // > SELECT rpad('hi', 5, '??'); hi???
        Assert.Equal("h", Eval("rpad", S("hi"), I(1), S("??")));
        Assert.Equal("hi   ", Eval("rpad", S("hi"), I(5)));
        Assert.Equal("", Eval("lpad", S("hi"), I(-1), S("?")));
    }

    [Fact]
    public void SearchAndReplace_FollowSparkExamples()
    {
        Assert.Equal("ABCDEF", Eval("replace", S("ABCabc"), S("abc"), S("DEF")));   // > SELECT replace('ABCabc', 'abc', 'DEF'); ABCDEF
        Assert.Equal("ABC", Eval("replace", S("ABCabc"), S("abc")));
        Assert.Equal("A1B2C3", Eval("translate", S("AaBbCc"), S("abc"), S("123")));  // > SELECT translate('AaBbCc', 'abc', '123'); A1B2C3
        Assert.Equal("AB", Eval("translate", S("AaBb"), S("ab"), S("")));
        Assert.Equal(6, Eval("instr", S("SparkSQL"), S("SQL")));                     // > SELECT instr('SparkSQL', 'SQL'); 6
        Assert.Equal(0, Eval("instr", S("SparkSQL"), S("x")));
        Assert.Equal(4, Eval("locate", S("bar"), S("foobarbar")));                   // > SELECT locate('bar', 'foobarbar'); 4
        Assert.Equal(7, Eval("locate", S("bar"), S("foobarbar"), I(5)));             // > SELECT locate('bar', 'foobarbar', 5); 7
        Assert.Equal(4, Eval("position", S("bar"), S("foobarbar")));
        Assert.Equal("LQS krapS", Eval("reverse", S("Spark SQL")));                  // > SELECT reverse('Spark SQL'); LQS krapS
        Assert.Equal("[3, 4, 1, 2]", Text("reverse", Arr(DataType.Integer, 2, 1, 4, 3)));
        Assert.Equal("123123", Eval("repeat", S("123"), I(2)));                      // > SELECT repeat('123', 2); 123123
        Assert.Equal(true, Eval("startswith", S("Spark SQL"), S("Spark")));
        Assert.Equal(false, Eval("endswith", S("Spark SQL"), S("Spark")));
        Assert.Equal(true, Eval("contains", S("Spark SQL"), S("k S")));
        Assert.Null(Eval("contains", S("Spark SQL"), Null));
        Assert.Equal("www.apache", Eval("substring_index", S("www.apache.org"), S("."), I(2)));   // www.apache
        Assert.Equal("apache.org", Eval("substring_index", S("www.apache.org"), S("."), I(-2)));
        Assert.Equal("13", Eval("split_part", S("11.12.13"), S("."), I(3)));         // > SELECT split_part('11.12.13', '.', 3); 13
        Assert.Equal(65, Eval("ascii", S("A")));
        Assert.Equal("A", Eval("chr", I(65)));
        Assert.Equal(3, Eval("levenshtein", S("kitten"), S("sitting")));             // > SELECT levenshtein('kitten', 'sitting'); 3
    }

    [Fact]
    public void RegularExpressions_FollowSparkExamples()
    {
        Assert.Equal("[one, two, three, ]", Text("split", S("oneAtwoBthreeC"), S("[ABC]")));        // ["one","two","three",""]
        Assert.Equal("[one, two, three, ]", Text("split", S("oneAtwoBthreeC"), S("[ABC]"), I(-1)));
        Assert.Equal("[one, twoBthreeC]", Text("split", S("oneAtwoBthreeC"), S("[ABC]"), I(2)));    // ["one","twoBthreeC"]
        Assert.Equal("num-num", Eval("regexp_replace", S("100-200"), S("(\\d+)"), S("num")));        // num-num
        Assert.Equal("200-100", Eval("regexp_replace", S("100-200"), S("(\\d+)-(\\d+)"), S("$2-$1")));
        Assert.Equal("100", Eval("regexp_extract", S("100-200"), S("(\\d+)-(\\d+)"), I(1)));        // 100
        Assert.Equal("", Eval("regexp_extract", S("foo"), S("(\\d+)"), I(1)));
        Assert.Equal("[100, 300]", Text("regexp_extract_all", S("100-200, 300-400"), S("(\\d+)-(\\d+)"), I(1)));
        Assert.Equal("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", Throws("regexp_extract", S("1"), S("(\\d)"), I(2)).ErrorClass);
        Assert.Equal(true, Eval("rlike", S("%SystemDrive%\\Users\\John"), S("%SystemDrive%\\\\Users.*")));
        Assert.Equal(true, Eval("rlike", S("abc"), S("\\p{Alpha}+")));
        Assert.Equal(true, Eval("rlike", S("a.c"), S("\\Qa.c\\E")));
    }

    [Theory]
    [InlineData("Spark", "Spa%", true)]
    [InlineData("Spark", "%ark", true)]
    [InlineData("Spark", "%pa%", true)]
    [InlineData("Spark", "S_a%k", true)]
    [InlineData("Spark", "S_ark", true)]
    [InlineData("Spark", "S__rk_", false)]
    [InlineData("Spark", "spark", false)]
    [InlineData("Spark", "%", true)]
    [InlineData("", "%", true)]
    [InlineData("", "_", false)]
    [InlineData("a%b", "a\\%b", true)]
    [InlineData("axb", "a\\%b", false)]
    [InlineData("日本語", "日_語", true)]
    [InlineData("aaa", "%a%a%a%", true)]
    [InlineData("aab", "%a%a%a%", false)]
    [InlineData("mississippi", "%iss%ppi", true)]
    public void Like_MatchesAsSpark(string input, string pattern, bool expected)
    {
        Assert.Equal(expected, Eval("like", S(input), S(pattern)));
        Assert.Equal(expected, LikeMatcher.Compile(pattern).Matches(System.Text.Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Like_EscapeAndIlike()
    {
        Assert.Equal(true, Eval("ilike", S("Spark"), S("_PARK")));                   // > SELECT ilike('Spark', '_PARK'); true
        Assert.Equal(true, Eval("like", S("a_b"), S("a/_b"), S("/")));
        Assert.Equal("INVALID_FORMAT.ESC_IN_THE_MIDDLE", Assert.Throws<ComputeException>(() => LikeMatcher.Compile("a\\b")).ErrorClass);
    }

    [Fact]
    public void FormatString_FollowsJava()
    {
        Assert.Equal("Hello World 100 days", Eval("format_string", S("Hello World %d %s"), I(100), S("days"))); // Hello World 100 days
        Assert.Equal("Hello World 100 days", Eval("printf", S("Hello World %d %s"), I(100), S("days")));
        Assert.Equal("  42|42   |00042|+42", Eval("format_string", S("%4d|%-5d|%05d|%+d"), I(42), I(42), I(42), I(42)));
        Assert.Equal("3.14|3.142e+00|1,234,567", Eval("format_string", S("%.2f|%.3e|%,d"), Db(3.14159), Db(3.14159), I(1234567)));
        Assert.Equal("0.13 1.01", Eval("format_string", S("%.2f %.2f"), Db(0.125), Db(1.005)));
        Assert.Equal("ff FF 17 null", Eval("format_string", S("%x %X %o %s"), I(255), I(255), I(15), Null));
        Assert.Equal("b a", Eval("format_string", S("%2$s %1$s"), S("a"), S("b")));
    }

    [Fact]
    public void Encodings()
    {
        Assert.Equal("U3BhcmsgU1FM", Eval("base64", S("Spark SQL")));               // > SELECT base64('Spark SQL'); U3BhcmsgU1FM
        Assert.Equal("Spark SQL", Text("unbase64", S("U3BhcmsgU1FM")));
        Assert.Equal("11", Eval("hex", I(17)));                                      // > SELECT hex(17); 11
        Assert.Equal("537061726B2053514C", Eval("hex", S("Spark SQL")));            // > SELECT hex('Spark SQL'); 537061726B2053514C
    }
}
