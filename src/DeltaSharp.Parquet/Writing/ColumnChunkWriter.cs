using System.Buffers;
using System.Buffers.Binary;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Writing;

/// <summary>
/// Buffers the pages of one leaf column for the current row group: levels and values are appended, pages are
/// cut by size at record boundaries, encoded and compressed, and written out (dictionary page first) when the
/// row group closes. Tracks min/max/null-count statistics per chunk and for the whole file. Not thread-safe.
/// </summary>
internal abstract class ColumnChunkWriter
{
    private const int Piece = 4096;
    private const int MaxPageEntries = 20_000; // parquet-mr's page row-count limit; keeps pages seekable

    private readonly RleBitPackedHybridEncoder _levelEncoder = new();
    // Buffers start small and grow with the data: a writer of a small file (a 10-row append, a checkpoint's rarely
    // used columns) must not allocate and zero hundreds of kilobytes per leaf column.
    private const int InitialBytes = 1024;
    private const int InitialEntries = 256;

    private readonly ArrayBufferWriter<byte> _pages = new(InitialBytes);
    private readonly ArrayBufferWriter<byte> _body = new(InitialBytes);
    private readonly ArrayBufferWriter<byte> _values = new(InitialBytes);
    private readonly ArrayBufferWriter<byte> _levels = new(InitialBytes);
    private readonly ArrayBufferWriter<byte> _compressed = new(InitialBytes);
    private readonly ArrayBufferWriter<byte> _header = new(256);
    private readonly HashSet<Encoding> _encodings = [];
    private int[] _defs = new int[InitialEntries];
    private int[] _reps = new int[InitialEntries];
    private int _entries;
    private int _pageValues;
    private int _pageRows;
    private long _chunkValues;
    private long _chunkNulls;
    private long _chunkUncompressed;
    private long _chunkCompressed;

    protected ColumnChunkWriter(ColumnDescriptor column, DataType type, ParquetWriteOptions options)
    {
        Column = column;
        Type = type;
        Options = options;
        MaxDef = column.MaxDefinitionLevel;
        MaxRep = column.MaxRepetitionLevel;
    }

    public ColumnDescriptor Column { get; }
    public DataType Type { get; }
    protected ParquetWriteOptions Options { get; }
    public int MaxDef { get; }
    public int MaxRep { get; }
    public long FileNullCount { get; private set; }
    public long FileValueCount { get; private set; }

    /// <summary>Bytes buffered for the current row group (pages written so far plus the open page's estimate).</summary>
    public long BufferedBytes => _pages.WrittenCount + EstimatedPageValueBytes + _entries / 2;

    /// <summary>
    /// Appends entries: <paramref name="defs"/>/<paramref name="reps"/> (empty when the column has no such levels)
    /// and the positions in <paramref name="source"/> of the non-null values, in order.
    /// </summary>
    public void Write(ReadOnlySpan<int> defs, ReadOnlySpan<int> reps, ColumnVector source, ReadOnlySpan<int> valueIndices)
    {
        var n = MaxDef > 0 ? defs.Length : MaxRep > 0 ? reps.Length : valueIndices.Length;
        var e = 0;
        var v = 0;
        while (e < n)
        {
            var end = Math.Min(n, e + Math.Min(Piece, Math.Max(1, MaxPageEntries - _entries)));
            if (MaxRep > 0) while (end < n && reps[end] != 0) end++;
            var count = end - e;
            EnsureLevels(_entries + count);
            var k = count;
            if (MaxDef > 0)
            {
                var d = defs[e..end];
                d.CopyTo(_defs.AsSpan(_entries));
                k = d.Count(MaxDef);
            }
            if (MaxRep > 0)
            {
                var r = reps[e..end];
                r.CopyTo(_reps.AsSpan(_entries));
                _pageRows += r.Count(0);
            }
            else
            {
                _pageRows += count;
            }
            _entries += count;
            _pageValues += k;
            FileNullCount += count - k;
            FileValueCount += count;
            if (k > 0) AppendValues(source, valueIndices.Slice(v, k));
            v += k;
            e = end;
            if (_entries >= MaxPageEntries || EstimatedPageValueBytes >= Options.PageSizeBytes || DictionaryFull) FlushPage();
        }
    }

    private void EnsureLevels(int n)
    {
        if (_defs.Length < n) Array.Resize(ref _defs, Math.Max(n, _defs.Length * 2));
        if (_reps.Length < n) Array.Resize(ref _reps, Math.Max(n, _reps.Length * 2));
    }

    /// <summary>Adds the non-null values at <paramref name="indices"/> of <paramref name="source"/> to the open page.</summary>
    protected abstract void AppendValues(ColumnVector source, ReadOnlySpan<int> indices);

    protected abstract int EstimatedPageValueBytes { get; }

    /// <summary>True when the dictionary passed its size limit: the page is flushed and later pages use plain encoding.</summary>
    protected abstract bool DictionaryFull { get; }

    /// <summary>Encodes the open page's values into <paramref name="output"/> and clears them; returns the encoding.</summary>
    protected abstract Encoding EncodePageValues(ArrayBufferWriter<byte> output);

    /// <summary>Called after a page is flushed (dictionary fallback happens here).</summary>
    protected abstract void OnPageFlushed();

    /// <summary>Number of dictionary entries to write, or 0 when no page of this chunk used the dictionary.</summary>
    protected abstract int DictionaryCount { get; }

    protected abstract void EncodeDictionary(ArrayBufferWriter<byte> output);

    protected abstract void ResetChunk();

    /// <summary>Chunk statistics in Parquet's PLAIN form, or null when there are no non-null values.</summary>
    protected abstract (byte[] Min, byte[] Max, bool SignedOrder)? ChunkMinMax();

    /// <summary>File-wide min/max as boxed Spark values (see ValueConverter).</summary>
    public abstract (object? Min, object? Max) FileMinMax();

    protected bool V2 => Options.DataPageVersion == 2;

    public void FlushPage()
    {
        if (_entries == 0) return;
        _body.ResetWrittenCount();
        _values.ResetWrittenCount();
        var valueCount = _pageValues;
        Encoding encoding;
        int repLength = 0, defLength = 0;
        if (!V2)
        {
            if (MaxRep > 0) WriteLevelsWithLength(_reps.AsSpan(0, _entries), MaxRep);
            if (MaxDef > 0) WriteLevelsWithLength(_defs.AsSpan(0, _entries), MaxDef);
            encoding = EncodePageValues(_body);
        }
        else
        {
            if (MaxRep > 0) repLength = WriteLevels(_reps.AsSpan(0, _entries), MaxRep, _body);
            if (MaxDef > 0) defLength = WriteLevels(_defs.AsSpan(0, _entries), MaxDef, _body);
            encoding = EncodePageValues(_values);
        }

        _compressed.ResetWrittenCount();
        PageHeader header;
        int uncompressedSize;
        if (!V2)
        {
            uncompressedSize = _body.WrittenCount;
            ParquetCompression.Compress(Options.Compression, _body.WrittenSpan, _compressed, Options.CompressionLevel);
            header = new PageHeader
            {
                Type = PageType.DataPage,
                UncompressedPageSize = uncompressedSize,
                CompressedPageSize = _compressed.WrittenCount,
                DataPageHeader = new DataPageHeader
                {
                    NumValues = _entries,
                    Encoding = encoding,
                    DefinitionLevelEncoding = Encoding.Rle,
                    RepetitionLevelEncoding = Encoding.Rle,
                },
            };
        }
        else
        {
            uncompressedSize = _body.WrittenCount + _values.WrittenCount;
            _compressed.Write(_body.WrittenSpan);
            ParquetCompression.Compress(Options.Compression, _values.WrittenSpan, _compressed, Options.CompressionLevel);
            header = new PageHeader
            {
                Type = PageType.DataPageV2,
                UncompressedPageSize = uncompressedSize,
                CompressedPageSize = _compressed.WrittenCount,
                DataPageHeaderV2 = new DataPageHeaderV2
                {
                    NumValues = _entries,
                    NumNulls = _entries - valueCount,
                    NumRows = _pageRows,
                    Encoding = encoding,
                    DefinitionLevelsByteLength = defLength,
                    RepetitionLevelsByteLength = repLength,
                    IsCompressed = Options.Compression != CompressionCodec.Uncompressed,
                },
            };
            if (Options.Compression == CompressionCodec.Uncompressed)
            {
                _compressed.ResetWrittenCount();
                _compressed.Write(_body.WrittenSpan);
                _compressed.Write(_values.WrittenSpan);
                header.CompressedPageSize = _compressed.WrittenCount;
            }
        }
        _header.ResetWrittenCount();
        ParquetFooter.WritePageHeader(header, _header);
        _pages.Write(_header.WrittenSpan);
        _pages.Write(_compressed.WrittenSpan);
        _chunkUncompressed += _header.WrittenCount + uncompressedSize;
        _chunkCompressed += _header.WrittenCount + _compressed.WrittenCount;
        _chunkValues += _entries;
        _chunkNulls += _entries - valueCount;
        _encodings.Add(encoding);
        _entries = 0;
        _pageValues = 0;
        _pageRows = 0;
        OnPageFlushed();
    }

    private void WriteLevelsWithLength(ReadOnlySpan<int> levels, int maxLevel)
    {
        _levels.ResetWrittenCount();
        var n = WriteLevels(levels, maxLevel, _levels);
        var prefix = _body.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(prefix, n);
        _body.Advance(4);
        _body.Write(_levels.WrittenSpan);
    }

    private int WriteLevels(ReadOnlySpan<int> levels, int maxLevel, IBufferWriter<byte> output)
    {
        _levelEncoder.Reset(BitWidth(maxLevel));
        _levelEncoder.Write(levels);
        return _levelEncoder.Flush(output);
    }

    internal static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxValue);

    /// <summary>Writes the dictionary page (if any) and the data pages of this row group to <paramref name="output"/>
    /// at file position <paramref name="position"/>; returns the chunk's metadata.</summary>
    public ColumnChunk FinishChunk(Stream output, long position)
    {
        FlushPage();
        long? dictionaryOffset = null;
        long written = 0;
        long uncompressed = _chunkUncompressed, compressed = _chunkCompressed;
        var encodings = new List<Encoding>();
        var dictCount = DictionaryCount;
        if (dictCount > 0)
        {
            _body.ResetWrittenCount();
            EncodeDictionary(_body);
            _compressed.ResetWrittenCount();
            ParquetCompression.Compress(Options.Compression, _body.WrittenSpan, _compressed, Options.CompressionLevel);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                UncompressedPageSize = _body.WrittenCount,
                CompressedPageSize = _compressed.WrittenCount,
                DictionaryPageHeader = new DictionaryPageHeader
                {
                    NumValues = dictCount,
                    Encoding = V2 ? Encoding.Plain : Encoding.PlainDictionary,
                },
            };
            _header.ResetWrittenCount();
            ParquetFooter.WritePageHeader(header, _header);
            output.Write(_header.WrittenSpan);
            output.Write(_compressed.WrittenSpan);
            dictionaryOffset = position;
            written = _header.WrittenCount + _compressed.WrittenCount;
            uncompressed += _header.WrittenCount + _body.WrittenCount;
            compressed += written;
            encodings.Add(V2 ? Encoding.Plain : Encoding.PlainDictionary);
        }
        var dataOffset = position + written;
        output.Write(_pages.WrittenSpan);
        if (MaxDef > 0 || MaxRep > 0) encodings.Add(Encoding.Rle);
        foreach (var e in _encodings) if (!encodings.Contains(e)) encodings.Add(e);

        Statistics? stats = null;
        if (Options.WriteStatistics)
        {
            stats = new Statistics { NullCount = _chunkNulls };
            if (ChunkMinMax() is { } mm)
            {
                stats.MinValue = mm.Min;
                stats.MaxValue = mm.Max;
                if (mm.SignedOrder)
                {
                    // The deprecated fields, for readers that only know them (parquet-mr writes both for signed types).
                    stats.Min = mm.Min;
                    stats.Max = mm.Max;
                }
            }
        }
        var meta = new ColumnMetaData
        {
            Type = Column.PhysicalType,
            Encodings = encodings,
            PathInSchema = [.. Column.Path],
            Codec = Options.Compression,
            NumValues = _chunkValues,
            TotalUncompressedSize = uncompressed,
            TotalCompressedSize = compressed,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = stats,
        };
        _pages.ResetWrittenCount();
        _encodings.Clear();
        _chunkValues = 0;
        _chunkNulls = 0;
        _chunkUncompressed = 0;
        _chunkCompressed = 0;
        ResetChunk();
        return new ColumnChunk { FileOffset = position, MetaData = meta };
    }
}
