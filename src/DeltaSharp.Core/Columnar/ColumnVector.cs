using DeltaSharp.Types;

namespace DeltaSharp.Columnar;

/// <summary>
/// A column of values of one <see cref="DataType"/>, with an optional validity bitmap (null when the
/// vector holds no nulls). Vectors are mutable buffers filled by decoders and operators and reused
/// across batches: <see cref="Reset"/> empties one without freeing its memory. Not thread-safe.
/// </summary>
public abstract class ColumnVector
{
    private protected ColumnVector(DataType type) => Type = type;

    public DataType Type { get; }

    /// <summary>Number of slots in use.</summary>
    public int Length { get; set; }

    /// <summary>Validity bitmap, or null when every slot in [0, Length) is valid.</summary>
    public ValidityBitmap? Validity { get; private set; }

    public bool HasNulls => Validity is not null;

    public bool IsNull(int index) => Validity is { } v && !v.IsValid(index);

    /// <summary>Returns the bitmap, creating it with all of [0, capacity) valid when absent.</summary>
    public ValidityBitmap EnsureValidity(int capacity)
    {
        if (Validity is null)
        {
            // Cover the whole vector and mark every allocated word valid: slots past `capacity` that are filled
            // later without nulls (e.g. the next page of a batch) must read as valid.
            Validity = new ValidityBitmap(Math.Max(capacity, Capacity));
            Validity.SetRange(0, Validity.Words.Length * 64, true);
        }
        else
        {
            var old = Validity.Words.Length * 64;
            Validity.EnsureCapacity(capacity);
            if (Validity.Words.Length * 64 > old) Validity.SetRange(old, Validity.Words.Length * 64 - old, true);
        }
        return Validity;
    }

    public void SetNull(int index) => EnsureValidity(Math.Max(index + 1, Capacity)).SetNull(index);

    /// <summary>Drops the bitmap: every slot becomes valid.</summary>
    public void ClearValidity() => Validity = null;

    public int NullCount => Validity is null ? 0 : Validity.CountNulls(Length);

    /// <summary>Slots the vector can hold without growing.</summary>
    public abstract int Capacity { get; }

    /// <summary>Grows the value storage to hold at least <paramref name="capacity"/> slots, keeping contents.</summary>
    public abstract void EnsureCapacity(int capacity);

    /// <summary>Empties the vector (Length 0, no nulls) keeping its buffers.</summary>
    public virtual void Reset()
    {
        Length = 0;
        Validity = null;
    }

    /// <summary>The value at <paramref name="index"/> as a boxed .NET object (see <see cref="Values.ValueConverter"/>).
    /// For tests, tools and row-at-a-time edges only; never on a scan path.</summary>
    public abstract object? GetObject(int index);

    /// <summary>Creates an empty vector for <paramref name="type"/> with room for <paramref name="capacity"/> slots.</summary>
    public static ColumnVector Create(DataType type, int capacity)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Physical switch
        {
            PhysicalKind.Boolean => new PrimitiveVector<bool>(type, capacity),
            PhysicalKind.Int8 => new PrimitiveVector<sbyte>(type, capacity),
            PhysicalKind.Int16 => new PrimitiveVector<short>(type, capacity),
            PhysicalKind.Int32 => new PrimitiveVector<int>(type, capacity),
            PhysicalKind.Int64 => new PrimitiveVector<long>(type, capacity),
            PhysicalKind.Int128 => new PrimitiveVector<Int128>(type, capacity),
            PhysicalKind.Float32 => new PrimitiveVector<float>(type, capacity),
            PhysicalKind.Float64 => new PrimitiveVector<double>(type, capacity),
            PhysicalKind.Binary => new BinaryVector(type, capacity),
            PhysicalKind.Struct => new StructVector((StructType)type, capacity),
            PhysicalKind.List => new ListVector((ArrayType)type, capacity),
            PhysicalKind.Map => new MapVector((MapType)type, capacity),
            _ => throw new NotSupportedException($"No vector for {type}."),
        };
    }
}
