using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// The protocol of a replaced table: REPLACE never downgrades (Delta merges the new table's protocol into the
/// existing one). Two legacy protocols merge to the higher versions; otherwise the result uses table features
/// (writer 7, reader 3 when a reader feature is listed) with the union of both feature sets, a legacy side
/// contributing the features its versions imply (PROTOCOL.md "Table Features"). Stateless.
/// </summary>
internal static class ProtocolMerge
{
    public static Protocol Merge(Protocol existing, Protocol next)
    {
        if (!existing.SupportsWriterFeatures && !next.SupportsWriterFeatures && !existing.SupportsReaderFeatures && !next.SupportsReaderFeatures)
            return new Protocol(Math.Max(existing.MinReaderVersion, next.MinReaderVersion), Math.Max(existing.MinWriterVersion, next.MinWriterVersion));
        var writer = new List<string>();
        var reader = new List<string>();
        foreach (var p in new[] { existing, next })
        {
            foreach (var f in p.SupportsWriterFeatures ? p.WriterFeatures ?? [] : ProtocolUpgrade.ImpliedWriterFeatures(p.MinWriterVersion))
                if (!writer.Contains(f)) writer.Add(f);
            foreach (var f in p.SupportsReaderFeatures ? p.ReaderFeatures ?? [] : ProtocolUpgrade.ImpliedReaderFeatures(p.MinReaderVersion))
                if (!reader.Contains(f)) reader.Add(f);
        }
        var readerVersion = reader.Count > 0 ? 3 : Math.Max(existing.MinReaderVersion, next.MinReaderVersion);
        return new Protocol(readerVersion, 7, readerVersion >= 3 ? reader : null, writer);
    }

    /// <summary>Same versions and feature sets (order ignored).</summary>
    public static bool SameAs(Protocol a, Protocol b) =>
        a.MinReaderVersion == b.MinReaderVersion && a.MinWriterVersion == b.MinWriterVersion
        && SameSet(a.ReaderFeatures, b.ReaderFeatures) && SameSet(a.WriterFeatures, b.WriterFeatures);

    private static bool SameSet(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.Count == b.Count && a.All(b.Contains));
}
