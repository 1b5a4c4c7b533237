namespace DeltaSharp.Parquet.Thrift;

/// <summary>List fields of the shapes parquet.thrift uses: structs, strings and i32 enums.</summary>
internal static class ThriftCollections
{
    // The element count is already bounded by the bytes left; cap the up-front capacity anyway so a
    // hostile count costs no more than the elements actually decoded.
    private const int MaxInitialCapacity = 1024;

    public static List<T> ReadStructList<T>(ref ThriftCompactReader reader, ThriftType fieldType) where T : IThriftStruct<T>
    {
        reader.ExpectType(fieldType, ThriftType.List);
        var count = reader.ReadListHeader(out var elementType);
        reader.ExpectElementType(elementType, ThriftType.Struct, count);
        var list = new List<T>(Math.Min(count, MaxInitialCapacity));
        for (var i = 0; i < count; i++) list.Add(T.Read(ref reader));
        return list;
    }

    public static List<string> ReadStringList(ref ThriftCompactReader reader, ThriftType fieldType)
    {
        reader.ExpectType(fieldType, ThriftType.List);
        var count = reader.ReadListHeader(out var elementType);
        reader.ExpectElementType(elementType, ThriftType.Binary, count);
        var list = new List<string>(Math.Min(count, MaxInitialCapacity));
        for (var i = 0; i < count; i++) list.Add(reader.ReadString());
        return list;
    }

    public static List<int> ReadI32List(ref ThriftCompactReader reader, ThriftType fieldType)
    {
        reader.ExpectType(fieldType, ThriftType.List);
        var count = reader.ReadListHeader(out var elementType);
        reader.ExpectElementType(elementType, ThriftType.I32, count);
        var list = new List<int>(Math.Min(count, MaxInitialCapacity));
        for (var i = 0; i < count; i++) list.Add(reader.ReadI32());
        return list;
    }

    /// <summary>Reads an empty struct (a union member without payload), skipping any fields a newer format added.</summary>
    public static void ReadEmptyStruct(ref ThriftCompactReader reader, ThriftType fieldType)
    {
        reader.ExpectType(fieldType, ThriftType.Struct);
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out _)) reader.Skip(type);
        reader.EndStruct(saved);
    }

    public static void WriteStructList<T>(ref ThriftCompactWriter writer, short fieldId, List<T> items) where T : IThriftStruct<T>
    {
        writer.WriteFieldHeader(ThriftType.List, fieldId);
        writer.WriteListHeader(ThriftType.Struct, items.Count);
        foreach (var item in items) item.Write(ref writer);
    }

    public static void WriteStringList(ref ThriftCompactWriter writer, short fieldId, List<string> items)
    {
        writer.WriteFieldHeader(ThriftType.List, fieldId);
        writer.WriteListHeader(ThriftType.Binary, items.Count);
        foreach (var item in items) writer.WriteString(item);
    }

    public static void WriteI32List(ref ThriftCompactWriter writer, short fieldId, List<int> items)
    {
        writer.WriteFieldHeader(ThriftType.List, fieldId);
        writer.WriteListHeader(ThriftType.I32, items.Count);
        foreach (var item in items) writer.WriteI32(item);
    }

    public static void WriteEmptyStructField(ref ThriftCompactWriter writer, short fieldId)
    {
        writer.WriteFieldHeader(ThriftType.Struct, fieldId);
        var saved = writer.BeginStruct();
        writer.EndStruct(saved);
    }
}
