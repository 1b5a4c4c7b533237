using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Turns a vector decoded with a data file's own types into one of the table's logical type: nested struct fields
/// renamed to logical names (column mapping), nested fields missing from an old file filled with nulls (schema
/// evolution), and primitive widenings the Delta type-widening rules allow (byte→short→int→long, float→double,
/// integers→double/decimal, decimal scale/precision increase, date→timestamp_ntz, timestamp↔timestamp_ntz,
/// string↔binary). Built once per file and column; <see cref="Identity"/> (no change) reuses the decoded vector as
/// is, struct children are shared, only leaf buffers that change type are copied. Thread-safe.
/// </summary>
internal abstract class VectorAdapter
{
    /// <summary>Null when <paramref name="file"/> can be used as <paramref name="logical"/> unchanged.</summary>
    public static VectorAdapter? Create(DataType file, DataType logical, ColumnMappingMode mode, string column)
    {
        switch (logical)
        {
            case StructType ls when file is StructType fs:
            {
                var children = new (int FileIndex, VectorAdapter? Adapter)[ls.Count];
                var change = ls.Count != fs.Count;
                for (var i = 0; i < ls.Count; i++)
                {
                    var fi = FileFieldMatcher.Match(ls[i], fs, mode);
                    if (fi < 0)
                    {
                        children[i] = (-1, null);
                        change = true;
                        continue;
                    }
                    var adapter = Create(fs[fi].Type, ls[i].Type, mode, column + "." + ls[i].Name);
                    children[i] = (fi, adapter);
                    change |= fi != i || adapter is not null || fs[fi].Name != ls[i].Name;
                }
                return change ? new StructAdapter(ls, children) : null;
            }
            case ArrayType la when file is ArrayType fa:
            {
                var element = Create(fa.ElementType, la.ElementType, mode, column + ".element");
                return element is null ? null : new ListAdapter(la, element);
            }
            case MapType lm when file is MapType fm:
            {
                var key = Create(fm.KeyType, lm.KeyType, mode, column + ".key");
                var value = Create(fm.ValueType, lm.ValueType, mode, column + ".value");
                return key is null && value is null ? null : new MapAdapter(lm, key ?? new CopyAdapter(lm.KeyType), value ?? new CopyAdapter(lm.ValueType));
            }
            default:
                if (logical.IsPrimitive && file.IsPrimitive)
                {
                    if (file.Equals(logical)) return null;
                    if (PrimitiveAdapter.CanConvert(file, logical)) return new PrimitiveAdapter(file, logical);
                }
                throw new DeltaException("FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                    $"Column '{column}' is {file.SimpleString} in the data file but {logical.SimpleString} in the table schema, and that change cannot be read.");
        }
    }

    public DataType Logical { get; }

    protected VectorAdapter(DataType logical) => Logical = logical;

    /// <summary>A vector of the logical type with the rows of <paramref name="source"/>.</summary>
    public ColumnVector Adapt(ColumnVector source)
    {
        var target = ColumnVector.Create(Logical, Logical.IsPrimitive ? Math.Max(1, source.Length) : 1);
        FillInto(target, source);
        return target;
    }

    /// <summary>Makes the empty vector <paramref name="target"/> (of the logical type) hold the rows of <paramref name="source"/>.</summary>
    public abstract void FillInto(ColumnVector target, ColumnVector source);

    protected static void CopyValidity(ColumnVector target, ColumnVector source, int rows)
    {
        if (source.Validity is not { } sv || rows == 0) return;
        var tv = target.EnsureValidity(rows);
        var words = (rows + 63) >> 6;
        sv.Words.AsSpan(0, words).CopyTo(tv.Words);
    }

    private sealed class StructAdapter(StructType logical, (int FileIndex, VectorAdapter? Adapter)[] children) : VectorAdapter(logical)
    {
        public override void FillInto(ColumnVector target, ColumnVector source)
        {
            var t = (StructVector)target;
            var s = (StructVector)source;
            var rows = s.Length;
            for (var i = 0; i < children.Length; i++)
            {
                var (fi, adapter) = children[i];
                t.Children[i] = fi < 0 ? ConstantVectors.Null(logical[i].Type, rows)
                    : adapter is null ? s.Children[fi]
                    : adapter.Adapt(s.Children[fi]);
            }
            t.EnsureCapacity(rows);
            t.Length = rows;
            CopyValidity(t, s, rows);
        }
    }

    private sealed class ListAdapter(ArrayType logical, VectorAdapter element) : VectorAdapter(logical)
    {
        public override void FillInto(ColumnVector target, ColumnVector source)
        {
            var t = (ListVector)target;
            var s = (ListVector)source;
            var rows = s.Length;
            t.EnsureCapacity(rows);
            s.Offsets.AsSpan(0, rows + 1).CopyTo(t.Offsets);
            t.Length = rows;
            CopyValidity(t, s, rows);
            element.FillInto(t.Elements, s.Elements);
        }
    }

    private sealed class MapAdapter(MapType logical, VectorAdapter key, VectorAdapter value) : VectorAdapter(logical)
    {
        public override void FillInto(ColumnVector target, ColumnVector source)
        {
            var t = (MapVector)target;
            var s = (MapVector)source;
            var rows = s.Length;
            t.EnsureCapacity(rows);
            s.Offsets.AsSpan(0, rows + 1).CopyTo(t.Offsets);
            t.Length = rows;
            CopyValidity(t, s, rows);
            key.FillInto(t.Keys, s.Keys);
            value.FillInto(t.Values, s.Values);
        }
    }

    /// <summary>Deep copy of a vector whose type does not change (a map key/value sibling of a changed one: the new
    /// map's key and value vectors are created by its constructor and cannot be replaced).</summary>
    private sealed class CopyAdapter(DataType type) : VectorAdapter(type)
    {
        public override void FillInto(ColumnVector target, ColumnVector source)
        {
            var rows = source.Length;
            switch (target)
            {
                case StructVector t:
                {
                    var s = (StructVector)source;
                    for (var i = 0; i < t.Children.Length; i++) t.Children[i] = s.Children[i];
                    t.EnsureCapacity(rows);
                    break;
                }
                case ListVector t:
                {
                    var s = (ListVector)source;
                    t.EnsureCapacity(rows);
                    s.Offsets.AsSpan(0, rows + 1).CopyTo(t.Offsets);
                    new CopyAdapter(t.ArrayType.ElementType).FillInto(t.Elements, s.Elements);
                    break;
                }
                case MapVector t:
                {
                    var s = (MapVector)source;
                    t.EnsureCapacity(rows);
                    s.Offsets.AsSpan(0, rows + 1).CopyTo(t.Offsets);
                    new CopyAdapter(t.MapType.KeyType).FillInto(t.Keys, s.Keys);
                    new CopyAdapter(t.MapType.ValueType).FillInto(t.Values, s.Values);
                    break;
                }
                default:
                    PrimitiveAdapter.CopySameKind(target, source, rows);
                    break;
            }
            target.Length = rows;
            CopyValidity(target, source, rows);
        }
    }

    private sealed class PrimitiveAdapter(DataType file, DataType logical) : VectorAdapter(logical)
    {
        public static bool CanConvert(DataType file, DataType logical) => (file, logical) switch
        {
            (ByteType, ShortType or IntegerType or LongType or DoubleType) => true,
            (ShortType, IntegerType or LongType or DoubleType) => true,
            (IntegerType, LongType or DoubleType) => true,
            (FloatType, DoubleType) => true,
            (ByteType or ShortType or IntegerType or LongType, DecimalType) => true,
            (DecimalType f, DecimalType l) => l.Scale >= f.Scale,
            (DateType, TimestampNtzType) => true,
            (TimestampType, TimestampNtzType) or (TimestampNtzType, TimestampType) => true,
            (StringType, BinaryType) or (BinaryType, StringType) => true,
            _ => false,
        };

        public override void FillInto(ColumnVector target, ColumnVector source)
        {
            var rows = source.Length;
            target.EnsureCapacity(rows);
            switch (file, Logical)
            {
                case (DecimalType fd, DecimalType ld):
                {
                    var factor = DecimalValue.PowerOfTen(ld.Scale - fd.Scale);
                    for (var i = 0; i < rows; i++) SetInt128(target, i, GetInteger(source, i) * factor);
                    break;
                }
                case (_, DecimalType ld):
                {
                    var factor = DecimalValue.PowerOfTen(ld.Scale);
                    for (var i = 0; i < rows; i++) SetInt128(target, i, GetInteger(source, i) * factor);
                    break;
                }
                case (DateType, TimestampNtzType):
                {
                    var s = (PrimitiveVector<int>)source;
                    var t = (PrimitiveVector<long>)target;
                    for (var i = 0; i < rows; i++) t.Values[i] = s.Values[i] * 86_400_000_000L;
                    break;
                }
                case (_, DoubleType):
                {
                    var t = (PrimitiveVector<double>)target;
                    for (var i = 0; i < rows; i++) t.Values[i] = source is PrimitiveVector<float> f ? f.Values[i] : (double)GetInteger(source, i);
                    break;
                }
                case (_, ShortType or IntegerType or LongType):
                    for (var i = 0; i < rows; i++) SetInt128(target, i, GetInteger(source, i));
                    break;
                default:
                    CopySameKind(target, source, rows); // same physical representation, different logical type
                    break;
            }
            target.Length = rows;
            CopyValidity(target, source, rows);
        }

        private static Int128 GetInteger(ColumnVector v, int i) => v switch
        {
            PrimitiveVector<sbyte> p => p.Values[i],
            PrimitiveVector<short> p => p.Values[i],
            PrimitiveVector<int> p => p.Values[i],
            PrimitiveVector<long> p => p.Values[i],
            PrimitiveVector<Int128> p => p.Values[i],
            _ => throw new InvalidOperationException($"{v.Type} is not integral."),
        };

        private static void SetInt128(ColumnVector v, int i, Int128 value)
        {
            switch (v)
            {
                case PrimitiveVector<short> p: p.Values[i] = (short)value; break;
                case PrimitiveVector<int> p: p.Values[i] = (int)value; break;
                case PrimitiveVector<long> p: p.Values[i] = (long)value; break;
                case PrimitiveVector<Int128> p: p.Values[i] = value; break;
                default: throw new InvalidOperationException($"{v.Type} is not integral.");
            }
        }

        public static void CopySameKind(ColumnVector target, ColumnVector source, int rows)
        {
            target.EnsureCapacity(rows);
            switch (target, source)
            {
                case (PrimitiveVector<bool> t, PrimitiveVector<bool> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<sbyte> t, PrimitiveVector<sbyte> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<short> t, PrimitiveVector<short> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<int> t, PrimitiveVector<int> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<long> t, PrimitiveVector<long> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<Int128> t, PrimitiveVector<Int128> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<float> t, PrimitiveVector<float> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (PrimitiveVector<double> t, PrimitiveVector<double> s): s.Values.AsSpan(0, rows).CopyTo(t.Values); break;
                case (BinaryVector t, BinaryVector s):
                    t.EnsureDataCapacity(s.Offsets[rows]);
                    s.Data.AsSpan(0, s.Offsets[rows]).CopyTo(t.Data);
                    s.Offsets.AsSpan(0, rows + 1).CopyTo(t.Offsets);
                    break;
                default:
                    throw new InvalidOperationException($"Cannot copy {source.Type} into {target.Type}.");
            }
        }
    }
}
