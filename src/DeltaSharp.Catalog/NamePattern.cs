using System.Text.RegularExpressions;

namespace DeltaSharp.Catalog;

/// <summary>
/// The pattern of <c>SHOW TABLES LIKE 'pattern'</c> (and SHOW SCHEMAS/CATALOGS), as Spark's
/// <c>StringUtils.filterPattern</c> reads it: the whole pattern is trimmed, <c>|</c> separates alternatives,
/// <c>*</c> matches any characters, everything else is a regular expression; the match is case-insensitive and covers
/// the whole name; an alternative that is not a valid regular expression matches nothing. Immutable and thread-safe.
/// </summary>
public sealed class NamePattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex[] _alternatives;

    private NamePattern(Regex[] alternatives) => _alternatives = alternatives;

    /// <summary>The pattern's text as given.</summary>
    public string Text { get; private init; } = "";

    public static NamePattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var alternatives = new List<Regex>();
        foreach (var part in pattern.Trim().Split('|'))
        {
            try
            {
                var regex = @"\A(?:" + part.Replace("*", ".*", StringComparison.Ordinal) + @")\z";
                alternatives.Add(new Regex(regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout));
            }
            catch (ArgumentException)
            {
                // Spark drops an alternative whose regular expression does not compile (PatternSyntaxException).
            }
        }
        return new NamePattern([.. alternatives]) { Text = pattern };
    }

    /// <summary>True when any alternative matches the whole of <paramref name="name"/>.</summary>
    public bool Matches(string name)
    {
        foreach (var regex in _alternatives)
        {
            try
            {
                if (regex.IsMatch(name)) return true;
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological pattern on a 255-character name: treat as no match rather than hang SHOW TABLES.
            }
        }
        return false;
    }

    public override string ToString() => Text;
}
