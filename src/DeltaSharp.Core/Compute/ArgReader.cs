using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// Row access to one argument of a row-wise kernel, hiding whether it is a column or a scalar. Typed getters read
/// the physical value without boxing (string values as UTF-8 spans or decoded strings). Not thread-safe.
/// </summary>
internal sealed class ArgReader
{
    private readonly ColumnVector? _vector;
    private readonly bool _scalarNull;
    private readonly long _long;
    private readonly int _int;
    private readonly double _double;
    private readonly bool _bool;
    private readonly byte[]? _bytes;
    private readonly string? _string;
    private readonly object? _scalar;
    private readonly DecimalValue _decimal;

    // Typed views of a column, set once so row access needs no type test.
    private readonly int[]? _ints;
    private readonly long[]? _longs;
    private readonly double[]? _doubles;
    private readonly BinaryVector? _binary;
    private readonly ValidityBitmap? _validity;

    public ArgReader(in ColumnarValue value)
    {
        Type = value.Type;
        IsScalar = value.IsScalar;
        if (!value.IsScalar)
        {
            _vector = value.Vector!;
            _validity = _vector.Validity;
            switch (_vector)
            {
                case PrimitiveVector<int> v: _ints = v.Values; break;
                case PrimitiveVector<long> v: _longs = v.Values; break;
                case PrimitiveVector<double> v: _doubles = v.Values; break;
                case BinaryVector b: _binary = b; break;
            }
            return;
        }
        _scalar = value.Scalar;
        _scalarNull = value.Scalar is null;
        if (_scalarNull) return;
        switch (Type.Physical)
        {
            case PhysicalKind.Boolean: _bool = ScalarValues.Unbox<bool>(Type, _scalar!); break;
            case PhysicalKind.Int8: _int = ScalarValues.Unbox<sbyte>(Type, _scalar!); _long = _int; break;
            case PhysicalKind.Int16: _int = ScalarValues.Unbox<short>(Type, _scalar!); _long = _int; break;
            case PhysicalKind.Int32: _int = ScalarValues.Unbox<int>(Type, _scalar!); _long = _int; break;
            case PhysicalKind.Int64:
                if (Type is DecimalType d) _decimal = new DecimalValue(ScalarValues.Unbox<long>(Type, _scalar!), d.Scale);
                else _long = ScalarValues.Unbox<long>(Type, _scalar!);
                break;
            case PhysicalKind.Int128: _decimal = new DecimalValue(ScalarValues.Unbox<Int128>(Type, _scalar!), ((DecimalType)Type).Scale); break;
            case PhysicalKind.Float32: _double = ScalarValues.Unbox<float>(Type, _scalar!); break;
            case PhysicalKind.Float64: _double = ScalarValues.Unbox<double>(Type, _scalar!); break;
            case PhysicalKind.Binary:
                if (_scalar is string s)
                {
                    _string = s;
                    _bytes = Encoding.UTF8.GetBytes(s);
                }
                else
                {
                    _bytes = (byte[])_scalar!;
                    _string = Type is StringType ? Encoding.UTF8.GetString(_bytes) : null;
                }
                break;
        }
    }

    public DataType Type { get; }
    public bool IsScalar { get; }
    public ColumnVector? Vector => _vector;

    public bool IsNull(int row) => _vector is null ? _scalarNull : _validity is { } v && !v.IsValid(row);

    public bool Bool(int row) => _vector is null ? _bool : ((PrimitiveVector<bool>)_vector).Values[row];

    /// <summary>byte, short, int and date values widened to int.</summary>
    public int Int(int row) => _ints is not null ? _ints[row] : _vector switch
    {
        null => _int,
        PrimitiveVector<int> v => v.Values[row],
        PrimitiveVector<short> v => v.Values[row],
        PrimitiveVector<sbyte> v => v.Values[row],
        _ => throw new InvalidOperationException($"{Type} is not an int-like column."),
    };

    /// <summary>Any integral (or timestamp/interval) value widened to long.</summary>
    public long Long(int row) => _longs is not null && Type is not DecimalType ? _longs[row] : _vector switch
    {
        null => _long,
        PrimitiveVector<long> v => v.Values[row],
        PrimitiveVector<int> v => v.Values[row],
        PrimitiveVector<short> v => v.Values[row],
        PrimitiveVector<sbyte> v => v.Values[row],
        _ => throw new InvalidOperationException($"{Type} is not an integral column."),
    };

    /// <summary>A float or double value as double.</summary>
    public double Double(int row) => _doubles is not null ? _doubles[row] : _vector switch
    {
        null => _double,
        PrimitiveVector<double> v => v.Values[row],
        PrimitiveVector<float> v => v.Values[row],
        _ => throw new InvalidOperationException($"{Type} is not a floating-point column."),
    };

    public DecimalValue Decimal(int row) => _vector switch
    {
        null => _decimal,
        PrimitiveVector<long> v => new DecimalValue(v.Values[row], ((DecimalType)Type).Scale),
        PrimitiveVector<Int128> v => new DecimalValue(v.Values[row], ((DecimalType)Type).Scale),
        _ => throw new InvalidOperationException($"{Type} is not a decimal column."),
    };

    /// <summary>The bytes of a string (UTF-8) or binary value.</summary>
    public ReadOnlySpan<byte> Bytes(int row) => _binary is not null ? _binary.GetBytes(row) : _bytes;

    public string String(int row) => _vector is null ? _string ?? Encoding.UTF8.GetString(_bytes!) : ((BinaryVector)_vector).GetString(row);

    /// <summary>The scalar representation of the row (slow path: nested types, generic functions).</summary>
    public object? Object(int row) => _vector is null ? _scalar : ScalarValues.At(_vector, row);
}

/// <summary>The body of a row-wise kernel: reads row <c>row</c> of the arguments and appends one value (or null) to the output.</summary>
internal delegate void RowBody(ArgReader[] args, int row, ColumnVector output);

/// <summary>
/// Row-at-a-time kernels for the functions that are not simple fixed-width loops (strings, date parsing, nested
/// values). With only scalar arguments they run once and return a scalar, so a scalar call and a column call share
/// one code path.
/// </summary>
internal static class RowKernel
{
    /// <summary>Runs <paramref name="body"/> for each row; rows where any argument is null give null unless
    /// <paramref name="nullIntolerant"/> is false.</summary>
    public static ColumnarValue Map(ColumnarValue[] args, int rowCount, DataType resultType, RowBody body, bool nullIntolerant = true)
    {
        var scalar = Kernels.AllScalar(args);
        var rows = scalar ? 1 : rowCount;
        var readers = new ArgReader[args.Length];
        for (var i = 0; i < args.Length; i++) readers[i] = new ArgReader(args[i]);
        if (nullIntolerant)
        {
            foreach (var r in readers)
                if (r.IsScalar && r.IsNull(0)) return Kernels.NullResult(resultType, rowCount, scalar);
        }
        var output = ColumnVector.Create(resultType, rows);
        try
        {
            for (var row = 0; row < rows; row++)
            {
                if (nullIntolerant && AnyNull(readers, row))
                {
                    ScalarValues.AppendNull(output);
                    continue;
                }
                body(readers, row, output);
            }
        }
        catch (OverflowException)
        {
            // A kernel's checked arithmetic (Java's Math.*Exact in Spark) overflowed: Spark's ARITHMETIC_OVERFLOW.
            throw ComputeErrors.ArithmeticOverflow("long overflow", null);
        }
        return Finish(output, scalar);
    }

    public static ColumnarValue Finish(ColumnVector output, bool scalar) =>
        scalar ? ColumnarValue.OfScalar(output.Type, ScalarValues.At(output, 0)) : ColumnarValue.Of(output);

    private static bool AnyNull(ArgReader[] readers, int row)
    {
        foreach (var r in readers)
            if (r.IsNull(row)) return true;
        return false;
    }
}
