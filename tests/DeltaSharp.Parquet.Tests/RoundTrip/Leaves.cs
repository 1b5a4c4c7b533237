using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>
/// One leaf column of a Spark schema as the Parquet spec lays it out (LogicalTypes.md: 3-level lists
/// <c>list.element</c>, maps <c>key_value.key/value</c>), with a way to list its level entries from model rows:
/// one entry per leaf slot, null when the leaf value or any ancestor is null or an enclosing list/map is empty
/// (Dremel shredding, as the Parquet format defines definition levels).
/// </summary>
internal sealed record Leaf(int Field, string[] Path, DataType Type, int[] Route)
{
    public string DottedPath => string.Join('.', Path);

    /// <summary>Leaves of <paramref name="schema"/> in file (depth-first) order.</summary>
    public static List<Leaf> Of(StructType schema)
    {
        var result = new List<Leaf>();
        for (var f = 0; f < schema.Count; f++) Collect(f, schema[f].Type, [schema[f].Name], [], result);
        return result;
    }

    private static void Collect(int field, DataType type, List<string> path, List<int> route, List<Leaf> into)
    {
        switch (type)
        {
            case StructType s:
                for (var i = 0; i < s.Count; i++) Collect(field, s[i].Type, [.. path, s[i].Name], [.. route, i], into);
                break;
            case ArrayType a:
                Collect(field, a.ElementType, [.. path, "list", "element"], [.. route, 0], into);
                break;
            case MapType m:
                Collect(field, m.KeyType, [.. path, "key_value", "key"], [.. route, 0], into);
                Collect(field, m.ValueType, [.. path, "key_value", "value"], [.. route, 1], into);
                break;
            default:
                into.Add(new Leaf(field, [.. path], type, [.. route]));
                break;
        }
    }

    /// <summary>Appends the level entries of this leaf for one row's value of the top-level field.</summary>
    public void Entries(object? value, DataType fieldType, List<object?> into) => Entries(value, fieldType, Route, into);

    private static void Entries(object? value, DataType type, ReadOnlySpan<int> route, List<object?> into)
    {
        if (value is null)
        {
            into.Add(null);
            return;
        }
        switch (type)
        {
            case StructType s:
                Entries(((object?[])value)[route[0]], s[route[0]].Type, route[1..], into);
                break;
            case ArrayType a:
            {
                var list = (List<object?>)value;
                if (list.Count == 0) into.Add(null);
                foreach (var e in list) Entries(e, a.ElementType, route[1..], into);
                break;
            }
            case MapType m:
            {
                var list = (List<KeyValuePair<object?, object?>>)value;
                if (list.Count == 0) into.Add(null);
                foreach (var e in list)
                {
                    if (route[0] == 0) Entries(e.Key, m.KeyType, route[1..], into);
                    else Entries(e.Value, m.ValueType, route[1..], into);
                }
                break;
            }
            default:
                into.Add(value);
                break;
        }
    }
}
