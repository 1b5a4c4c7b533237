using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Dictionary-encoded BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY values (Encodings.md "Dictionary Encoding"). The dictionary
/// is held as one byte buffer plus count+1 offsets; entries are copied into the destination vector. Indices are
/// decoded in batches into a stack buffer, then a first pass writes offsets (and checks indices) and a second copies
/// bytes. The dictionary is shared, read-only. Resumable; not thread-safe.
/// </summary>
internal sealed class DictionaryByteArrayDecoder : IByteArrayDecoder
{
    private const int ScratchSize = 256;

    private readonly byte[] _data;
    private readonly int[] _offsets;
    private readonly int _count;
    private readonly RleBitPackedHybridDecoder _indices = new();
    private int _remaining;

    /// <summary>Dictionary entry i is <c>data[offsets[i]..offsets[i + 1]]</c>.</summary>
    public DictionaryByteArrayDecoder(byte[] data, int[] offsets, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(offsets);
        if (count < 0 || offsets.Length < count + 1) throw new ArgumentException("offsets must hold count + 1 entries", nameof(offsets));
        for (var i = 0; i < count; i++)
            if (offsets[i] < 0 || offsets[i + 1] < offsets[i] || offsets[i + 1] > data.Length)
                throw new ArgumentException($"dictionary offsets are not ascending within the data at entry {i}", nameof(offsets));
        _data = data;
        _offsets = offsets;
        _count = count;
    }

    /// <summary>Uses the values of <paramref name="dictionary"/> (not copied; must not change while in use).</summary>
    public DictionaryByteArrayDecoder(BinaryVector dictionary)
        : this(dictionary.Data, dictionary.Offsets, dictionary.Length)
    {
    }

    public int DictionarySize => _count;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _remaining = Math.Max(0, valueCount);
        var bitWidth = DictionaryDecoder<int>.ReadBitWidth(data, _remaining);
        _indices.Reset(data.Length == 0 ? data : data[1..], bitWidth);
    }

    public int Read(BinaryVector destination, int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n == 0) return 0;
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        Span<int> scratch = stackalloc int[ScratchSize];
        ref var dictOffsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        var size = (uint)_count;
        var done = 0;
        while (done < n)
        {
            var available = _indices.PeekRun(out var repeated, out var value);
            if (available == 0) EncodingErrors.Truncated("dictionary indices");
            var take = Math.Min(Math.Min(available, n - done), ScratchSize);
            var idx = scratch[..take];
            if (repeated)
            {
                if ((uint)value >= size) EncodingErrors.DictionaryIndexOutOfRange(value, _count);
                idx.Fill(value);
                _indices.Skip(take);
            }
            else
            {
                _indices.Read(idx);
            }

            // Pass 1: offsets and index checks.
            var offsets = destination.Offsets;
            var baseSlot = length + done;
            long end = offsets[baseSlot];
            for (var i = 0; i < idx.Length; i++)
            {
                var j = (uint)idx[i];
                if (j >= size) EncodingErrors.DictionaryIndexOutOfRange((int)j, _count);
                end += Unsafe.Add(ref dictOffsets, j + 1) - Unsafe.Add(ref dictOffsets, j);
                offsets[baseSlot + i + 1] = (int)Math.Min(end, int.MaxValue);
            }
            if (end > Array.MaxLength - 16) EncodingErrors.TooLarge("dictionary BYTE_ARRAY");
            // 16 bytes of slack let short entries be copied as one 16-byte block.
            destination.EnsureDataCapacity((int)end + 16);

            // Pass 2: copy entries; short ones with one 16-byte load/store (the excess is overwritten by the next
            // value or lies past the data in use), others with a block copy.
            ref var src = ref MemoryMarshal.GetArrayDataReference(_data);
            ref var dst = ref MemoryMarshal.GetArrayDataReference(destination.Data);
            var srcLimit = _data.Length - 16;
            var o = offsets[baseSlot];
            for (var i = 0; i < idx.Length; i++)
            {
                var j = (uint)idx[i];
                var start = Unsafe.Add(ref dictOffsets, j);
                var len = Unsafe.Add(ref dictOffsets, j + 1) - start;
                if (len <= 16 && start <= srcLimit)
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, o), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, start)));
                else
                    Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, o), ref Unsafe.Add(ref src, start), (uint)len);
                o += len;
            }
            done += take;
        }
        _remaining -= n;
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (_indices.Skip(n) != n) EncodingErrors.Truncated("dictionary indices");
        _remaining -= n;
        return n;
    }
}
