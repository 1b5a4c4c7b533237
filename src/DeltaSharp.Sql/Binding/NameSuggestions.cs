namespace DeltaSharp.Sql.Binding;

/// <summary>
/// Spark's "Did you mean one of the following?" list: candidate identifiers ordered by Levenshtein distance to the
/// unresolved name (comparing only the last part when the name has a single part), the closest five.
/// </summary>
internal static class NameSuggestions
{
    public static IReadOnlyList<string> Order(IReadOnlyList<string> nameParts, IEnumerable<ScopeColumn> candidates)
    {
        var baseName = string.Join('.', nameParts);
        var multiPart = nameParts.Count > 1;
        return candidates
            .Select((c, i) => (Id: c.SqlId, Key: multiPart ? Levenshtein(string.Join('.', c.Qualifier.Append(c.Name)), baseName) : Levenshtein(c.Name, baseName), Index: i))
            .OrderBy(x => x.Key)
            .ThenBy(x => x.Index)
            .Select(x => x.Id)
            .Distinct(StringComparer.Ordinal)
            .Take(5)
            .ToArray();
    }

    public static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary><c>`a`.`b`</c>.</summary>
    public static string SqlId(IEnumerable<string> parts) =>
        string.Join('.', parts.Select(p => "`" + p.Replace("`", "``", StringComparison.Ordinal) + "`"));
}
