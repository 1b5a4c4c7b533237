using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DeltaSharp.Parquet.Thrift;

/// <summary>
/// Writes the Thrift compact protocol (thrift-compact-protocol.md) into an <see cref="IBufferWriter{T}"/>.
/// Struct pattern: <c>var saved = w.BeginStruct(); w.WriteI32Field(1, …); … w.EndStruct(saved);</c>; fields must
/// be written in increasing id order to get the one-byte short-form headers (any order is valid Thrift).
/// </summary>
internal ref struct ThriftCompactWriter
{
    private readonly IBufferWriter<byte> _output;
    private short _lastFieldId;

    public ThriftCompactWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    // ---------------------------------------------------------------- structs

    public short BeginStruct()
    {
        var saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    /// <summary>Writes the stop field and restores the enclosing struct's field-id context.</summary>
    public void EndStruct(short saved)
    {
        WriteRawByte(0);
        _lastFieldId = saved;
    }

    /// <summary>Writes a field header for a non-bool field (bools use <see cref="WriteBoolField"/>).</summary>
    public void WriteFieldHeader(ThriftType type, short fieldId)
    {
        if (type is ThriftType.Bool or ThriftType.Stop) throw new ArgumentOutOfRangeException(nameof(type), type, "use WriteBoolField for bool fields");
        WriteHeader((byte)type, fieldId);
    }

    private void WriteHeader(byte typeCode, short fieldId)
    {
        var delta = fieldId - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteRawByte((byte)(delta << 4 | typeCode));
        }
        else
        {
            WriteRawByte(typeCode);
            WriteI32(fieldId);
        }
        _lastFieldId = fieldId;
    }

    /// <summary>A bool field is just its header: type 1 = true, 2 = false.</summary>
    public void WriteBoolField(short fieldId, bool value) => WriteHeader(value ? (byte)1 : (byte)2, fieldId);

    public void WriteByteField(short fieldId, sbyte value)
    {
        WriteHeader((byte)ThriftType.Byte, fieldId);
        WriteByte(value);
    }

    public void WriteI16Field(short fieldId, short value)
    {
        WriteHeader((byte)ThriftType.I16, fieldId);
        WriteI16(value);
    }

    public void WriteI32Field(short fieldId, int value)
    {
        WriteHeader((byte)ThriftType.I32, fieldId);
        WriteI32(value);
    }

    public void WriteI64Field(short fieldId, long value)
    {
        WriteHeader((byte)ThriftType.I64, fieldId);
        WriteI64(value);
    }

    public void WriteDoubleField(short fieldId, double value)
    {
        WriteHeader((byte)ThriftType.Double, fieldId);
        WriteDouble(value);
    }

    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteHeader((byte)ThriftType.Binary, fieldId);
        WriteBinary(value);
    }

    public void WriteStringField(short fieldId, string value)
    {
        WriteHeader((byte)ThriftType.Binary, fieldId);
        WriteString(value);
    }

    // ---------------------------------------------------------------- containers

    /// <summary>List/set header: short form for 0–14 elements, else 0xF_ plus a varint count.</summary>
    public void WriteListHeader(ThriftType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (elementType == ThriftType.Stop) throw new ArgumentOutOfRangeException(nameof(elementType));
        // Java and C++ write 1 as the bool element type (the spec says 2); every reader accepts both.
        var code = (byte)elementType;
        if (count < 15)
        {
            WriteRawByte((byte)(count << 4 | code));
        }
        else
        {
            WriteRawByte((byte)(0xF0 | code));
            WriteVarint32((uint)count);
        }
    }

    /// <summary>Map header: a lone 0 for an empty map, else varint count then key/value type nibbles.</summary>
    public void WriteMapHeader(ThriftType keyType, ThriftType valueType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            WriteRawByte(0);
            return;
        }
        WriteVarint32((uint)count);
        WriteRawByte((byte)((byte)keyType << 4 | (byte)valueType));
    }

    // ---------------------------------------------------------------- values

    /// <summary>A bool list element: 1 = true, 2 = false (what Java/C++ write; Rust's reader rejects 0).</summary>
    public void WriteBool(bool value) => WriteRawByte(value ? (byte)1 : (byte)2);

    public void WriteByte(sbyte value) => WriteRawByte((byte)value);

    public void WriteI16(short value) => WriteI32(value);

    public void WriteI32(int value) => WriteVarint32((uint)(value << 1 ^ value >> 31));

    public void WriteI64(long value) => WriteVarint64((ulong)(value << 1 ^ value >> 63));

    public void WriteDouble(double value)
    {
        var span = _output.GetSpan(8);
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        _output.Advance(8);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint32((uint)value.Length);
        if (value.IsEmpty) return;
        var span = _output.GetSpan(value.Length);
        value.CopyTo(span);
        _output.Advance(value.Length);
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var len = Encoding.UTF8.GetByteCount(value);
        WriteVarint32((uint)len);
        if (len == 0) return;
        var span = _output.GetSpan(len);
        Encoding.UTF8.GetBytes(value, span);
        _output.Advance(len);
    }

    // ---------------------------------------------------------------- primitives

    private void WriteRawByte(byte b)
    {
        var span = _output.GetSpan(1);
        span[0] = b;
        _output.Advance(1);
    }

    private void WriteVarint32(uint value)
    {
        var span = _output.GetSpan(5);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _output.Advance(n);
    }

    private void WriteVarint64(ulong value)
    {
        var span = _output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _output.Advance(n);
    }
}
