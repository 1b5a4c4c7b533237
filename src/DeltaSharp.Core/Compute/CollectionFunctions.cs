using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Constructors and accessors of arrays, maps and structs: array, map, struct/named_struct, element_at (1-based,
/// negative from the end, INVALID_ARRAY_INDEX_IN_ELEMENT_AT in ANSI), try_element_at, get (0-based, null when out of
/// range), the subscript operator <c>[]</c> (0-based; ANSI error), size/cardinality (null for null in ANSI, -1
/// otherwise), array_contains (three-valued), array concat, map_keys/map_values, array_join, sort_array,
/// array_position, array_distinct, array_min/array_max.
/// </summary>
internal static class CollectionFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("array", 0, -1, r =>
        {
            // Spark 3+: array() is array<void> (spark.sql.legacy.createEmptyCollectionUsingStringType=false).
            var common = r.Count == 0 ? DataType.Null : TypeCoercion.FindWiderCommonType(r.Args, r.Ansi);
            if (common is null) return r.DataDiffTypes();
            if (common is NullType) common = DataType.Null;
            var at = new ArrayType(common, true);
            return r.Ok(Enumerable.Repeat(common, r.Count).ToArray(), at, (a, n, _) => RowKernel.Map(a, n, at, (x, i, o) =>
            {
                var items = new List<object?>(x.Length);
                foreach (var e in x) items.Add(e.IsNull(i) ? null : e.Object(i));
                ScalarValues.Append(o, items);
            }, nullIntolerant: false), nullIntolerant: false);
        });
        t.Add("map", 0, -1, BindMap);
        t.Add("struct", 0, -1, r =>
        {
            var names = r.Args.Select((_, i) => r.ArgSql is { } s && i < s.Count && IsIdentifier(s[i]) ? s[i] : $"col{i + 1}").ToList();
            return StructOf(r, names, r.Args);
        });
        t.Add("named_struct", 0, -1, r =>
        {
            if (r.Count % 2 != 0)
                return BindRequest.Fail("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", $"The `named_struct` requires 2n (n > 0) parameters but the actual number is {r.Count}.");
            var names = new List<string>();
            var types = new List<DataType>();
            for (var i = 0; i < r.Count; i += 2)
            {
                if (r[i] is not StringType) return r.UnexpectedType(i, ExpectedType.String);
                names.Add(r.ConstantString(i) ?? $"col{i / 2 + 1}");
                types.Add(r[i + 1]);
            }
            var st = StructTypeOf(names, types);
            var paramTypes = r.Args.Select((tt, i) => i % 2 == 0 ? DataType.String : (tt is NullType ? DataType.Null : tt)).ToArray();
            return r.Ok(paramTypes, st, (a, n, _) => RowKernel.Map(a, n, st, (x, i, o) =>
            {
                var fields = new object?[st.Count];
                for (var k = 0; k < st.Count; k++) fields[k] = x[2 * k + 1].IsNull(i) ? null : x[2 * k + 1].Object(i);
                ScalarValues.Append(o, fields);
            }, nullIntolerant: false), nullIntolerant: false);
        });
        t.Add("element_at", 2, 2, r => BindElementAt(r, oneBased: true, tryMode: false, name: "element_at"));
        t.Add("try_element_at", 2, 2, r => BindElementAt(r, oneBased: true, tryMode: true, name: "try_element_at"));
        t.Add("get", 2, 2, r => BindElementAt(r, oneBased: false, tryMode: true, name: "get"));
        t.Add("[]", 2, 2, r => BindElementAt(r, oneBased: false, tryMode: false, name: "[]"));
        t.Add("size", 1, 1, BindSize);
        t.Alias("cardinality", "size");
        t.Add("array_contains", 2, 2, BindArrayContains);
        t.Add("array_position", 2, 2, r =>
        {
            if (r[0] is not ArrayType at) return r.UnexpectedType(0, ExpectedType.AnyArray);
            var et = TypeCoercion.FindWiderTypeForTwo(at.ElementType, r[1], r.Ansi);
            if (et is null) return r.DataDiffTypes();
            return r.Ok([new ArrayType(et), et], DataType.Long, (a, n, _) => RowKernel.Map(a, n, DataType.Long, (x, i, o) =>
            {
                var list = (System.Collections.IList)x[0].Object(i)!;
                var v = x[1].Object(i)!;
                long pos = 0;
                for (var k = 0; k < list.Count; k++)
                    if (list[k] is { } e && ValueComparer.Equal(e, v, et)) { pos = k + 1; break; }
                ((PrimitiveVector<long>)o).Append(pos);
            }));
        });
        t.Add("map_keys", 1, 1, r => r[0] is MapType mt
            ? r.Ok([mt], new ArrayType(mt.KeyType, false), (a, n, _) => RowKernel.Map(a, n, new ArrayType(mt.KeyType, false), (x, i, o) =>
                ScalarValues.Append(o, Entries(x[0].Object(i)).Select(kv => kv.Key).ToList())))
            : r.UnexpectedType(0, ExpectedType.AnyMap));
        t.Add("map_values", 1, 1, r => r[0] is MapType mt
            ? r.Ok([mt], new ArrayType(mt.ValueType), (a, n, _) => RowKernel.Map(a, n, new ArrayType(mt.ValueType), (x, i, o) =>
                ScalarValues.Append(o, Entries(x[0].Object(i)).Select(kv => kv.Value).ToList())))
            : r.UnexpectedType(0, ExpectedType.AnyMap));
        t.Add("array_join", 2, 3, r =>
        {
            if (r[0] is not ArrayType at || TypeCoercion.ImplicitCast(at.ElementType, ExpectedType.String, r.Ansi) is null)
                return r.UnexpectedType(0, new ExpectedType.ArrayOf(ExpectedType.String));
            DataType[] types = r.Count == 3 ? [new ArrayType(DataType.String), DataType.String, DataType.String] : [new ArrayType(DataType.String), DataType.String];
            return r.Ok(types, DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
            {
                if (x[0].IsNull(i) || x[1].IsNull(i)) { ScalarValues.AppendNull(o); return; }
                var replacement = x.Length > 2 && !x[2].IsNull(i) ? x[2].String(i) : null;
                var parts = ((System.Collections.IList)x[0].Object(i)!).Cast<object?>()
                    .Select(e => e is null ? replacement : (string)e).Where(e => e is not null);
                ((BinaryVector)o).Append(string.Join(x[1].String(i), parts));
            }, nullIntolerant: false), nullIntolerant: false);
        });
        t.Add("sort_array", 1, 2, r =>
        {
            if (r[0] is not ArrayType at || !TypeCoercion.IsOrderable(at.ElementType)) return r.UnexpectedType(0, ExpectedType.AnyArray);
            DataType[] types = r.Count == 2 ? [at, DataType.Boolean] : [at];
            return r.Ok(types, at, (a, n, _) => RowKernel.Map(a, n, at, (x, i, o) =>
            {
                var asc = x.Length < 2 || x[1].Bool(i);
                var list = ((System.Collections.IList)x[0].Object(i)!).Cast<object?>().ToList();
                list.Sort((p, q) => asc ? ValueComparer.CompareNullable(p, q, at.ElementType) : -ValueComparer.CompareNullable(p, q, at.ElementType));
                ScalarValues.Append(o, list);
            }));
        });
        t.Add("array_distinct", 1, 1, r => r[0] is ArrayType at
            ? r.Ok([at], at, (a, n, _) => RowKernel.Map(a, n, at, (x, i, o) =>
            {
                var result = new List<object?>();
                foreach (var e in (System.Collections.IList)x[0].Object(i)!)
                    if (!result.Any(p => p is null ? e is null : e is not null && ValueComparer.Equal(p, e, at.ElementType))) result.Add(e);
                ScalarValues.Append(o, result);
            }))
            : r.UnexpectedType(0, ExpectedType.AnyArray));
        t.Add("array_max", 1, 1, r => BindArrayExtreme(r, max: true));
        t.Add("array_min", 1, 1, r => BindArrayExtreme(r, max: false));
    }

    private static bool IsIdentifier(string s) => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static IEnumerable<KeyValuePair<object?, object?>> Entries(object? map) =>
        map as IEnumerable<KeyValuePair<object?, object?>> ?? [];

    private static StructType StructTypeOf(IReadOnlyList<string> names, IReadOnlyList<DataType> types) =>
        new(names.Select((name, i) => new StructField(name, types[i] is NullType ? DataType.Null : types[i], true)));

    private static BindResult StructOf(BindRequest r, IReadOnlyList<string> names, IReadOnlyList<DataType> types)
    {
        var st = StructTypeOf(names, types);
        return r.Ok(types.Select(t => t).ToArray(), st, StructKernel(st), nullIntolerant: false);
    }

    /// <summary>The kernel of a struct constructor whose arguments are the field values in order.</summary>
    public static KernelFn StructKernel(StructType st) => (a, n, _) => RowKernel.Map(a, n, st, (x, i, o) =>
    {
        var fields = new object?[st.Count];
        for (var k = 0; k < st.Count; k++) fields[k] = x[k].IsNull(i) ? null : x[k].Object(i);
        ScalarValues.Append(o, fields);
    }, nullIntolerant: false);

    private static BindResult BindMap(BindRequest r)
    {
        if (r.Count % 2 != 0)
            return BindRequest.Fail("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", $"The `map` requires 2n (n > 0) parameters but the actual number is {r.Count}.");
        var keys = TypeCoercion.FindWiderCommonType(r.Args.Where((_, i) => i % 2 == 0).ToList(), r.Ansi);
        var values = TypeCoercion.FindWiderCommonType(r.Args.Where((_, i) => i % 2 == 1).ToList(), r.Ansi);
        if (keys is null || values is null) return r.DataDiffTypes();
        if (keys is MapType) return r.InvalidOrdering(keys);
        var mt = new MapType(keys, values);
        var types = r.Args.Select((_, i) => i % 2 == 0 ? keys : values).ToArray();
        return r.Ok(types, mt, (a, n, _) => RowKernel.Map(a, n, mt, (x, i, o) =>
        {
            var entries = new List<KeyValuePair<object?, object?>>();
            for (var k = 0; k < x.Length; k += 2)
            {
                if (x[k].IsNull(i)) throw ComputeErrors.NullMapKey();
                var key = x[k].Object(i)!;
                if (entries.Any(e => ValueComparer.Equal(e.Key!, key, keys)))
                    throw ComputeErrors.DuplicatedMapKey(CastKernel.Format(key, keys, TimeZoneInfo.Utc));
                entries.Add(new(key, x[k + 1].IsNull(i) ? null : x[k + 1].Object(i)));
            }
            ScalarValues.Append(o, entries);
        }, nullIntolerant: false), nullIntolerant: false);
    }

    public static BindResult BindArrayConcat(BindRequest r)
    {
        var common = TypeCoercion.FindWiderCommonType(r.Args, r.Ansi);
        if (common is not ArrayType at) return r.DataDiffTypes();
        return r.Ok(Enumerable.Repeat<DataType>(at, r.Count).ToArray(), at, (a, n, _) => RowKernel.Map(a, n, at, (x, i, o) =>
        {
            var items = new List<object?>();
            foreach (var arg in x) items.AddRange(((System.Collections.IList)arg.Object(i)!).Cast<object?>());
            ScalarValues.Append(o, items);
        }));
    }

    private static BindResult BindElementAt(BindRequest r, bool oneBased, bool tryMode, string name)
    {
        if (r[0] is MapType mt)
        {
            var kt = TypeCoercion.ImplicitCast(r[1], ExpectedType.Of(mt.KeyType), r.Ansi);
            if (kt is null) return r.UnexpectedType(1, ExpectedType.Of(mt.KeyType));
            return r.Ok([mt, mt.KeyType], mt.ValueType, (a, n, _) => RowKernel.Map(a, n, mt.ValueType, (x, i, o) =>
            {
                var key = x[1].Object(i)!;
                foreach (var kv in Entries(x[0].Object(i)))
                {
                    if (ValueComparer.Equal(kv.Key!, key, mt.KeyType))
                    {
                        ScalarValues.Append(o, kv.Value);
                        return;
                    }
                }
                ScalarValues.AppendNull(o);
            }), nullIntolerant: false);
        }
        if (r[0] is not ArrayType at) return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.AnyArray, ExpectedType.AnyMap));
        if (TypeCoercion.ImplicitCast(r[1], ExpectedType.Int, r.Ansi) is null) return r.UnexpectedType(1, ExpectedType.Int);
        return r.Ok([at, DataType.Integer], at.ElementType, (a, n, c) => RowKernel.Map(a, n, at.ElementType, (x, i, o) =>
        {
            var list = (System.Collections.IList)x[0].Object(i)!;
            var index = x[1].Int(i);
            int k;
            if (oneBased)
            {
                if (index == 0)
                {
                    if (tryMode) { ScalarValues.AppendNull(o); return; }
                    throw ComputeErrors.InvalidIndexOfZero();
                }
                k = index > 0 ? index - 1 : list.Count + index;
            }
            else k = index;
            if (k < 0 || k >= list.Count)
            {
                if (tryMode || !c.AnsiMode) { ScalarValues.AppendNull(o); return; }
                throw ComputeErrors.InvalidArrayIndex(index, list.Count, elementAt: oneBased);
            }
            ScalarValues.Append(o, list[k]);
        }), nullIntolerant: false);
    }

    private static BindResult BindSize(BindRequest r)
    {
        if (r[0] is not (ArrayType or MapType or NullType)) return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.AnyArray, ExpectedType.AnyMap));
        var t = r[0] is NullType ? new ArrayType(DataType.Null) : r[0];
        return r.Ok([t], DataType.Integer, (a, n, c) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
        {
            var v = (PrimitiveVector<int>)o;
            if (x[0].IsNull(i))
            {
                if (c.AnsiMode) v.AppendNull();
                else v.Append(-1);
                return;
            }
            var value = x[0].Object(i);
            v.Append(value is System.Collections.IList l ? l.Count : Entries(value).Count());
        }, nullIntolerant: false), nullIntolerant: false);
    }

    private static BindResult BindArrayContains(BindRequest r)
    {
        if (r[0] is not ArrayType at) return r.UnexpectedType(0, ExpectedType.AnyArray);
        var et = TypeCoercion.FindWiderTypeForTwo(at.ElementType, r[1], r.Ansi);
        if (et is null || et is MapType)
            return BindRequest.Fail("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
                $"Cannot resolve {r.SqlExpr} due to data type mismatch: Input to `array_contains` should have been \"ARRAY\" followed by a value with same element type, but it's [{ComputeErrors.QuotedType(r[0])}, {ComputeErrors.QuotedType(r[1])}].");
        return r.Ok([new ArrayType(et), et], DataType.Boolean, (a, n, _) => RowKernel.Map(a, n, DataType.Boolean, (x, i, o) =>
        {
            var v = (PrimitiveVector<bool>)o;
            var value = x[1].Object(i)!;
            var sawNull = false;
            foreach (var e in (System.Collections.IList)x[0].Object(i)!)
            {
                if (e is null) { sawNull = true; continue; }
                if (ValueComparer.Equal(e, value, et)) { v.Append(true); return; }
            }
            if (sawNull) v.AppendNull();
            else v.Append(false);
        }));
    }

    private static BindResult BindArrayExtreme(BindRequest r, bool max)
    {
        if (r[0] is not ArrayType at || !TypeCoercion.IsOrderable(at.ElementType)) return r.UnexpectedType(0, ExpectedType.AnyArray);
        return r.Ok([at], at.ElementType, (a, n, _) => RowKernel.Map(a, n, at.ElementType, (x, i, o) =>
        {
            object? best = null;
            foreach (var e in (System.Collections.IList)x[0].Object(i)!)
            {
                if (e is null) continue;
                if (best is null || (max ? ValueComparer.Compare(e, best, at.ElementType) > 0 : ValueComparer.Compare(e, best, at.ElementType) < 0)) best = e;
            }
            ScalarValues.Append(o, best);
        }));
    }
}
