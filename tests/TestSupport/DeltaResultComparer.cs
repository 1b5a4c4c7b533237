using System.Text;
using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>
/// Compares an engine's read of a table version with an expected result (a corpus expected file or the
/// delta-replay oracle's output) as the corpus README "How a test should compare" says: schema (names in order,
/// Delta type names, nullability), partition columns, numRows, the row multiset (type-guided, see
/// <see cref="JsonRowComparer"/>), columnStats when rows are absent (rows are skipped when the actual side read only
/// the snapshot), and the snapshot's active files as a set of
/// (URL-decoded path, DV uniqueId) with each file's DV cardinality and partition values. Returns every difference
/// found, so one run shows all that is wrong; <see cref="AssertNoDifferences"/> turns them into a failure, or into warnings for
/// an unverified expected result.
/// </summary>
internal static class DeltaResultComparer
{
    private const int MaxListedFiles = 10;

    /// <summary>Every difference between <paramref name="expected"/> and <paramref name="actual"/>; empty when they
    /// agree. <paramref name="expected"/> must not be an error expectation.</summary>
    public static IReadOnlyList<string> Compare(DeltaExpectedVersion expected, DeltaActualVersion actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.ExpectError)
            throw new ArgumentException($"Version {expected.Version} expects an error ({expected.ErrorKind}); there is nothing to compare.", nameof(expected));
        var diffs = new List<string>();
        if (expected.Version != actual.Version)
            diffs.Add($"version: expected {expected.Version} but the snapshot is at {actual.Version}");
        CompareSchema(expected, actual, diffs);
        ComparePartitionColumns(expected, actual, diffs);
        if (actual.Rows is { } rows)
        {
            if (expected.NumRows is { } n && n != rows.Count)
                diffs.Add($"numRows: expected {n} but the scan returned {rows.Count} visible rows");
            if (expected.Rows is not null)
            {
                var rowDiff = JsonRowComparer.Compare(expected.Rows, rows, expected.Schema, RowOrder.Multiset);
                if (rowDiff is not null) diffs.Add("rows: " + rowDiff);
            }
            else if (expected.ColumnStats is not null)
            {
                CompareStats(expected, rows, diffs);
            }
        }
        if (expected.ActiveFiles is not null && actual.ActiveFiles is not null)
            CompareActiveFiles(expected.ActiveFiles, actual.ActiveFiles, diffs);
        else if (expected.NumActiveFiles is { } nf && actual.ActiveFiles is not null && nf != actual.ActiveFiles.Count)
            diffs.Add($"numActiveFiles: expected {nf} but the snapshot has {actual.ActiveFiles.Count}");
        return diffs;
    }

    /// <summary>Fails the test when there are differences and the expectation is verified; for an unverified one,
    /// writes them to <paramref name="warn"/> as warnings and passes.</summary>
    public static void AssertNoDifferences(DeltaExpectedVersion expected, IReadOnlyList<string> differences, string subject, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentNullException.ThrowIfNull(warn);
        if (differences.Count == 0) return;
        var text = Describe(differences, subject);
        if (expected.Verified)
        {
            Assert.Fail(text);
        }
        else
        {
            warn($"WARNING (expected result is unverified: {string.Join("; ", expected.VerificationReasons)}):\n{text}");
        }
    }

    public static string Describe(IReadOnlyList<string> differences, string subject)
    {
        var sb = new StringBuilder();
        sb.Append(subject).Append(": ").Append(differences.Count).Append(" difference(s)");
        foreach (var d in differences) sb.Append("\n- ").Append(d);
        return sb.ToString();
    }

    private static void CompareSchema(DeltaExpectedVersion expected, DeltaActualVersion actual, List<string> diffs)
    {
        if (expected.Columns is null) return;
        var fields = actual.Schema.Fields;
        var expectedNames = string.Join(", ", expected.Columns.Select(c => c.Name));
        var actualNames = string.Join(", ", fields.Select(f => f.Name));
        if (expectedNames != actualNames)
        {
            diffs.Add($"schema columns: expected [{expectedNames}] but was [{actualNames}]");
            return;
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var e = expected.Columns[i];
            var a = fields[i];
            if (e.PrimitiveName is { } name)
            {
                if (!a.Type.IsPrimitive || a.Type.DeltaName != name)
                    diffs.Add($"schema column '{e.Name}': expected type {name} but was {TypeText(a.Type)}");
            }
            else if (!e.Type.Equals(a.Type))
            {
                diffs.Add($"schema column '{e.Name}': expected type {e.TypeJson} ({TypeText(e.Type)}) but was {TypeText(a.Type)}");
            }
            if (e.Nullable != a.Nullable)
                diffs.Add($"schema column '{e.Name}': expected nullable={e.Nullable} but was nullable={a.Nullable}");
        }
    }

    private static void ComparePartitionColumns(DeltaExpectedVersion expected, DeltaActualVersion actual, List<string> diffs)
    {
        if (expected.PartitionColumns is null) return;
        if (!expected.PartitionColumns.SequenceEqual(actual.PartitionColumns, StringComparer.Ordinal))
            diffs.Add($"partitionColumns: expected [{string.Join(", ", expected.PartitionColumns)}] but was [{string.Join(", ", actual.PartitionColumns)}]");
    }

    private static void CompareStats(DeltaExpectedVersion expected, IReadOnlyList<string> rows, List<string> diffs)
    {
        var schema = expected.Schema;
        foreach (var (column, stats) in expected.ColumnStats!)
        {
            var index = schema?.Fields.ToList().FindIndex(f => f.Name == column) ?? -1;
            if (index < 0)
            {
                diffs.Add($"columnStats '{column}': the expected schema has no such column");
                continue;
            }
            var type = schema![index].Type;
            diffs.AddRange(DeltaColumnStats.Compare(column, type, stats, DeltaColumnStats.Compute(rows, column, type)));
        }
    }

    private static void CompareActiveFiles(IReadOnlyList<ExpectedActiveFile> expected, IReadOnlyList<ActualActiveFile> actual, List<string> diffs)
    {
        var actualByKey = new Dictionary<(string, string?), ActualActiveFile>();
        foreach (var a in actual)
            if (!actualByKey.TryAdd((a.DecodedPath, a.DvUniqueId), a))
                diffs.Add($"activeFiles: the snapshot lists ({a.DecodedPath}, DV {a.DvUniqueId ?? "none"}) more than once");
        var missing = new List<string>();
        var matched = new HashSet<(string, string?)>();
        foreach (var e in expected)
        {
            var key = (e.DecodedPath, e.DeletionVector?.UniqueId);
            if (!actualByKey.TryGetValue(key, out var a))
            {
                missing.Add(FileText(e.DecodedPath, e.DeletionVector?.UniqueId));
                continue;
            }
            matched.Add(key);
            if (e.DeletionVector is { } dv && a.DvCardinality != dv.Cardinality)
                diffs.Add($"activeFiles {FileText(e.DecodedPath, dv.UniqueId)}: DV cardinality expected {dv.Cardinality} but was {a.DvCardinality}");
            if (!SamePartitionValues(e.PartitionValues, a.PartitionValues))
                diffs.Add($"activeFiles {FileText(e.DecodedPath, e.DeletionVector?.UniqueId)}: partitionValues expected {PvText(e.PartitionValues)} but was {PvText(a.PartitionValues)}");
        }
        var extra = actualByKey.Where(kv => !matched.Contains(kv.Key)).Select(kv => FileText(kv.Key.Item1, kv.Key.Item2)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            diffs.Add($"activeFiles: expected {expected.Count} files, snapshot has {actual.Count}; " +
                      $"{missing.Count} expected (path, DV) pair(s) missing [{Listed(missing)}], " +
                      $"{extra.Count} unexpected [{Listed(extra)}]");
        }
    }

    private static bool SamePartitionValues(IReadOnlyDictionary<string, string?> e, IReadOnlyDictionary<string, string?> a) =>
        e.Count == a.Count && e.All(kv => a.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static string PvText(IReadOnlyDictionary<string, string?> pv) =>
        "{" + string.Join(", ", pv.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value ?? "null"}")) + "}";

    private static string FileText(string path, string? dv) => dv is null ? path : $"{path} (DV {dv})";

    private static string Listed(List<string> items) =>
        string.Join(", ", items.Take(MaxListedFiles)) + (items.Count > MaxListedFiles ? $", … {items.Count - MaxListedFiles} more" : "");

    private static string TypeText(DataType t) => t.IsPrimitive ? t.DeltaName : t.SimpleString + Nullability(t);

    // SimpleString hides nested nullability; show it so a containsNull/valueContainsNull/nullable mismatch is visible.
    private static string Nullability(DataType t) => t switch
    {
        StructType s => " {" + string.Join(", ", s.Fields.Select(f => $"{f.Name}{(f.Nullable ? "" : " not null")}{Nullability(f.Type)}")) + "}",
        ArrayType a => $" {{containsNull={a.ContainsNull}{Nullability(a.ElementType)}}}",
        MapType m => $" {{valueContainsNull={m.ValueContainsNull}{Nullability(m.KeyType)}{Nullability(m.ValueType)}}}",
        _ => "",
    };
}
