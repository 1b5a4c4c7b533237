using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>DictionaryPageHeader</c>. Mutable, not thread-safe.</summary>
public sealed class DictionaryPageHeader : IThriftStruct<DictionaryPageHeader>
{
    /// <summary>1: required i32 num_values in the dictionary.</summary>
    public int NumValues { get; set; }

    /// <summary>2: required Encoding encoding (PLAIN, or legacy PLAIN_DICTIONARY).</summary>
    public Encoding Encoding { get; set; }

    /// <summary>3: optional bool is_sorted.</summary>
    public bool? IsSorted { get; set; }

    internal static DictionaryPageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new DictionaryPageHeader();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.NumValues = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Encoding = (Encoding)reader.ReadI32();
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.Bool);
                    result.IsSorted = reader.ReadBool();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(DictionaryPageHeader), "num_values");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(DictionaryPageHeader), "encoding");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        if (IsSorted is { } sorted) writer.WriteBoolField(3, sorted);
        writer.EndStruct(saved);
    }

    static DictionaryPageHeader IThriftStruct<DictionaryPageHeader>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<DictionaryPageHeader>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
