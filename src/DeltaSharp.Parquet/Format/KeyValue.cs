using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>KeyValue</c>: one entry of footer or column key/value metadata. Mutable, not thread-safe.</summary>
public sealed class KeyValue : IThriftStruct<KeyValue>
{
    public KeyValue() { }

    public KeyValue(string key, string? value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>1: required string key.</summary>
    public string Key { get; set; } = "";

    /// <summary>2: optional string value.</summary>
    public string? Value { get; set; }

    internal static KeyValue Read(ref ThriftCompactReader reader)
    {
        var result = new KeyValue();
        var hasKey = false;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.Key = reader.ReadString();
                    hasKey = true;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.Value = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if (!hasKey) ThriftThrow.MissingField(nameof(KeyValue), "key");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteStringField(1, Key);
        if (Value is not null) writer.WriteStringField(2, Value);
        writer.EndStruct(saved);
    }

    static KeyValue IThriftStruct<KeyValue>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<KeyValue>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
