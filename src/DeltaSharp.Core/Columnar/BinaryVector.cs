using System.Text;
using DeltaSharp.Types;

namespace DeltaSharp.Columnar;

/// <summary>
/// Variable-length values (string as UTF-8, binary) stored as one byte buffer plus Length+1 offsets:
/// value i is Data[Offsets[i]..Offsets[i+1]]. No .NET string is created per value on the scan path.
/// </summary>
public sealed class BinaryVector : ColumnVector
{
    private byte[] _data;
    private int[] _offsets;

    public BinaryVector(DataType type, int capacity, int dataCapacity = 0) : base(type)
    {
        _offsets = new int[Math.Max(1, capacity) + 1];
        _data = new byte[Math.Max(16, dataCapacity)];
    }

    public byte[] Data => _data;

    /// <summary>Offsets; Offsets[0] = 0 and Offsets[i+1] ≥ Offsets[i].</summary>
    public int[] Offsets => _offsets;

    /// <summary>Bytes in use in <see cref="Data"/>.</summary>
    public int DataLength => _offsets[Length];

    public override int Capacity => _offsets.Length - 1;

    public override void EnsureCapacity(int capacity)
    {
        if (capacity + 1 > _offsets.Length)
            Array.Resize(ref _offsets, Math.Max(capacity + 1, _offsets.Length * 2));
        if (Validity is not null) EnsureValidity(capacity);
    }

    /// <summary>Grows <see cref="Data"/> to at least <paramref name="bytes"/>, keeping its contents; bytes past the old
    /// length are unspecified (not zeroed: the buffer is about to be overwritten by a decoder).</summary>
    public void EnsureDataCapacity(int bytes)
    {
        if (bytes <= _data.Length) return;
        var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(bytes, (long)_data.Length * 2)));
        _data.CopyTo(grown, 0);
        _data = grown;
    }

    public ReadOnlySpan<byte> GetBytes(int index) => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));

    public void Append(ReadOnlySpan<byte> value)
    {
        if (Length + 1 >= _offsets.Length) EnsureCapacity(Length + 1);
        var start = _offsets[Length];
        EnsureDataCapacity(start + value.Length);
        value.CopyTo(_data.AsSpan(start));
        _offsets[++Length] = start + value.Length;
    }

    public void Append(string value) => Append(Encoding.UTF8.GetBytes(value));

    public void AppendNull()
    {
        if (Length + 1 >= _offsets.Length) EnsureCapacity(Length + 1);
        var start = _offsets[Length];
        SetNull(Length);
        _offsets[++Length] = start;
    }

    public override void Reset()
    {
        base.Reset();
        _offsets[0] = 0;
    }

    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        return Type is StringType ? GetString(index) : GetBytes(index).ToArray();
    }
}
