namespace DeltaSharp.Parquet.Thrift;

/// <summary>
/// Compact-protocol type codes (thrift-compact-protocol.md, "Struct encoding" and "List and Set").
/// The wire has two codes for booleans in field headers (1 = true, 2 = false) and writers use 1 or 2 as the
/// list element type; the reader reports all of them as <see cref="Bool"/>.
/// </summary>
internal enum ThriftType : byte
{
    Stop = 0,
    Bool = 1,
    // 2 is BOOLEAN_FALSE in a field header; never surfaced by the reader.
    Byte = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
    Uuid = 13,
}
