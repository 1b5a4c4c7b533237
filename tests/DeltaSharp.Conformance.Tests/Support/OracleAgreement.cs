using DeltaSharp.Tables;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>
/// Checks that DeltaSharp reads a table exactly as the independent delta-replay oracle does, version by version:
/// the same refusals, and otherwise the same schema, partition columns, rows (after deletion vectors) and active
/// files (<see cref="DeltaResultComparer"/>). Differences from an unverified oracle result are warnings, unless
/// <c>strict</c>: for tables DeltaSharp wrote, "unverified" means the oracle's replay routes disagree (e.g. a
/// checkpoint that does not match the JSON commits), which is itself a failure.
/// </summary>
internal static class OracleAgreement
{
    /// <summary>Compares every version from <paramref name="fromVersion"/> to the latest; fails once, listing every
    /// disagreeing version. Returns the oracle's result per version (one oracle run per version: callers check their
    /// hand-computed rows against these instead of running the oracle again).</summary>
    public static IReadOnlyDictionary<long, DeltaExpectedVersion> AssertAtEveryVersion(string tableDir, Action<string> log, long fromVersion = 0, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(log);
        var latest = DeltaTable.ForPath(tableDir, EngineReader.ConformanceOptions).Latest().Version;
        var failures = new List<string>();
        var results = new Dictionary<long, DeltaExpectedVersion>();
        for (var v = fromVersion; v <= latest; v++)
        {
            var oracle = DeltaReplay.Read(tableDir, v);
            results[v] = oracle;
            var problem = Disagreement(tableDir, v, oracle, log, strict);
            if (problem is not null) failures.Add(problem);
        }
        if (failures.Count > 0)
            Assert.Fail($"DeltaSharp and delta-replay disagree on {failures.Count} of {latest - fromVersion + 1} version(s) of {tableDir}:\n" +
                        string.Join("\n", failures));
        log($"{tableDir}: versions {fromVersion}..{latest} agree with delta-replay");
        return results;
    }

    /// <summary>Fails unless the oracle read <paramref name="version"/> as exactly <paramref name="rows"/> (a
    /// multiset, corpus JSON conventions).</summary>
    public static void AssertOracleRows(IReadOnlyDictionary<long, DeltaExpectedVersion> results, long version, StructType schema, params string[] rows)
    {
        ArgumentNullException.ThrowIfNull(results);
        Assert.True(results.TryGetValue(version, out var oracle), $"no oracle result for version {version}");
        Assert.False(oracle.ExpectError, $"v{version}: delta-replay refused the table: {oracle.ErrorKind} {oracle.ErrorReason}");
        var message = JsonRowComparer.Compare(rows, oracle.Rows!, schema, RowOrder.Multiset);
        if (message is not null) Assert.Fail($"v{version}: delta-replay's rows are not the hand-computed ones. {message}");
    }

    /// <summary>Null when the engine agrees with the oracle's result <paramref name="oracle"/> for
    /// <paramref name="version"/>, else a description.</summary>
    public static string? Disagreement(string tableDir, long version, DeltaExpectedVersion oracle, Action<string> log, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(log);
        if (strict && !oracle.Verified)
            return $"v{version}: delta-replay could not verify its reading ({string.Join("; ", oracle.VerificationReasons)})";
        if (oracle.ExpectError)
        {
            var thrown = Record.Exception(() => EngineReader.Read(tableDir, version));
            var problem = ExpectedErrors.Check(oracle, thrown, tableDir, 0, version);
            return problem is null ? null : $"v{version}: {problem}";
        }
        DeltaActualVersion actual;
        try
        {
            actual = EngineReader.Read(tableDir, version);
        }
        catch (Exception e)
        {
            return $"v{version}: delta-replay reads {oracle.NumRows} rows but DeltaSharp failed: {e}";
        }
        var differences = DeltaResultComparer.Compare(oracle, actual);
        if (differences.Count == 0) return null;
        if (!oracle.Verified)
        {
            log($"WARNING (delta-replay result is unverified: {string.Join("; ", oracle.VerificationReasons)}):\n" +
                DeltaResultComparer.Describe(differences, $"v{version}"));
            return null;
        }
        return DeltaResultComparer.Describe(differences, $"v{version}");
    }
}
