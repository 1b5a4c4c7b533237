using System.Globalization;
using System.Text.RegularExpressions;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>
/// Judges the exception an engine threw for a version the corpus says must not be readable (README "How a test
/// should compare", step 2, refined by errorKind): unsupported-protocol → DeltaException
/// DELTA_UNSUPPORTED_FEATURES_FOR_READ; missing-data-file → an error whose message names the missing file;
/// version-not-reconstructable → a DeltaException (and a DELTA_VERSION_NOT_FOUND one names the available range);
/// any other kind → any exception that is not a programming error. Exceptions that signal a bug or an unfinished
/// path (NotImplementedException, NullReferenceException, IndexOutOfRangeException, …) never count as a refusal.
/// </summary>
internal static partial class ExpectedErrors
{
    public const string UnsupportedFeaturesForRead = "DELTA_UNSUPPORTED_FEATURES_FOR_READ";
    public const string VersionNotFound = "DELTA_VERSION_NOT_FOUND";

    /// <summary>Null when <paramref name="thrown"/> is the right refusal, else what is wrong.</summary>
    public static string? Check(DeltaExpectedVersion expected, Exception? thrown, string tableDir, long earliestVersion, long latestVersion)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var what = $"{expected.ErrorKind ?? "an error"} ({expected.ErrorReason})";
        if (thrown is null) return $"expected the read to fail with {what}, but it succeeded";
        if (IsProgrammingError(thrown))
            return $"expected {what}, but the engine failed with {Show(thrown)}, which is a bug or an unimplemented path, not a refusal";
        switch (expected.ErrorKind)
        {
            case "unsupported-protocol":
                return thrown is DeltaException { ErrorClass: UnsupportedFeaturesForRead }
                    ? null
                    : $"expected DeltaException {UnsupportedFeaturesForRead} ({expected.ErrorReason}), but got {Show(thrown)}";
            case "missing-data-file":
            {
                // The corpus names one missing file; a snapshot may miss several, and the engine may hit another
                // first. Any file the message names that is not in the table folder will do.
                var names = MissingFileNames(expected, tableDir);
                if (names.Any(n => thrown.Message.Contains(n, StringComparison.Ordinal)) || NamesAbsentFile(thrown.Message, tableDir))
                    return null;
                return $"expected an error naming a missing data file (e.g. {string.Join(" or ", names.DefaultIfEmpty("?"))}), but got {Show(thrown)}";
            }
            case "version-not-reconstructable":
                if (thrown is not DeltaException de) return $"expected a DeltaException ({what}), but got {Show(thrown)}";
                return de.ErrorClass == VersionNotFound ? RangeProblem(de, earliestVersion, latestVersion) : null;
            default:
                return null;
        }
    }

    /// <summary>Null when the message of a DELTA_VERSION_NOT_FOUND error names the available range (both ends as
    /// numbers), else what is missing.</summary>
    public static string? RangeProblem(DeltaException thrown, long earliestVersion, long latestVersion)
    {
        ArgumentNullException.ThrowIfNull(thrown);
        var missing = new List<string>();
        if (!NamesNumber(thrown.Message, earliestVersion)) missing.Add($"the earliest available version {earliestVersion}");
        if (!NamesNumber(thrown.Message, latestVersion)) missing.Add($"the latest version {latestVersion}");
        return missing.Count == 0 ? null : $"the {thrown.ErrorClass} message does not name {string.Join(" and ", missing)}: {thrown.Message}";
    }

    public static bool NamesNumber(string message, long number) =>
        Regex.IsMatch(message, $@"(?<![\d.]){number.ToString(CultureInfo.InvariantCulture)}(?!\d)", RegexOptions.CultureInvariant);

    public static bool IsProgrammingError(Exception e) =>
        e is NotImplementedException or NullReferenceException or IndexOutOfRangeException or InvalidCastException
            or KeyNotFoundException or DivideByZeroException;

    public static string Show(Exception e) => $"{e.GetType().Name}{(e is DeltaException d ? " " + d.ErrorClass : "")}: {e.Message}";

    /// <summary>File names the error must mention: the one errorReason names, and every expected active file that
    /// is not on disk.</summary>
    private static List<string> MissingFileNames(DeltaExpectedVersion expected, string tableDir)
    {
        var names = new List<string>();
        if (expected.ErrorReason is { } reason && MissingReason().Match(reason) is { Success: true } m)
            names.Add(Path.GetFileName(DeltaPaths.Decode(m.Groups[1].Value.Trim())));
        foreach (var f in expected.ActiveFiles ?? [])
            if (!File.Exists(DeltaPaths.FullPath(tableDir, f.Path)))
                names.Add(Path.GetFileName(f.DecodedPath));
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>True when the message names a data or deletion-vector file (…​.parquet / …​.bin) that exists nowhere
    /// under the table folder.</summary>
    private static bool NamesAbsentFile(string message, string tableDir)
    {
        var present = Directory.Exists(tableDir)
            ? Directory.EnumerateFiles(tableDir, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)
            : [];
        return FileNameToken().Matches(message).Any(m => !present.Contains(DeltaPaths.Decode(m.Value)));
    }

    [GeneratedRegex(@"[^\s'""()\[\]/\\]+\.(?:parquet|bin)(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex FileNameToken();

    [GeneratedRegex(@"missing:\s*(\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingReason();
}
