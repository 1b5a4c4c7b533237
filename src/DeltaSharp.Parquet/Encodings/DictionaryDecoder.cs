using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Dictionary-encoded fixed-width values (Encodings.md "Dictionary Encoding", PLAIN_DICTIONARY / RLE_DICTIONARY):
/// the data page holds a 1-byte bit width then RLE/bit-packed indices into the dictionary page's values.
/// Repeated runs fill one entry; bit-packed runs decode indices into a stack buffer and gather. Indices are
/// range-checked unless the bit width cannot exceed the dictionary. The dictionary is shared, read-only.
/// Resumable; not thread-safe.
/// </summary>
internal sealed class DictionaryDecoder<T> : IValueDecoder<T> where T : unmanaged
{
    internal const int ScratchSize = 512;

    private readonly T[] _dictionary;
    private readonly RleBitPackedHybridDecoder _indices = new();
    private int _remaining;
    private bool _checkIndices;

    public DictionaryDecoder(T[] dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _dictionary = dictionary;
    }

    public int DictionarySize => _dictionary.Length;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _remaining = Math.Max(0, valueCount);
        var bitWidth = ReadBitWidth(data, _remaining);
        _indices.Reset(data.Length == 0 ? data : data[1..], bitWidth);
        _checkIndices = bitWidth >= 31 || (1L << bitWidth) > _dictionary.Length;
    }

    /// <summary>Reads the 1-byte index bit width at the start of a dictionary-encoded data page.</summary>
    internal static int ReadBitWidth(ReadOnlyMemory<byte> data, int valueCount)
    {
        if (data.Length == 0)
        {
            if (valueCount > 0) EncodingErrors.Throw("dictionary-encoded page has no index bit width byte");
            return 0;
        }
        int bitWidth = data.Span[0];
        if (bitWidth > 32) EncodingErrors.BadBitWidth("dictionary indices", bitWidth, 32);
        return bitWidth;
    }

    public int Read(Span<T> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        Span<int> scratch = stackalloc int[ScratchSize];
        var dictionary = _dictionary;
        ref var dict = ref MemoryMarshal.GetArrayDataReference(dictionary);
        var size = (uint)dictionary.Length;
        var done = 0;
        while (done < n)
        {
            var available = _indices.PeekRun(out var repeated, out var value);
            if (available == 0) EncodingErrors.Truncated("dictionary indices");
            var take = Math.Min(available, n - done);
            if (repeated)
            {
                if ((uint)value >= size) EncodingErrors.DictionaryIndexOutOfRange(value, dictionary.Length);
                destination.Slice(done, take).Fill(Unsafe.Add(ref dict, value));
                _indices.Skip(take);
            }
            else
            {
                take = Math.Min(take, ScratchSize);
                var idx = scratch[..take];
                _indices.Read(idx);
                ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), done);
                if (_checkIndices)
                {
                    for (var i = 0; i < idx.Length; i++)
                    {
                        var j = (uint)idx[i];
                        if (j >= size) EncodingErrors.DictionaryIndexOutOfRange((int)j, dictionary.Length);
                        Unsafe.Add(ref dst, i) = Unsafe.Add(ref dict, j);
                    }
                }
                else
                {
                    // bitWidth bits cannot express an index >= size.
                    for (var i = 0; i < idx.Length; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref dict, (uint)idx[i]);
                }
            }
            done += take;
        }
        _remaining -= n;
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
