namespace DeltaSharp.Tables.Constraints;

/// <summary>
/// Whether the SQL text of a CHECK constraint names a column, found without an expression parser: the text is split
/// into identifiers (plain words and <c>`quoted`</c> names; string literals skipped) and a dotted chain of them that
/// starts with the column's path (case-insensitive) counts as a reference. Conservative for ALTER TABLE RENAME / DROP
/// COLUMN, which must not leave a constraint naming a missing column. Stateless.
/// </summary>
internal static class ConstraintReferences
{
    public static bool Mentions(string expression, IReadOnlyList<string> path)
    {
        foreach (var chain in Chains(expression))
        {
            if (chain.Count < path.Count) continue;
            var match = true;
            for (var i = 0; i < path.Count && match; i++) match = string.Equals(chain[i], path[i], StringComparison.OrdinalIgnoreCase);
            if (match) return true;
            // A qualified reference (t.col) also names the column.
            if (chain.Count > path.Count && string.Equals(chain[1], path[0], StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static List<List<string>> Chains(string text)
    {
        var chains = new List<List<string>>();
        List<string>? current = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                i = SkipString(text, i);
                current = null;
            }
            else if (c == '`')
            {
                var end = text.IndexOf('`', i + 1);
                while (end >= 0 && end + 1 < text.Length && text[end + 1] == '`') end = text.IndexOf('`', end + 2);
                if (end < 0) end = text.Length;
                var name = text[(i + 1)..Math.Min(end, text.Length)].Replace("``", "`", StringComparison.Ordinal);
                Append(ref current, chains, name);
                i = end + 1;
                current = ContinuesWithDot(text, ref i) ? current : null;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                Append(ref current, chains, text[start..i]);
                current = ContinuesWithDot(text, ref i) ? current : null;
            }
            else
            {
                i++;
                current = null;
            }
        }
        return chains;
    }

    private static void Append(ref List<string>? current, List<List<string>> chains, string name)
    {
        if (current is null)
        {
            current = [];
            chains.Add(current);
        }
        current.Add(name);
    }

    private static bool ContinuesWithDot(string text, ref int i)
    {
        if (i < text.Length && text[i] == '.')
        {
            i++;
            return true;
        }
        return false;
    }

    private static int SkipString(string text, int i)
    {
        var quote = text[i++];
        while (i < text.Length)
        {
            if (text[i] == '\\') { i += 2; continue; }
            if (text[i] == quote) return i + 1;
            i++;
        }
        return i;
    }
}
