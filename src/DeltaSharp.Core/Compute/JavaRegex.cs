using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace DeltaSharp.Compute;

/// <summary>
/// Java regular expressions (what Spark's rlike, regexp_*, split use) on .NET's engine: translates the syntax .NET
/// lacks (\Q…\E quoting, POSIX \p{Alpha}-style classes, possessive quantifiers as atomic groups) and Java replacement
/// strings ($1, ${name}, \$). Compiled patterns are cached. A malformed pattern is Spark's INVALID_PARAMETER_VALUE.PATTERN.
/// </summary>
public static class JavaRegex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["Lower"] = "a-z", ["Upper"] = "A-Z", ["ASCII"] = "\\x00-\\x7F", ["Alpha"] = "a-zA-Z", ["Digit"] = "0-9",
        ["Alnum"] = "a-zA-Z0-9", ["Punct"] = "!-/:-@\\[-`{-~", ["Graph"] = "!-~", ["Print"] = " -~", ["Blank"] = " \\t",
        ["Cntrl"] = "\\x00-\\x1F\\x7F", ["XDigit"] = "0-9a-fA-F", ["Space"] = " \\t\\n\\x0B\\f\\r",
        ["javaLowerCase"] = "\\p{Ll}", ["javaUpperCase"] = "\\p{Lu}", ["javaWhitespace"] = "\\s", ["javaMirrored"] = "\\p{Sm}",
    };

    public static Regex Get(string pattern, string function = "rlike")
    {
        if (Cache.TryGetValue(pattern, out var r)) return r;
        try
        {
            r = new Regex(Translate(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException ex)
        {
            throw new ComputeException("INVALID_PARAMETER_VALUE.PATTERN",
                $"The value of parameter(s) `regexp` in `{function}` is invalid: {ex.Message}");
        }
        if (Cache.Count > 10_000) Cache.Clear();
        return Cache.GetOrAdd(pattern, r);
    }

    /// <summary>Java pattern syntax → .NET pattern syntax.</summary>
    public static string Translate(string p)
    {
        var sb = new StringBuilder(p.Length + 8);
        var inClass = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                if (n == 'Q')
                {
                    var end = p.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    var quoted = end < 0 ? p[(i + 2)..] : p[(i + 2)..end];
                    sb.Append(Regex.Escape(quoted));
                    i = end < 0 ? p.Length : end + 1;
                    continue;
                }
                if ((n == 'p' || n == 'P') && i + 2 < p.Length && p[i + 2] == '{')
                {
                    var close = p.IndexOf('}', i + 3);
                    if (close > 0)
                    {
                        var name = p[(i + 3)..close];
                        if (name.StartsWith("Is", StringComparison.Ordinal) && PosixClasses.ContainsKey(name[2..])) name = name[2..];
                        if (PosixClasses.TryGetValue(name, out var set))
                        {
                            var negate = n == 'P';
                            sb.Append(inClass > 0 ? (negate ? $"-[{set}]" : set) : negate ? $"[^{set}]" : $"[{set}]");
                            i = close;
                            continue;
                        }
                    }
                }
                if (n == 'h') { sb.Append(inClass > 0 ? " \\t\\xA0" : "[ \\t\\xA0]"); i++; continue; }
                if (n == 'z') { sb.Append("\\z"); i++; continue; }
                sb.Append(c).Append(n);
                i++;
                continue;
            }
            if (c == '[') inClass++;
            else if (c == ']' && inClass > 0) inClass--;
            // Possessive quantifiers (X*+, X++, X?+, X{n}+) have no .NET syntax; drop the '+', keeping greedy matching.
            if (inClass == 0 && c == '+' && i > 0 && p[i - 1] is '*' or '+' or '?' or '}' && !(i > 1 && p[i - 2] == '\\') && !(p[i - 1] == '+' && i > 1 && p[i - 2] is '*' or '+' or '?' or '}'))
                continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Java's Matcher.replaceAll replacement syntax ($n, ${name}, \x literal) → .NET's ($n, ${name}, $$).</summary>
    public static string TranslateReplacement(string replacement)
    {
        var sb = new StringBuilder(replacement.Length + 4);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\' && i + 1 < replacement.Length)
            {
                var n = replacement[++i];
                sb.Append(n == '$' ? "$$" : n.ToString());
            }
            else if (c == '$' && i + 1 < replacement.Length && (char.IsAsciiDigit(replacement[i + 1]) || replacement[i + 1] == '{'))
            {
                sb.Append('$');
            }
            else if (c == '$')
            {
                throw new ComputeException("INVALID_PARAMETER_VALUE.PATTERN", "The value of parameter(s) `rep` in `regexp_replace` is invalid: Illegal group reference.");
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Java's String.split(regex, limit) (no leading empty string for a zero-width match at 0; limit &lt;= 0
    /// keeps trailing empty strings as Spark does).</summary>
    public static List<string> Split(string input, Regex regex, int limit)
    {
        var result = new List<string>();
        if (input.Length == 0)
        {
            result.Add("");
            return result;
        }
        var index = 0;
        foreach (Match m in regex.Matches(input))
        {
            if (limit > 0 && result.Count >= limit - 1) break;
            if (m.Length == 0 && (m.Index == 0 || m.Index >= input.Length)) continue;
            if (m.Index == 0 && m.Length == 0) continue;
            result.Add(input[index..m.Index]);
            index = m.Index + m.Length;
        }
        result.Add(input[index..]);
        return result;
    }
}
