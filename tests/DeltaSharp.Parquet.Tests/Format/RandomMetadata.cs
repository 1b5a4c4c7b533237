using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.Format;

/// <summary>Random-ish metadata: every optional field sometimes set, extremes and multi-byte strings included.</summary>
internal sealed class RandomMetadata(int seed)
{
    private readonly Random _r = new(seed);

    private bool Coin() => _r.Next(2) == 0;

    private int Int() => _r.Next(6) switch
    {
        0 => 0,
        1 => int.MinValue,
        2 => int.MaxValue,
        3 => -_r.Next(1000),
        _ => _r.Next(),
    };

    private long Long() => _r.Next(6) switch
    {
        0 => 0,
        1 => long.MinValue,
        2 => long.MaxValue,
        3 => -_r.NextInt64(1_000_000),
        _ => _r.NextInt64(),
    };

    private int? MaybeInt() => Coin() ? Int() : null;
    private long? MaybeLong() => Coin() ? Long() : null;
    private bool? MaybeBool() => Coin() ? Coin() : null;

    private string Str()
    {
        string[] pieces = ["a", "Z", "é", "中", "😀", " ", "_", "0", "\u0000"];
        var n = _r.Next(_r.Next(4) == 0 ? 40 : 8);
        var s = "";
        for (var i = 0; i < n; i++) s += pieces[_r.Next(pieces.Length)];
        return s;
    }

    private byte[] Bytes()
    {
        var b = new byte[_r.Next(_r.Next(4) == 0 ? 200 : 12)];
        _r.NextBytes(b);
        return b;
    }

    private byte[]? MaybeBytes() => Coin() ? Bytes() : null;

    // Lists sometimes long enough (>= 15) for the long list header form.
    private List<T> ListOf<T>(Func<T> make, bool allowLong = true)
    {
        var n = allowLong && _r.Next(5) == 0 ? 15 + _r.Next(10) : _r.Next(4);
        var list = new List<T>(n);
        for (var i = 0; i < n; i++) list.Add(make());
        return list;
    }

    private List<T>? MaybeList<T>(Func<T> make) => Coin() ? ListOf(make) : null;

    public KeyValue KeyValue() => new(Str(), Coin() ? Str() : null);

    public Statistics Statistics() => new()
    {
        Max = MaybeBytes(),
        Min = MaybeBytes(),
        NullCount = MaybeLong(),
        DistinctCount = MaybeLong(),
        MaxValue = MaybeBytes(),
        MinValue = MaybeBytes(),
        IsMaxValueExact = MaybeBool(),
        IsMinValueExact = MaybeBool(),
        NanCount = MaybeLong(),
    };

    public LogicalType LogicalType()
    {
        var units = new[] { TimeUnit.Millis, TimeUnit.Micros, TimeUnit.Nanos };
        return _r.Next(20) switch
        {
            0 => Parquet.Format.LogicalType.String,
            1 => Parquet.Format.LogicalType.Map,
            2 => Parquet.Format.LogicalType.List,
            3 => Parquet.Format.LogicalType.Enum,
            4 => Parquet.Format.LogicalType.ForDecimal(_r.Next(39), 1 + _r.Next(38)),
            5 => Parquet.Format.LogicalType.Date,
            6 => Parquet.Format.LogicalType.ForTime(Coin(), units[_r.Next(3)]),
            7 => Parquet.Format.LogicalType.ForTimestamp(Coin(), units[_r.Next(3)]),
            8 => Parquet.Format.LogicalType.ForInteger(new[] { 8, 16, 32, 64 }[_r.Next(4)], Coin()),
            9 => Parquet.Format.LogicalType.Unknown,
            10 => Parquet.Format.LogicalType.Json,
            11 => Parquet.Format.LogicalType.Bson,
            12 => Parquet.Format.LogicalType.Uuid,
            13 => Parquet.Format.LogicalType.Float16,
            14 => Parquet.Format.LogicalType.Variant,
            15 => Parquet.Format.LogicalType.Geometry,
            16 => Parquet.Format.LogicalType.Geography,
            17 => Parquet.Format.LogicalType.ForUnrecognized(9),
            _ => Parquet.Format.LogicalType.ForUnrecognized(19 + _r.Next(300)),
        };
    }

    public SchemaElement SchemaElement() => new()
    {
        Type = Coin() ? (PhysicalType)_r.Next(8) : null,
        TypeLength = MaybeInt(),
        RepetitionType = Coin() ? (FieldRepetitionType)_r.Next(3) : null,
        Name = Str(),
        NumChildren = MaybeInt(),
        ConvertedType = Coin() ? (ConvertedType)_r.Next(22) : null,
        Scale = MaybeInt(),
        Precision = MaybeInt(),
        FieldId = MaybeInt(),
        LogicalType = Coin() ? LogicalType() : null,
    };

    public PageEncodingStats PageEncodingStats() => new()
    {
        PageType = (PageType)_r.Next(4),
        Encoding = (Encoding)_r.Next(10),
        Count = Int(),
    };

    public ColumnMetaData ColumnMetaData() => new()
    {
        Type = (PhysicalType)_r.Next(8),
        Encodings = ListOf(() => (Encoding)_r.Next(12)),
        PathInSchema = ListOf(Str),
        Codec = (CompressionCodec)_r.Next(8),
        NumValues = Long(),
        TotalUncompressedSize = Long(),
        TotalCompressedSize = Long(),
        KeyValueMetadata = MaybeList(KeyValue),
        DataPageOffset = Long(),
        IndexPageOffset = MaybeLong(),
        DictionaryPageOffset = MaybeLong(),
        Statistics = Coin() ? Statistics() : null,
        EncodingStats = MaybeList(PageEncodingStats),
        BloomFilterOffset = MaybeLong(),
        BloomFilterLength = MaybeInt(),
    };

    public ColumnChunk ColumnChunk() => new()
    {
        FilePath = Coin() ? Str() : null,
        FileOffset = Long(),
        MetaData = Coin() ? ColumnMetaData() : null,
        OffsetIndexOffset = MaybeLong(),
        OffsetIndexLength = MaybeInt(),
        ColumnIndexOffset = MaybeLong(),
        ColumnIndexLength = MaybeInt(),
    };

    public SortingColumn SortingColumn() => new() { ColumnIdx = Int(), Descending = Coin(), NullsFirst = Coin() };

    public RowGroup RowGroup() => new()
    {
        Columns = ListOf(ColumnChunk, allowLong: false),
        TotalByteSize = Long(),
        NumRows = Long(),
        SortingColumns = MaybeList(SortingColumn),
        FileOffset = MaybeLong(),
        TotalCompressedSize = MaybeLong(),
        Ordinal = Coin() ? (short)_r.Next(short.MinValue, short.MaxValue + 1) : null,
    };

    public ColumnOrder ColumnOrder() => _r.Next(4) switch
    {
        0 => new ColumnOrder(ColumnOrderKind.TypeDefinedOrder),
        1 => new ColumnOrder(ColumnOrderKind.Ieee754TotalOrder) { FieldId = 2 },
        2 => new ColumnOrder(ColumnOrderKind.Int96TimestampOrder) { FieldId = 3 },
        _ => new ColumnOrder(ColumnOrderKind.Unrecognized) { FieldId = 4 + _r.Next(100) },
    };

    public FileMetaData FileMetaData() => new()
    {
        Version = Int(),
        Schema = ListOf(SchemaElement),
        NumRows = Long(),
        RowGroups = ListOf(RowGroup, allowLong: false),
        KeyValueMetadata = MaybeList(KeyValue),
        CreatedBy = Coin() ? Str() : null,
        ColumnOrders = MaybeList(ColumnOrder),
    };

    public PageHeader PageHeader() => new()
    {
        Type = (PageType)_r.Next(4),
        UncompressedPageSize = Int(),
        CompressedPageSize = Int(),
        Crc = MaybeInt(),
        DataPageHeader = Coin() ? new DataPageHeader
        {
            NumValues = Int(),
            Encoding = (Encoding)_r.Next(10),
            DefinitionLevelEncoding = (Encoding)_r.Next(10),
            RepetitionLevelEncoding = (Encoding)_r.Next(10),
            Statistics = Coin() ? Statistics() : null,
        } : null,
        IndexPageHeader = Coin() ? new IndexPageHeader() : null,
        DictionaryPageHeader = Coin() ? new DictionaryPageHeader
        {
            NumValues = Int(),
            Encoding = (Encoding)_r.Next(10),
            IsSorted = MaybeBool(),
        } : null,
        DataPageHeaderV2 = Coin() ? new DataPageHeaderV2
        {
            NumValues = Int(),
            NumNulls = Int(),
            NumRows = Int(),
            Encoding = (Encoding)_r.Next(10),
            DefinitionLevelsByteLength = Int(),
            RepetitionLevelsByteLength = Int(),
            IsCompressed = Coin(),
            Statistics = Coin() ? Statistics() : null,
        } : null,
    };
}
