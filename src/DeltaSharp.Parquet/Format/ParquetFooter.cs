using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DeltaSharp.Parquet.Thrift;
using Microsoft.Win32.SafeHandles;

namespace DeltaSharp.Parquet.Format;

/// <summary>
/// Reads and writes the Parquet file trailer and page headers. A file is
/// <c>"PAR1" pages… FileMetaData(thrift) footer_length(4 bytes LE) "PAR1"</c>; files with an encrypted footer end
/// in <c>"PARE"</c> instead and are refused. Stateless and thread-safe.
/// </summary>
public static class ParquetFooter
{
    /// <summary>The magic bytes at both ends of a plaintext Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>The magic at both ends of a file whose footer is encrypted.</summary>
    public static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    /// <summary>Bytes after the footer: its 4-byte length and the magic.</summary>
    public const int TrailerLength = 8;

    // One speculative read from the end usually gets the trailer and the whole footer in one I/O.
    private const int SpeculativeTailBytes = 64 * 1024;

    /// <summary>
    /// Reads the footer of the Parquet file open as <paramref name="file"/>, reading only the tail of the file
    /// (the footer plus at most 64 KiB before it) and its first four bytes.
    /// </summary>
    /// <exception cref="ParquetFormatException">The file is too short, has a wrong magic, is encrypted, or the footer is corrupt.</exception>
    public static FileMetaData Read(SafeFileHandle file, long fileLength, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (fileLength < 12)
            throw new ParquetFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"file is too short to be a Parquet file ({fileLength} bytes; at least 12 needed)"));

        var tailLength = (int)Math.Min(fileLength, SpeculativeTailBytes);
        var tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            var tailOffset = fileLength - tailLength;
            ReadExactly(file, tail.AsSpan(0, tailLength), tailOffset, path);
            var trailer = tail.AsSpan(tailLength - TrailerLength, TrailerLength);
            var endMagic = trailer[4..];
            if (endMagic.SequenceEqual(EncryptedMagic))
                throw new ParquetFormatException(path, "encrypted Parquet files are not supported");
            if (!endMagic.SequenceEqual(Magic))
                throw new ParquetFormatException(path, "not a Parquet file: the last 4 bytes are not the magic \"PAR1\"");

            Span<byte> head = stackalloc byte[4];
            if (tailOffset == 0) tail.AsSpan(0, 4).CopyTo(head);
            else ReadExactly(file, head, 0, path);
            if (!head.SequenceEqual(Magic))
                throw new ParquetFormatException(path, "not a Parquet file: the first 4 bytes are not the magic \"PAR1\"");

            var footerLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if (footerLength > (ulong)(fileLength - 12))
                throw new ParquetFormatException(path, string.Create(CultureInfo.InvariantCulture,
                    $"corrupt footer: footer length {footerLength} exceeds the file ({fileLength} bytes)"));

            if (footerLength <= (uint)(tailLength - TrailerLength))
            {
                var start = tailLength - TrailerLength - (int)footerLength;
                return Parse(tail.AsSpan(start, (int)footerLength), path);
            }

            // Footer larger than the speculative read: fetch exactly its bytes.
            var footer = ArrayPool<byte>.Shared.Rent((int)footerLength);
            try
            {
                ReadExactly(file, footer.AsSpan(0, (int)footerLength), fileLength - TrailerLength - footerLength, path);
                return Parse(footer.AsSpan(0, (int)footerLength), path);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(footer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }

    private static FileMetaData Parse(ReadOnlySpan<byte> footer, string path)
    {
        try
        {
            return ParseFileMetaData(footer);
        }
        catch (ParquetFormatException e) when (e.FilePath is null)
        {
            throw new ParquetFormatException(path, e.Problem ?? e.Message, e);
        }
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset, string path)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(file, buffer, offset);
            if (n <= 0)
                throw new ParquetFormatException(path, string.Create(CultureInfo.InvariantCulture,
                    $"file ended early: could not read {buffer.Length} bytes at offset {offset}"));
            buffer = buffer[n..];
            offset += n;
        }
    }

    /// <summary>Decodes a Thrift-encoded <see cref="FileMetaData"/> (the footer bytes, without length and magic).</summary>
    public static FileMetaData ParseFileMetaData(ReadOnlySpan<byte> data)
    {
        var reader = new ThriftCompactReader(data);
        return FileMetaData.Read(ref reader);
    }

    /// <summary>Encodes <paramref name="metadata"/> as Thrift (the footer bytes, without length and magic).</summary>
    public static byte[] Serialize(FileMetaData metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var writer = new ThriftCompactWriter(buffer);
        metadata.Write(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the end of a file: the Thrift footer, its 4-byte little-endian length and "PAR1".</summary>
    public static void WriteFileTrailer(FileMetaData metadata, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(output);
        var counter = new CountingBufferWriter(output);
        var writer = new ThriftCompactWriter(counter);
        metadata.Write(ref writer);
        var trailer = output.GetSpan(TrailerLength);
        BinaryPrimitives.WriteInt32LittleEndian(trailer, checked((int)counter.Written));
        Magic.CopyTo(trailer[4..]);
        output.Advance(TrailerLength);
    }

    /// <summary>Decodes the page header at the start of <paramref name="data"/>.</summary>
    /// <param name="headerLength">Bytes the header occupies; the page body follows.</param>
    /// <exception cref="ParquetFormatException">The header is corrupt or <paramref name="data"/> ends inside it.</exception>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> data, out int headerLength)
    {
        var reader = new ThriftCompactReader(data);
        var header = PageHeader.Read(ref reader);
        headerLength = reader.Position;
        return header;
    }

    /// <summary>
    /// Decodes the page header at the start of <paramref name="data"/>, or returns false when <paramref name="data"/>
    /// ends before the header does, so the caller can retry with a larger window. Still throws on bytes that
    /// cannot be a page header.
    /// </summary>
    public static bool TryReadPageHeader(ReadOnlySpan<byte> data, [NotNullWhen(true)] out PageHeader? header, out int headerLength)
    {
        if (!ThriftCompactReader.TryMeasureStruct(data, out var length))
        {
            header = null;
            headerLength = 0;
            return false;
        }
        header = ReadPageHeader(data[..length], out headerLength);
        return true;
    }

    /// <summary>Encodes a page header.</summary>
    public static void WritePageHeader(PageHeader header, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(header);
        var writer = new ThriftCompactWriter(output);
        header.Write(ref writer);
    }

    /// <summary>Counts what passes through, so the footer length is known without buffering the footer twice.</summary>
    private sealed class CountingBufferWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
    {
        public long Written { get; private set; }

        public void Advance(int count)
        {
            inner.Advance(count);
            Written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
    }
}
