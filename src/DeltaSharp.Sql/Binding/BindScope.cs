using DeltaSharp.Types;

namespace DeltaSharp.Sql.Binding;

/// <summary>
/// A column visible to name resolution: column <see cref="Ordinal"/> of the current plan's output, reachable as
/// <c>name</c> or, with a qualifier, <c>q.name</c> / <c>db.q.name</c> (any suffix of <see cref="Qualifier"/>).
/// Hidden columns (the other side's copy of a USING key) answer only to a qualified name and are left out of
/// <c>*</c>.
/// </summary>
internal sealed record ScopeColumn(int Ordinal, string Name, DataType Type, bool Nullable, IReadOnlyList<string> Qualifier, bool Hidden = false)
{
    /// <summary><c>`q`.`name`</c>, as Spark prints candidates.</summary>
    public string SqlId => string.Join('.', Qualifier.Append(Name).Select(p => "`" + p.Replace("`", "``", StringComparison.Ordinal) + "`"));
}

/// <summary>
/// The names visible at one point of a query: the columns of the current relation, and the enclosing query's scope
/// for correlated references. Immutable.
/// </summary>
internal sealed class BindScope(IReadOnlyList<ScopeColumn> columns, BindScope? outer = null)
{
    public static BindScope Empty { get; } = new([]);

    public IReadOnlyList<ScopeColumn> Columns { get; } = columns;

    /// <summary>The scope of the enclosing query (for correlated subqueries), or null.</summary>
    public BindScope? Outer { get; } = outer;

    public BindScope WithOuter(BindScope? outer) => new(Columns, outer);

    /// <summary>The same columns under a new qualifier (an alias).</summary>
    public BindScope Requalify(IReadOnlyList<string> qualifier) =>
        new(Columns.Select(c => c with { Qualifier = qualifier }).ToArray(), Outer);

    /// <summary>Outcome of resolving a name in one scope.</summary>
    public enum Match
    {
        None,
        Found,
        Ambiguous,
    }

    /// <summary>
    /// Resolves <paramref name="parts"/> as Spark does: first as <c>qualifier.column[.field…]</c> (the longest
    /// qualifier that matches), then as <c>column[.field…]</c>. Names compare case-insensitively.
    /// </summary>
    public Match Resolve(IReadOnlyList<string> parts, out ScopeColumn? column, out IReadOnlyList<string> fieldPath, out IReadOnlyList<ScopeColumn> candidates)
    {
        column = null;
        fieldPath = [];
        candidates = [];
        for (var k = Math.Min(parts.Count - 1, 3); k >= 1; k--)
        {
            var found = new List<ScopeColumn>();
            foreach (var c in Columns)
                if (QualifierMatches(c.Qualifier, parts, k) && Eq(c.Name, parts[k])) found.Add(c);
            if (found.Count == 0) continue;
            candidates = found;
            if (found.Count > 1) return Match.Ambiguous;
            column = found[0];
            fieldPath = parts.Skip(k + 1).ToArray();
            return Match.Found;
        }
        var byName = new List<ScopeColumn>();
        foreach (var c in Columns)
            if (!c.Hidden && Eq(c.Name, parts[0])) byName.Add(c);
        candidates = byName;
        if (byName.Count == 0) return Match.None;
        if (byName.Count > 1) return Match.Ambiguous;
        column = byName[0];
        fieldPath = parts.Skip(1).ToArray();
        return Match.Found;
    }

    /// <summary>The columns of a <c>q.*</c> (all visible columns for <c>*</c>); null when no column has the qualifier.</summary>
    public IReadOnlyList<ScopeColumn>? Star(IReadOnlyList<string> qualifier)
    {
        if (qualifier.Count == 0) return Columns.Where(c => !c.Hidden).ToArray();
        var result = Columns.Where(c => c.Qualifier.Count >= qualifier.Count && QualifierMatches(c.Qualifier, [.. qualifier, ""], qualifier.Count)).ToArray();
        // t.* of a USING join shows t's copy of the key: prefer hidden over merged columns with the same name.
        return result.Length == 0 ? null : result;
    }

    private static bool QualifierMatches(IReadOnlyList<string> qualifier, IReadOnlyList<string> parts, int k)
    {
        if (qualifier.Count < k) return false;
        var offset = qualifier.Count - k;
        for (var i = 0; i < k; i++)
            if (!Eq(qualifier[offset + i], parts[i])) return false;
        return true;
    }

    private static bool Eq(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
