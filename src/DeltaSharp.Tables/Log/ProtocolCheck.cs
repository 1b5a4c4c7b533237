using System.Globalization;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// Reader gating (PROTOCOL.md "Table Features", "Reader Version Requirements"): a table is read only when its
/// reader version and every reader feature are implemented here; otherwise DeltaException
/// DELTA_UNSUPPORTED_FEATURES_FOR_READ is raised before any data is read. Stateless.
/// </summary>
internal static class ProtocolCheck
{
    /// <summary>The highest reader version this engine implements.</summary>
    public const int MaxReaderVersion = 3;

    /// <summary>Reader features implemented by the read path.</summary>
    public static IReadOnlyList<string> SupportedReaderFeatures { get; } =
    [
        "columnMapping",
        "deletionVectors",
        "timestampNtz",
        "v2Checkpoint",
        "vacuumProtocolCheck",
        "typeWidening",
        "typeWidening-preview",
    ];

    /// <summary>Throws DELTA_UNSUPPORTED_FEATURES_FOR_READ when <paramref name="protocol"/> asks for a reader version
    /// or reader feature this engine does not implement. <paramref name="table"/> names the table in the message.</summary>
    public static void EnsureReadable(Protocol protocol, string table)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.MinReaderVersion < 1 || protocol.MinReaderVersion > MaxReaderVersion)
        {
            throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_READ",
                string.Create(CultureInfo.InvariantCulture,
                    $"Unable to read the table at {table}: it requires Delta reader version {protocol.MinReaderVersion} (writer version {protocol.MinWriterVersion}), ") +
                string.Create(CultureInfo.InvariantCulture,
                    $"but DeltaSharp supports reader versions 1 to {MaxReaderVersion} with reader features {string.Join(", ", SupportedReaderFeatures)}. ") +
                "Use an engine that supports this protocol version.");
        }
        if (protocol.MinReaderVersion < 3) return; // versions 1 and 2 imply no reader features beyond column mapping
        var unsupported = new List<string>();
        foreach (var feature in protocol.ReaderFeatures ?? [])
            if (!SupportedReaderFeatures.Contains(feature, StringComparer.Ordinal) && !unsupported.Contains(feature))
                unsupported.Add(feature);
        if (unsupported.Count > 0)
        {
            throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_READ",
                $"Unable to read the table at {table}: it requires reader table feature(s) that DeltaSharp does not support: {string.Join(", ", unsupported)}. " +
                $"Supported reader features: {string.Join(", ", SupportedReaderFeatures)}. Use an engine that supports these features.");
        }
    }
}
