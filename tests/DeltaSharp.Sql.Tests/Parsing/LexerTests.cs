using DeltaSharp.Sql.Parsing;

namespace DeltaSharp.Sql.Tests.Parsing;

public sealed class LexerTests
{
    private static List<Token> Lex(string sql) => Lexer.Tokenize(sql);

    private static Token Single(string sql)
    {
        var tokens = Lex(sql);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(TokenKind.EndOfInput, tokens[1].Kind);
        return tokens[0];
    }

    [Theory]
    [InlineData("123", nameof(TokenKind.Integer))]
    [InlineData("10L", nameof(TokenKind.BigIntLiteral))]
    [InlineData("10l", nameof(TokenKind.BigIntLiteral))]
    [InlineData("10S", nameof(TokenKind.SmallIntLiteral))]
    [InlineData("10Y", nameof(TokenKind.TinyIntLiteral))]
    [InlineData("1.5", nameof(TokenKind.Decimal))]
    [InlineData(".5", nameof(TokenKind.Decimal))]
    [InlineData("1.", nameof(TokenKind.Decimal))]
    [InlineData("1e3", nameof(TokenKind.Exponent))]
    [InlineData("1.5E-3", nameof(TokenKind.Exponent))]
    [InlineData("2E+10", nameof(TokenKind.Exponent))]
    [InlineData("1D", nameof(TokenKind.DoubleLiteral))]
    [InlineData("1.5d", nameof(TokenKind.DoubleLiteral))]
    [InlineData("1e3D", nameof(TokenKind.DoubleLiteral))]
    [InlineData("1.5F", nameof(TokenKind.FloatLiteral))]
    [InlineData("12BD", nameof(TokenKind.BigDecimalLiteral))]
    [InlineData("1.5e2BD", nameof(TokenKind.BigDecimalLiteral))]
    // Longest match against IDENTIFIER, as ANTLR does: these are identifiers in Spark.
    [InlineData("1abc", nameof(TokenKind.Word))]
    [InlineData("1e3L", nameof(TokenKind.Word))]
    [InlineData("1_000", nameof(TokenKind.Word))]
    [InlineData("12BDX", nameof(TokenKind.Word))]
    public void Numbers_FollowSparksLiteralRules(string text, string expected)
    {
        var token = Single(text);
        Assert.Equal(Enum.Parse<TokenKind>(expected), token.Kind);
        Assert.Equal(text, token.Text);
    }

    [Fact]
    public void DecimalFollowedByALetter_FallsBackToTheIntegerPart()
    {
        // Spark's isValidDecimal: "2.3W" is not a decimal, so the lexer yields 2, '.', 3W.
        var tokens = Lex("2.3W");
        Assert.Equal([TokenKind.Integer, TokenKind.Dot, TokenKind.Word, TokenKind.EndOfInput], tokens.Select(t => t.Kind));
        Assert.Equal("3W", tokens[2].Text);
    }

    [Theory]
    [InlineData(@"'plain'", "plain")]
    [InlineData(@"""double""", "double")]
    [InlineData(@"'a\nb'", "a\nb")]
    [InlineData(@"'a\tb'", "a\tb")]
    [InlineData(@"'a\rb'", "a\rb")]
    [InlineData(@"'a\bb'", "a\bb")]
    [InlineData(@"'a\0b'", "a\0b")]
    [InlineData(@"'a\Zb'", "a\u001Ab")]
    [InlineData(@"'back\\slash'", @"back\slash")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"'\u00e9t\u00E9'", "été")]
    [InlineData(@"'\U0001F600'", "😀")]
    [InlineData(@"'\101\102'", "AB")]
    [InlineData(@"'100\%'", @"100\%")]
    [InlineData(@"'a\_b'", @"a\_b")]
    [InlineData(@"'\q'", "q")]
    [InlineData(@"R'C:\new\dir'", @"C:\new\dir")]
    [InlineData(@"r""raw \n""", @"raw \n")]
    public void Strings_ResolveSparksEscapes(string text, string expected)
    {
        var token = Single(text);
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(expected, token.Text);
    }

    [Fact]
    public void BackquotedIdentifier_UnescapesDoubledBackquotes()
    {
        var token = Single("`a``b c`");
        Assert.Equal(TokenKind.QuotedIdentifier, token.Kind);
        Assert.Equal("a`b c", token.Text);
    }

    [Theory]
    [InlineData("=", nameof(TokenKind.Equal))]
    [InlineData("==", nameof(TokenKind.Equal))]
    [InlineData("<=>", nameof(TokenKind.NullSafeEqual))]
    [InlineData("<>", nameof(TokenKind.NotEqual))]
    [InlineData("!=", nameof(TokenKind.NotEqual))]
    [InlineData("<=", nameof(TokenKind.LessThanOrEqual))]
    [InlineData("!>", nameof(TokenKind.LessThanOrEqual))]
    [InlineData(">=", nameof(TokenKind.GreaterThanOrEqual))]
    [InlineData("!<", nameof(TokenKind.GreaterThanOrEqual))]
    [InlineData("<<", nameof(TokenKind.ShiftLeft))]
    [InlineData(">>", nameof(TokenKind.ShiftRight))]
    [InlineData(">>>", nameof(TokenKind.ShiftRightUnsigned))]
    [InlineData("||", nameof(TokenKind.ConcatPipe))]
    [InlineData("|", nameof(TokenKind.Pipe))]
    [InlineData("::", nameof(TokenKind.DoubleColon))]
    [InlineData("->", nameof(TokenKind.Arrow))]
    [InlineData("=>", nameof(TokenKind.FatArrow))]
    [InlineData("!", nameof(TokenKind.Bang))]
    [InlineData("@", nameof(TokenKind.At))]
    [InlineData("#", nameof(TokenKind.Unrecognized))]
    public void Operators_AreLexedLongestFirst(string text, string expected) => Assert.Equal(Enum.Parse<TokenKind>(expected), Single(text).Kind);

    [Fact]
    public void Comments_AreSkipped_IncludingNestedBracketedCommentsAndHints()
    {
        var tokens = Lex("SELECT -- line comment\n 1 /* outer /* inner */ still outer */ + /*+ BROADCAST(t) */ 2 -- trailing");
        Assert.Equal(["SELECT", "1", "+", "2", ""], tokens.Select(t => t.Text));
    }

    [Fact]
    public void LineComment_ContinuesAfterBackslashNewline_AsInSpark()
    {
        var tokens = Lex("1 -- comment \\\n still comment\n2");
        Assert.Equal(["1", "2", ""], tokens.Select(t => t.Text));
        Assert.Equal(3, tokens[1].Line);
    }

    [Fact]
    public void Tokens_CarryOffsetLineAndColumn()
    {
        var tokens = Lex("SELECT\n  a,\n\t'x\ny' AS b");
        var a = tokens[1];
        Assert.Equal((9, 2, 3), (a.Offset, a.Line, a.Column));
        var str = tokens[3];
        Assert.Equal((3, 2), (str.Line, str.Column));
        var alias = tokens[5];
        Assert.Equal((4, 7), (alias.Line, alias.Column));
    }

    [Fact]
    public void Keywords_AreCaseInsensitiveWords()
    {
        var tokens = Lex("SeLeCt");
        Assert.True(tokens[0].IsWord("SELECT"));
    }
}
