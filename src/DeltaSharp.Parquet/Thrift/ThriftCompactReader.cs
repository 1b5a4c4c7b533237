using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeltaSharp.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol (thrift-compact-protocol.md) from a span. Every length and element count
/// is checked against the bytes left before anything is allocated; truncated or malformed input raises
/// <see cref="ParquetFormatException"/> ("corrupt Thrift data: …"). Nesting is limited to <see cref="MaxDepth"/>
/// so hostile input cannot exhaust the stack, and every element consumes at least one byte, so no input can
/// make the reader loop without progress.
/// </summary>
/// <remarks>
/// Struct reading pattern: <c>var saved = r.BeginStruct(); while (r.ReadFieldHeader(out var t, out var id)) { … }
/// r.EndStruct(saved);</c>. Field ids are delta-encoded against the previous field of the same struct, which
/// <see cref="BeginStruct"/>/<see cref="EndStruct"/> save and restore.
/// </remarks>
internal ref struct ThriftCompactReader
{
    /// <summary>Maximum nesting of structs and containers.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;
    private short _lastFieldId;
    private int _depth;

    // A bool field carries its value in the field header type (1 = true, 2 = false); 0 = no value pending.
    private byte _pendingBool;

    public ThriftCompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _pos;

    public readonly int Remaining => _data.Length - _pos;

    /// <summary>Measures the struct at the start of <paramref name="data"/> without decoding it. Returns false when
    /// <paramref name="data"/> ends before the struct does (the caller can retry with more bytes); throws on bytes
    /// that cannot be Thrift.</summary>
    public static bool TryMeasureStruct(ReadOnlySpan<byte> data, out int length)
    {
        var r = new ThriftCompactReader(data);
        if (r.TrySkip(ThriftType.Struct, 1))
        {
            length = r._pos;
            return true;
        }
        length = 0;
        return false;
    }

    // ---------------------------------------------------------------- structs

    /// <summary>Enters a struct; returns the field-id context to hand back to <see cref="EndStruct"/>.</summary>
    public short BeginStruct()
    {
        if (++_depth > MaxDepth) ThriftThrow.TooDeep(_pos);
        var saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    /// <summary>Leaves a struct whose stop field has been read by <see cref="ReadFieldHeader"/>.</summary>
    public void EndStruct(short saved)
    {
        _depth--;
        _lastFieldId = saved;
    }

    /// <summary>Reads a field header. Returns false at the stop field that ends the struct.</summary>
    public bool ReadFieldHeader(out ThriftType type, out short fieldId)
    {
        var start = _pos;
        var b = ReadRawByte();
        if (b == 0)
        {
            type = ThriftType.Stop;
            fieldId = 0;
            return false;
        }
        var code = b & 0x0F;
        var delta = b >> 4;
        // Short form: 4-bit delta to the previous field id; long form: zigzag i16 after the type byte.
        var id = delta != 0 ? _lastFieldId + delta : ReadI16();
        if (id > short.MaxValue) ThriftThrow.Corrupt("field id out of range", start);
        type = FieldType(code, start);
        if (type == ThriftType.Bool) _pendingBool = (byte)code;
        _lastFieldId = (short)id;
        fieldId = (short)id;
        return true;
    }

    /// <summary>Throws unless a field arrived with the wire type its declaration requires.</summary>
    public readonly void ExpectType(ThriftType actual, ThriftType expected)
    {
        if (actual != expected)
            ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture,
                $"field {_lastFieldId} has wire type {actual}, expected {expected}"), _pos);
    }

    // ---------------------------------------------------------------- scalars

    /// <summary>Reads a bool: the value carried by the preceding bool field header, or a one-byte list element.</summary>
    public bool ReadBool()
    {
        if (_pendingBool != 0)
        {
            var value = _pendingBool == 1;
            _pendingBool = 0;
            return value;
        }
        var start = _pos;
        // Element bools: the spec says 1/0, Java and C++ write 1/2.
        return ReadRawByte() switch
        {
            1 => true,
            0 or 2 => false,
            _ => ThrowBadBool(start),
        };
    }

    public sbyte ReadByte() => (sbyte)ReadRawByte();

    public short ReadI16()
    {
        var start = _pos;
        var v = ReadI32();
        if (v is < short.MinValue or > short.MaxValue) ThriftThrow.Corrupt("i16 value out of range", start);
        return (short)v;
    }

    public int ReadI32()
    {
        var u = ReadVarint32();
        return (int)(u >> 1) ^ -(int)(u & 1);
    }

    public long ReadI64()
    {
        var u = ReadVarint64();
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    public double ReadDouble()
    {
        // Little-endian, unlike the binary protocol (thrift-compact-protocol.md, "Double encoding").
        if (Remaining < 8) ThriftThrow.Truncated(_pos);
        var v = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_pos, 8));
        _pos += 8;
        return v;
    }

    /// <summary>Reads a binary value as a slice of the input (valid while the input is).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var start = _pos;
        var len = ReadVarint32();
        if (len > (uint)Remaining)
            ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture,
                $"binary length {len} exceeds the {Remaining} remaining bytes"), start);
        var slice = _data.Slice(_pos, (int)len);
        _pos += (int)len;
        return slice;
    }

    public byte[] ReadBinaryArray() => ReadBinary().ToArray();

    /// <summary>Reads a UTF-8 string; invalid sequences become U+FFFD rather than failing the whole footer.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    // ---------------------------------------------------------------- containers

    /// <summary>Reads a list or set header and returns the element count, which never exceeds the bytes left.</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        var start = _pos;
        var b = ReadRawByte();
        var count = b >> 4;
        if (count == 15) count = ReadCount(start);
        elementType = count == 0 && (b & 0x0F) == 0 ? ThriftType.Stop : ElementType(b & 0x0F, start);
        CheckCount(count, 1, start);
        if (count > 0) CheckDepth(start);
        return count;
    }

    /// <summary>Reads a map header and returns the entry count; key and value types are Stop for an empty map.</summary>
    public int ReadMapHeader(out ThriftType keyType, out ThriftType valueType)
    {
        var start = _pos;
        var count = ReadCount(start);
        if (count == 0)
        {
            keyType = valueType = ThriftType.Stop;
            return 0;
        }
        var b = ReadRawByte();
        keyType = ElementType(b >> 4, start);
        valueType = ElementType(b & 0x0F, start);
        CheckCount(count, 2, start);
        CheckDepth(start);
        return count;
    }

    /// <summary>Throws unless a list's element type is the declared one (an empty list may carry any type).</summary>
    public readonly void ExpectElementType(ThriftType actual, ThriftType expected, int count)
    {
        if (count > 0 && actual != expected)
            ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture,
                $"list in field {_lastFieldId} has element type {actual}, expected {expected}"), _pos);
    }

    // ---------------------------------------------------------------- skipping

    /// <summary>Skips a value of the given type (an unknown field).</summary>
    public void Skip(ThriftType type)
    {
        if (!TrySkip(type, _depth + 1)) ThriftThrow.Truncated(_pos);
    }

    // Returns false when the data ends first; throws on malformed data. Element counts larger than the bytes
    // left count as "ends first" here so a caller measuring a header in a short window can retry with more.
    private bool TrySkip(ThriftType type, int depth)
    {
        switch (type)
        {
            case ThriftType.Bool:
                if (_pendingBool != 0)
                {
                    _pendingBool = 0;
                    return true;
                }
                if (!TryReadRawByte(out var bb)) return false;
                if (bb > 2) ThrowBadBool(_pos - 1);
                return true;
            case ThriftType.Byte:
                return TryAdvance(1);
            case ThriftType.I16:
            case ThriftType.I32:
                return TryReadVarint32(out _);
            case ThriftType.I64:
                return TryReadVarint64(out _);
            case ThriftType.Double:
                return TryAdvance(8);
            case ThriftType.Uuid:
                return TryAdvance(16);
            case ThriftType.Binary:
                return TryReadVarint32(out var len) && len <= int.MaxValue && TryAdvance((int)len);
            case ThriftType.List:
            case ThriftType.Set:
                return TrySkipList(depth);
            case ThriftType.Map:
                return TrySkipMap(depth);
            case ThriftType.Struct:
                return TrySkipStruct(depth);
            default:
                ThriftThrow.Corrupt($"cannot skip a value of type {type}", _pos);
                return false;
        }
    }

    private bool TrySkipStruct(int depth)
    {
        if (depth > MaxDepth) ThriftThrow.TooDeep(_pos);
        while (true)
        {
            var start = _pos;
            if (!TryReadRawByte(out var b)) return false;
            if (b == 0) return true;
            if (b >> 4 == 0 && !TryReadVarint32(out _)) return false; // long-form field id
            var code = b & 0x0F;
            if (code is 1 or 2) continue; // bool: the value is the header itself
            if (!TrySkip(FieldType(code, start), depth + 1)) return false;
        }
    }

    private bool TrySkipList(int depth)
    {
        if (depth > MaxDepth) ThriftThrow.TooDeep(_pos);
        var start = _pos;
        if (!TryReadRawByte(out var b)) return false;
        int count = b >> 4;
        if (count == 15)
        {
            if (!TryReadVarint32(out var u)) return false;
            if (u > int.MaxValue) ThriftThrow.Corrupt("negative element count", start);
            count = (int)u;
        }
        if (count == 0) return true;
        var elem = ElementType(b & 0x0F, start);
        if (count > Remaining) return false;
        for (var i = 0; i < count; i++)
        {
            if (elem == ThriftType.Bool)
            {
                if (!TryReadRawByte(out var v)) return false;
                if (v > 2) ThrowBadBool(_pos - 1);
            }
            else if (!TrySkip(elem, depth + 1))
            {
                return false;
            }
        }
        return true;
    }

    private bool TrySkipMap(int depth)
    {
        if (depth > MaxDepth) ThriftThrow.TooDeep(_pos);
        var start = _pos;
        if (!TryReadVarint32(out var u)) return false;
        if (u > int.MaxValue) ThriftThrow.Corrupt("negative element count", start);
        if (u == 0) return true;
        if (!TryReadRawByte(out var kv)) return false;
        var keyType = ElementType(kv >> 4, start);
        var valueType = ElementType(kv & 0x0F, start);
        if (u > (uint)Remaining / 2) return false;
        for (var i = 0; i < (int)u; i++)
        {
            if (!TrySkipElement(keyType, depth) || !TrySkipElement(valueType, depth)) return false;
        }
        return true;
    }

    private bool TrySkipElement(ThriftType type, int depth)
    {
        if (type != ThriftType.Bool) return TrySkip(type, depth + 1);
        if (!TryReadRawByte(out var v)) return false;
        if (v > 2) ThrowBadBool(_pos - 1);
        return true;
    }

    // ---------------------------------------------------------------- primitives

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadRawByte()
    {
        if ((uint)_pos >= (uint)_data.Length) ThriftThrow.Truncated(_pos);
        return _data[_pos++];
    }

    private bool TryReadRawByte(out byte b)
    {
        if ((uint)_pos >= (uint)_data.Length)
        {
            b = 0;
            return false;
        }
        b = _data[_pos++];
        return true;
    }

    private bool TryAdvance(int n)
    {
        if (n > Remaining) return false;
        _pos += n;
        return true;
    }

    private uint ReadVarint32()
    {
        if (!TryReadVarint32(out var v)) ThriftThrow.Truncated(_pos);
        return v;
    }

    private ulong ReadVarint64()
    {
        if (!TryReadVarint64(out var v)) ThriftThrow.Truncated(_pos);
        return v;
    }

    // ULEB128 of at most 5 bytes; the fifth byte may hold only the top 4 bits.
    private bool TryReadVarint32(out uint value)
    {
        var start = _pos;
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (!TryReadRawByte(out var b))
            {
                value = 0;
                return false;
            }
            if (shift == 28 && b > 0x0F) ThriftThrow.Corrupt("varint too long for 32 bits", start);
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = result;
                return true;
            }
        }
        value = 0;
        return false; // unreachable: the fifth byte check throws first
    }

    // ULEB128 of at most 10 bytes; the tenth byte may hold only the top bit.
    private bool TryReadVarint64(out ulong value)
    {
        var start = _pos;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (!TryReadRawByte(out var b))
            {
                value = 0;
                return false;
            }
            if (shift == 63 && b > 0x01) ThriftThrow.Corrupt("varint too long for 64 bits", start);
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = result;
                return true;
            }
        }
        value = 0;
        return false;
    }

    private int ReadCount(int start)
    {
        var u = ReadVarint32();
        if (u > int.MaxValue) ThriftThrow.Corrupt("negative element count", start);
        return (int)u;
    }

    // Every element takes at least one byte, so a count above the bytes left is corrupt, whatever it claims.
    private readonly void CheckCount(int count, int minBytesPerElement, int start)
    {
        if ((long)count * minBytesPerElement > Remaining)
            ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture,
                $"collection of {count} elements exceeds the {Remaining} remaining bytes"), start);
    }

    private readonly void CheckDepth(int start)
    {
        if (_depth + 1 > MaxDepth) ThriftThrow.TooDeep(start);
    }

    private static ThriftType FieldType(int code, int position)
    {
        if (code is 1 or 2) return ThriftType.Bool;
        if (code is < 3 or > 13) ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture, $"unknown field type {code}"), position);
        return (ThriftType)code;
    }

    private static ThriftType ElementType(int code, int position)
    {
        if (code is 1 or 2) return ThriftType.Bool;
        if (code is < 3 or > 13) ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture, $"unknown element type {code}"), position);
        return (ThriftType)code;
    }

    private static bool ThrowBadBool(int position)
    {
        ThriftThrow.Corrupt("invalid bool value", position);
        return false;
    }
}
