namespace DeltaSharp.Catalog.Tests;

/// <summary>SHOW TABLES LIKE patterns as Spark's StringUtils.filterPattern reads them.</summary>
public sealed class NamePatternTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", true)]
    [InlineData("claims*", "claims_2025", true)]
    [InlineData("claims*", "old_claims", false)]
    [InlineData("*claims*", "old_claims_2025", true)]
    [InlineData("CLAIMS", "claims", true)]
    [InlineData("claims", "claims_2025", false)]
    [InlineData("a|b", "b", true)]
    [InlineData("a|b", "ab", false)]
    [InlineData("a |b", "a", false)]       // only the whole pattern is trimmed, not each alternative
    [InlineData(" a|b ", "a", true)]
    [InlineData("t[0-9]+", "t42", true)]
    [InlineData("t.", "tx", true)]
    [InlineData("(", "(", false)]
    [InlineData("(|x", "x", true)]
    public void Matches_FollowsSparkFilterPattern(string pattern, string name, bool expected) =>
        Assert.Equal(expected, NamePattern.Parse(pattern).Matches(name));

    [Fact]
    public void Matches_IsNotFooledByATrailingNewline() =>
        Assert.False(NamePattern.Parse("t").Matches("t\n"));
}
