using System.Buffers.Binary;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Scanning;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// Resolves a deletion vector descriptor (PROTOCOL.md "Deletion Vector Descriptor Schema") to the set of deleted row
/// indexes: 'i' = Z85 bitmap inline in the log; 'u' = file `&lt;root&gt;/&lt;prefix&gt;/deletion_vector_&lt;uuid&gt;.bin`
/// named by a Z85 UUID; 'p' = absolute path. File DVs are checked for format version, size and CRC-32
/// ("Deletion Vector File Storage Format"). Thread-safe.
/// </summary>
public static class DeletionVectorReader
{
    /// <summary>The DV file's format version (its first byte).</summary>
    public const byte FileFormatVersion = 1;

    /// <summary>The deleted row indexes of <paramref name="descriptor"/>. Throws DeltaException:
    /// DELTA_FILE_NOT_FOUND_DETAILED (DV file missing), DELTA_DELETION_VECTOR_SIZE_MISMATCH,
    /// DELTA_DELETION_VECTOR_CHECKSUM_MISMATCH, DELTA_DELETION_VECTOR_CARDINALITY_MISMATCH,
    /// DELTA_DELETION_VECTOR_CORRUPT (bad Z85, bad bitmap, unknown storage type).</summary>
    public static RoaringBitmapArray Read(DeletionVectorDescriptor descriptor, string tableRoot, IFileStore store)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(store);
        if (descriptor.SizeInBytes < 0)
            throw new DeltaException("DELTA_DELETION_VECTOR_SIZE_MISMATCH", $"Deletion vector {descriptor.UniqueId} declares sizeInBytes {descriptor.SizeInBytes}; it must be at least 0.");
        var bytes = descriptor.StorageType == "i"
            ? Z85.Decode(descriptor.PathOrInlineDv, descriptor.SizeInBytes)
            : ReadFromFile(descriptor, AbsolutePath(descriptor, tableRoot, store)!, store);
        var bitmap = RoaringBitmapArrayFormat.Deserialize(bytes);
        if (bitmap.Cardinality != descriptor.Cardinality)
            throw new DeltaException("DELTA_DELETION_VECTOR_CARDINALITY_MISMATCH",
                $"Deletion vector {descriptor.UniqueId} holds {bitmap.Cardinality} row indexes but its descriptor says cardinality {descriptor.Cardinality}; the DV or the log is corrupt.");
        return bitmap;
    }

    /// <summary>The store path of a file DV ('u' or 'p'); null for an inline DV.</summary>
    public static string? AbsolutePath(DeletionVectorDescriptor descriptor, string tableRoot, IFileStore store)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        switch (descriptor.StorageType)
        {
            case "i":
                return null;
            case "p":
                return TableFilePaths.Resolve(tableRoot, descriptor.PathOrInlineDv, store);
            case "u":
            {
                var text = descriptor.PathOrInlineDv;
                if (text.Length < Z85.UuidLength)
                    throw new DeltaException("DELTA_DELETION_VECTOR_CORRUPT",
                        $"Deletion vector path '{text}' is shorter than the {Z85.UuidLength}-character Z85 UUID it must end with.");
                var prefix = text[..^Z85.UuidLength];
                var uuid = Z85.DecodeUuid(text[^Z85.UuidLength..]);
                var name = FileName(uuid);
                return store.Combine(tableRoot, prefix.Length == 0 ? name : prefix + "/" + name);
            }
            default:
                throw new DeltaException("DELTA_DELETION_VECTOR_CORRUPT",
                    $"Deletion vector storageType '{descriptor.StorageType}' is unknown; the valid types are 'u', 'i' and 'p'.");
        }
    }

    /// <summary>deletion_vector_&lt;uuid&gt;.bin.</summary>
    public static string FileName(Guid uuid) => $"deletion_vector_{uuid:D}.bin";

    private static byte[] ReadFromFile(DeletionVectorDescriptor descriptor, string path, IFileStore store)
    {
        var offset = descriptor.Offset ?? 0;
        Stream stream;
        try
        {
            stream = store.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeltaException("DELTA_FILE_NOT_FOUND_DETAILED",
                $"Deletion vector file {path} referenced in the transaction log cannot be found. It was deleted outside of Delta (e.g. manually or by a too-short VACUUM retention); restore it or the table.", e);
        }
        using (stream)
        {
            Span<byte> four = stackalloc byte[4];
            if (ReadAt(stream, 0, four[..1]) != 1 || four[0] != FileFormatVersion)
                throw new DeltaException("DELTA_DELETION_VECTOR_CORRUPT", $"Deletion vector file {path} does not start with format version {FileFormatVersion}.");
            if (offset < 0 || ReadAt(stream, offset, four) != 4)
                throw SizeMismatch(descriptor, path, $"offset {offset} is outside the file ({stream.Length} bytes)");
            var size = BinaryPrimitives.ReadInt32BigEndian(four);
            if (size != descriptor.SizeInBytes)
                throw SizeMismatch(descriptor, path, $"the file records {size} bytes at offset {offset} but the descriptor says {descriptor.SizeInBytes}");
            if (offset + 8L + size > stream.Length)
                throw SizeMismatch(descriptor, path, $"the file ends before the {size} bytes and checksum at offset {offset}");
            var data = new byte[size + 4];
            if (ReadAt(stream, offset + 4L, data) != data.Length)
                throw SizeMismatch(descriptor, path, $"the file ends before the {size} bytes and checksum at offset {offset}");
            var bitmap = data.AsSpan(0, size);
            var expected = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(size));
            var actual = Crc32.Compute(bitmap);
            if (actual != expected)
                throw new DeltaException("DELTA_DELETION_VECTOR_CHECKSUM_MISMATCH",
                    $"Could not verify deletion vector integrity: CRC-32 of {descriptor.UniqueId} in {path} is {actual:x8} but the file records {expected:x8}. The DV file is damaged.");
            return data.AsSpan(0, size).ToArray();
        }
    }

    private static int ReadAt(Stream stream, long position, Span<byte> buffer)
    {
        if (position > stream.Length) return 0;
        stream.Position = position;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    private static DeltaException SizeMismatch(DeletionVectorDescriptor d, string path, string detail) =>
        new("DELTA_DELETION_VECTOR_SIZE_MISMATCH", $"Deletion vector integrity check failed for {d.UniqueId} in {path}: {detail}.");
}
