using System.Text;

namespace DeltaSharp.Tables.Actions;

/// <summary>
/// Shares identical strings and partition-value maps while a log is read: partition column names and values repeat
/// on every add of a partition, so 100,000 adds of 20 partitions hold 20 maps, not 100,000 (less memory, less GC
/// while a snapshot is built). Lookups are by UTF-8 bytes, so a hit allocates nothing. Bounded; past the bound it
/// stops adding (still correct). Not thread-safe: one per replay.
/// </summary>
internal sealed class Utf8Interner
{
    private const int MaxStrings = 4096;
    private const int MaxMaps = 4096;
    private const int MaxEntryBytes = 256;

    private readonly Dictionary<byte[], string> _strings = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], IReadOnlyDictionary<string, string?>> _maps = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _stringLookup;
    private readonly Dictionary<byte[], IReadOnlyDictionary<string, string?>>.AlternateLookup<ReadOnlySpan<byte>> _mapLookup;

    public Utf8Interner()
    {
        _stringLookup = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();
        _mapLookup = _maps.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The string of these UTF-8 bytes (shared when short and seen before).</summary>
    public string String(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxEntryBytes) return Encoding.UTF8.GetString(utf8);
        if (_stringLookup.TryGetValue(utf8, out var s)) return s;
        s = Encoding.UTF8.GetString(utf8);
        if (_strings.Count < MaxStrings) _strings[utf8.ToArray()] = s;
        return s;
    }

    /// <summary>A map seen before under the same <paramref name="signature"/> (bytes that identify its content).</summary>
    public bool TryGetMap(ReadOnlySpan<byte> signature, out IReadOnlyDictionary<string, string?> map)
    {
        if (signature.Length <= MaxEntryBytes && _mapLookup.TryGetValue(signature, out map!)) return true;
        map = SmallStringMap.Empty;
        return false;
    }

    public void AddMap(ReadOnlySpan<byte> signature, IReadOnlyDictionary<string, string?> map)
    {
        if (signature.Length <= MaxEntryBytes && _maps.Count < MaxMaps) _maps[signature.ToArray()] = map;
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var h = new HashCode();
            h.AddBytes(bytes);
            return h.ToHashCode();
        }
    }
}
