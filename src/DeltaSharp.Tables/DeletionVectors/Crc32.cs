namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as java.util.zip.CRC32 computes it for the checksum
/// of each DV in a DV file (PROTOCOL.md "Deletion Vector File Storage Format"). Slicing-by-4. Thread-safe.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[4 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        for (var i = 0; i < 256; i++)
        {
            t[256 + i] = (t[i] >> 8) ^ t[t[i] & 0xFF];
            t[512 + i] = (t[256 + i] >> 8) ^ t[t[256 + i] & 0xFF];
            t[768 + i] = (t[512 + i] >> 8) ^ t[t[512 + i] & 0xFF];
        }
        return t;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var t = Table;
        var crc = 0xFFFFFFFFu;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            crc ^= (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            crc = t[768 + (crc & 0xFF)] ^ t[512 + ((crc >> 8) & 0xFF)] ^ t[256 + ((crc >> 16) & 0xFF)] ^ t[crc >> 24];
        }
        for (; i < data.Length; i++) crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
