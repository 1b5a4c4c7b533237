using System.Buffers.Binary;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// Writes a deletion vector as its own DV file in the table root (PROTOCOL.md "Deletion Vector File Storage Format":
/// version byte 1, then the big-endian size, the bitmap, the big-endian CRC-32 of the bitmap) and returns the
/// relative-path descriptor for it (storageType 'u', Z85 UUID, offset 1). Thread-safe.
/// </summary>
public static class DeletionVectorWriter
{
    /// <summary>Offset of the (only) DV in a file written here: right after the version byte.</summary>
    public const int DataOffset = 1;

    /// <summary>The whole content of a one-DV file for <paramref name="bitmap"/>, and the bitmap's serialized size.</summary>
    public static (byte[] Content, int SizeInBytes) EncodeFile(RoaringBitmapArray bitmap)
    {
        var data = RoaringBitmapArrayFormat.Serialize(bitmap);
        var content = new byte[1 + 4 + data.Length + 4];
        content[0] = DeletionVectorReader.FileFormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(1), data.Length);
        data.CopyTo(content.AsSpan(5));
        BinaryPrimitives.WriteUInt32BigEndian(content.AsSpan(5 + data.Length), Crc32.Compute(data));
        return (content, data.Length);
    }

    /// <summary>Writes <paramref name="bitmap"/> durably to a new `deletion_vector_&lt;uuid&gt;.bin` in
    /// <paramref name="tableRoot"/> (through <see cref="IFileStore.Create"/>) and returns its descriptor. On failure
    /// the partial file is deleted and the exception propagates.</summary>
    public static DeletionVectorDescriptor Write(RoaringBitmapArray bitmap, string tableRoot, IFileStore store)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentNullException.ThrowIfNull(tableRoot);
        ArgumentNullException.ThrowIfNull(store);
        var (content, size) = EncodeFile(bitmap);
        var uuid = Guid.NewGuid();
        var path = store.Combine(tableRoot, DeletionVectorReader.FileName(uuid));
        try
        {
            using var stream = store.Create(path);
            stream.Write(content);
        }
        catch
        {
            try { store.Delete(path); } catch (IOException) { /* keep the original error */ }
            throw;
        }
        return new DeletionVectorDescriptor("u", Z85.EncodeUuid(uuid), DataOffset, size, bitmap.Cardinality);
    }
}
