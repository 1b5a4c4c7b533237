using System.Buffers;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Reading;

/// <summary>
/// Walks the pages of one column chunk (one leaf column of one row group) held in memory: decompresses each
/// page, decodes its repetition and definition levels in full, and hands the value section to a
/// <see cref="LeafDecoder"/>. Callers consume level entries (one per leaf value slot, null or not) in order.
/// Not thread-safe.
/// </summary>
internal sealed class ColumnChunkReader : IDisposable
{
    // A page that claims more entries than this is treated as corrupt rather than allocated for.
    private const int MaxPageEntries = 1 << 26;

    private readonly ColumnDescriptor _column;
    private readonly CompressionCodec _codec;
    private readonly byte[] _chunk;
    private readonly int _chunkLength;
    private readonly LeafDecoder _decoder;
    private readonly RleBitPackedHybridDecoder _levelDecoder = new();
    private readonly BitPackedLegacyDecoder _legacyLevelDecoder = new();
    private readonly int _maxPageBytes;
    private readonly bool _returnChunk;
    private bool _disposed;
    private int _position;
    private byte[]? _pageBuffer;
    private int[] _defs = [];
    private int[] _reps = [];
    private int _pageEntries;
    private int _entryPos;
    private bool _pageHasNulls;
    private long _entriesLeftInChunk;

    public ColumnChunkReader(ColumnDescriptor column, CompressionCodec codec, byte[] chunk, int chunkLength, long numValues, long totalUncompressedSize, LeafDecoder decoder, bool returnChunkToPool = false)
    {
        _returnChunk = returnChunkToPool;
        // A page cannot be larger than its whole chunk uncompressed; allow slack for writers that under-report.
        _maxPageBytes = (int)Math.Min(1L << 30, Math.Max(totalUncompressedSize * 2, 16L << 20));
        _column = column;
        _codec = codec;
        _chunk = chunk;
        _chunkLength = chunkLength;
        _decoder = decoder;
        _entriesLeftInChunk = numValues;
        MaxDef = column.MaxDefinitionLevel;
        MaxRep = column.MaxRepetitionLevel;
    }

    public ColumnDescriptor Column => _column;
    public int MaxDef { get; }
    public int MaxRep { get; }

    /// <summary>Entries left in the current page (loads the next page when the current one is used up). 0 = end of chunk.</summary>
    public int EntriesAvailable()
    {
        try
        {
            while (_entryPos >= _pageEntries)
            {
                if (!LoadNextPage()) return 0;
            }
        }
        catch (ParquetFormatException e) when (e.FilePath is null)
        {
            throw InColumn(e);
        }
        return _pageEntries - _entryPos;
    }

    /// <summary>Page and value errors name the column chunk they come from (the caller adds file and row group).</summary>
    private ParquetFormatException InColumn(ParquetFormatException e) =>
        new($"column chunk '{_column.DottedPath}': {e.Message}", e);

    /// <summary>Definition levels of the current page from the current entry (valid until the next page loads).</summary>
    public ReadOnlySpan<int> PageDefs => MaxDef == 0 ? default : _defs.AsSpan(_entryPos, _pageEntries - _entryPos);

    public ReadOnlySpan<int> PageReps => MaxRep == 0 ? default : _reps.AsSpan(_entryPos, _pageEntries - _entryPos);

    public bool PageHasNulls => _pageHasNulls;

    /// <summary>
    /// Consumes <paramref name="entries"/> entries of the current page (≤ <see cref="EntriesAvailable"/>): copies their
    /// levels to <paramref name="defs"/>/<paramref name="reps"/> (when not null) and decodes their non-null values
    /// into <paramref name="values"/> at <paramref name="valueOffset"/>. Returns the number of values decoded.
    /// </summary>
    public int Consume(int entries, Span<int> defs, Span<int> reps, ColumnVector values, int valueOffset)
    {
        var valueCount = entries;
        if (MaxDef > 0)
        {
            var d = _defs.AsSpan(_entryPos, entries);
            if (!defs.IsEmpty) d.CopyTo(defs);
            if (_pageHasNulls) valueCount = d.Count(MaxDef);
        }
        if (MaxRep > 0 && !reps.IsEmpty) _reps.AsSpan(_entryPos, entries).CopyTo(reps);
        try
        {
            _decoder.Read(values, valueOffset, valueCount);
        }
        catch (ParquetFormatException e) when (e.FilePath is null)
        {
            throw InColumn(e);
        }
        _entryPos += entries;
        return valueCount;
    }

    private bool LoadNextPage()
    {
        while (true)
        {
            if (_position >= _chunkLength || _entriesLeftInChunk <= 0) return false;
            var remaining = _chunk.AsSpan(_position, _chunkLength - _position);
            PageHeader header;
            int headerLength;
            try
            {
                header = ParquetFooter.ReadPageHeader(remaining, out headerLength);
            }
            catch (ParquetFormatException e) when (e.FilePath is null)
            {
                // Say where: a bare Thrift error does not tell the reader what is corrupt (EntriesAvailable adds the column).
                throw new ParquetFormatException($"page header at byte {_position} of the chunk: {e.Message}", e);
            }
            _position += headerLength;
            var compressed = header.CompressedPageSize;
            var uncompressed = header.UncompressedPageSize;
            if (compressed < 0 || compressed > _chunkLength - _position)
                ThrowHelper.Corrupt($"page of {compressed} compressed bytes runs past the end of column chunk '{_column.DottedPath}' ({_chunkLength - _position} bytes left)");
            if (uncompressed < 0 || uncompressed > _maxPageBytes)
                ThrowHelper.Corrupt($"page declares an uncompressed size of {uncompressed} bytes (limit for this column chunk: {_maxPageBytes})");
            var body = new ReadOnlyMemory<byte>(_chunk, _position, compressed);
            _position += compressed;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                {
                    var dph = header.DictionaryPageHeader ?? throw new ParquetFormatException("dictionary page without a dictionary page header");
                    if (dph.NumValues < 0 || dph.NumValues > MaxPageEntries) ThrowHelper.Corrupt($"dictionary page declares {dph.NumValues} values");
                    var data = Decompress(body, uncompressed);
                    if (dph.Encoding is not (Encoding.Plain or Encoding.PlainDictionary))
                        ThrowHelper.Corrupt($"dictionary page encoding {dph.Encoding} is not PLAIN");
                    _decoder.LoadDictionary(data, dph.NumValues);
                    continue;
                }
                case PageType.DataPage:
                    StartDataPageV1(header, body, uncompressed);
                    return true;
                case PageType.DataPageV2:
                    StartDataPageV2(header, body, uncompressed);
                    return true;
                default:
                    continue; // index pages and unknown page types are skipped (parquet.thrift PageType)
            }
        }
    }

    private void StartDataPageV1(PageHeader header, ReadOnlyMemory<byte> body, int uncompressed)
    {
        var dph = header.DataPageHeader ?? throw new ParquetFormatException("data page without a data page header");
        var n = CheckEntries(dph.NumValues);
        var data = Decompress(body, uncompressed);
        var pos = 0;
        if (MaxRep > 0) pos += DecodeLevelsV1(data[pos..], dph.RepetitionLevelEncoding, MaxRep, _reps, n, "repetition");
        if (MaxDef > 0) pos += DecodeLevelsV1(data[pos..], dph.DefinitionLevelEncoding, MaxDef, _defs, n, "definition");
        FinishPage(n, dph.Encoding, data[pos..]);
    }

    private void StartDataPageV2(PageHeader header, ReadOnlyMemory<byte> body, int uncompressed)
    {
        var h = header.DataPageHeaderV2 ?? throw new ParquetFormatException("data page v2 without its header");
        var n = CheckEntries(h.NumValues);
        var repLen = h.RepetitionLevelsByteLength;
        var defLen = h.DefinitionLevelsByteLength;
        if (repLen < 0 || defLen < 0 || (long)repLen + defLen > body.Length)
            ThrowHelper.Corrupt($"data page v2 level lengths ({repLen}, {defLen}) exceed the page ({body.Length} bytes)");
        if (MaxRep > 0) DecodeLevels(body.Slice(0, repLen), MaxRep, _reps, n, "repetition");
        if (MaxDef > 0) DecodeLevels(body.Slice(repLen, defLen), MaxDef, _defs, n, "definition");
        var values = body[(repLen + defLen)..];
        var valuesUncompressed = uncompressed - repLen - defLen;
        if (valuesUncompressed < 0) ThrowHelper.Corrupt("data page v2 uncompressed size is smaller than its levels");
        var isCompressed = h.IsCompressed;
        var data = isCompressed && _codec != CompressionCodec.Uncompressed ? Decompress(values, valuesUncompressed) : values;
        FinishPage(n, h.Encoding, data);
    }

    private int CheckEntries(int n)
    {
        if (n < 0 || n > MaxPageEntries) ThrowHelper.Corrupt($"data page declares {n} values");
        if (n > _entriesLeftInChunk) ThrowHelper.Corrupt($"data page declares {n} values but the column chunk has only {_entriesLeftInChunk} left");
        if (MaxDef > 0 && _defs.Length < n) _defs = new int[Math.Max(n, 1024)];
        if (MaxRep > 0 && _reps.Length < n) _reps = new int[Math.Max(n, 1024)];
        return n;
    }

    private void FinishPage(int n, Encoding encoding, ReadOnlyMemory<byte> values)
    {
        var nonNull = n;
        _pageHasNulls = false;
        if (MaxDef > 0)
        {
            var defs = _defs.AsSpan(0, n);
            // Vectorised range check; the level decoder yields values < 2^bitWidth, which may exceed MaxDef.
            var bad = defs.IndexOfAnyExceptInRange(0, MaxDef);
            if (bad >= 0) ThrowHelper.Corrupt($"definition level {defs[bad]} exceeds the column's maximum {MaxDef}");
            nonNull = defs.Count(MaxDef);
            _pageHasNulls = nonNull != n;
        }
        if (MaxRep > 0)
        {
            var reps = _reps.AsSpan(0, n);
            var bad = reps.IndexOfAnyExceptInRange(0, MaxRep);
            if (bad >= 0) ThrowHelper.Corrupt($"repetition level {reps[bad]} exceeds the column's maximum {MaxRep}");
        }
        _decoder.StartPage(encoding, values, nonNull);
        _pageEntries = n;
        _entryPos = 0;
        _entriesLeftInChunk -= n;
    }

    private int DecodeLevelsV1(ReadOnlyMemory<byte> data, Encoding encoding, int maxLevel, int[] target, int n, string kind)
    {
        var bitWidth = BitWidth(maxLevel);
        if (encoding == Encoding.BitPacked)
        {
            var bytes = (int)(((long)n * bitWidth + 7) / 8);
            if (bytes > data.Length) ThrowHelper.Corrupt($"{kind} levels need {bytes} bytes but the page has {data.Length}");
            _legacyLevelDecoder.Reset(data[..bytes], bitWidth);
            if (_legacyLevelDecoder.Read(target.AsSpan(0, n)) < n) ThrowHelper.Corrupt($"{kind} levels are truncated");
            return bytes;
        }
        // RLE: 4-byte little-endian length, then the hybrid encoding (Encodings.md, data page v1).
        if (data.Length < 4) ThrowHelper.Corrupt($"{kind} levels length prefix is truncated");
        var len = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data.Span);
        if (len < 0 || len > data.Length - 4) ThrowHelper.Corrupt($"{kind} levels declare {len} bytes but the page has {data.Length - 4}");
        DecodeLevels(data.Slice(4, len), maxLevel, target, n, kind);
        return 4 + len;
    }

    private void DecodeLevels(ReadOnlyMemory<byte> data, int maxLevel, int[] target, int n, string kind)
    {
        _levelDecoder.Reset(data, BitWidth(maxLevel));
        if (_levelDecoder.Read(target.AsSpan(0, n)) < n) ThrowHelper.Corrupt($"{kind} levels are truncated (expected {n})");
    }

    private static int BitWidth(int maxLevel) => maxLevel == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxLevel);

    private ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> body, int uncompressed)
    {
        if (_codec == CompressionCodec.Uncompressed)
        {
            if (body.Length != uncompressed)
                ThrowHelper.Corrupt($"uncompressed page is {body.Length} bytes but declares {uncompressed}");
            return body;
        }
        if (_pageBuffer is null || _pageBuffer.Length < uncompressed)
        {
            if (_pageBuffer is not null) ArrayPool<byte>.Shared.Return(_pageBuffer);
            _pageBuffer = null;
            _pageBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressed, 1024));
        }
        // Previous page data is no longer referenced once the next page starts: decoders are reset per page.
        ParquetCompression.Decompress(_codec, body.Span, _pageBuffer.AsSpan(0, uncompressed));
        return new ReadOnlyMemory<byte>(_pageBuffer, 0, uncompressed);
    }

    public void Dispose()
    {
        if (_pageBuffer is not null) ArrayPool<byte>.Shared.Return(_pageBuffer);
        _pageBuffer = null;
        if (_returnChunk && !_disposed) ArrayPool<byte>.Shared.Return(_chunk);
        _disposed = true;
    }
}
