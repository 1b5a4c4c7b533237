using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>
/// Checks that DeltaSharp reads a table exactly as the independent delta-replay oracle does, version by version:
/// the same refusals, and otherwise the same schema, partition columns, rows (after deletion vectors) and active
/// files (<see cref="DeltaResultComparer"/>). Differences from an unverified oracle result are warnings.
/// </summary>
internal static class OracleAgreement
{
    /// <summary>Compares every version from <paramref name="fromVersion"/> to the latest; fails once, listing every
    /// disagreeing version.</summary>
    public static void AssertAtEveryVersion(string tableDir, Action<string> log, long fromVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(log);
        var latest = DeltaTable.ForPath(tableDir, EngineReader.ConformanceOptions).Latest().Version;
        var failures = new List<string>();
        for (var v = fromVersion; v <= latest; v++)
        {
            var problem = Disagreement(tableDir, v, log);
            if (problem is not null) failures.Add(problem);
        }
        if (failures.Count > 0)
            Assert.Fail($"DeltaSharp and delta-replay disagree on {failures.Count} of {latest - fromVersion + 1} version(s) of {tableDir}:\n" +
                        string.Join("\n", failures));
        log($"{tableDir}: versions {fromVersion}..{latest} agree with delta-replay");
    }

    /// <summary>Null when the engine and the oracle agree on <paramref name="version"/>, else a description.</summary>
    public static string? Disagreement(string tableDir, long version, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var oracle = DeltaReplay.Read(tableDir, version);
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
