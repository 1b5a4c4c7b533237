using DeltaSharp.Types;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// Immutable edits of a schema by column path (names matched case-insensitively, as Spark resolves them): find a
/// field, replace or remove it, insert a new field into a struct at a position. Paths go through struct fields only.
/// Stateless.
/// </summary>
internal static class SchemaEdit
{
    /// <summary>The field at <paramref name="path"/> with its names as the schema spells them, or null.</summary>
    public static (StructField Field, IReadOnlyList<string> Path)? Find(StructType schema, IReadOnlyList<string> path)
    {
        var names = new List<string>(path.Count);
        DataType current = schema;
        StructField? field = null;
        foreach (var part in path)
        {
            if (current is not StructType s) return null;
            var i = s.IndexOf(part);
            if (i < 0) return null;
            field = s[i];
            names.Add(field.Name);
            current = field.Type;
        }
        return field is null ? null : (field, names);
    }

    /// <summary>The schema with the field at <paramref name="path"/> replaced by <paramref name="change"/>'s result
    /// (removed when it returns null). The path must exist.</summary>
    public static StructType Replace(StructType schema, IReadOnlyList<string> path, Func<StructField, StructField?> change) =>
        ReplaceIn(schema, path, 0, change);

    private static StructType ReplaceIn(StructType s, IReadOnlyList<string> path, int depth, Func<StructField, StructField?> change)
    {
        var i = s.IndexOf(path[depth]);
        var fields = new List<StructField>(s.Fields);
        var f = s[i];
        if (depth == path.Count - 1)
        {
            var replaced = change(f);
            if (replaced is null) fields.RemoveAt(i);
            else fields[i] = replaced;
        }
        else
        {
            fields[i] = f.WithType(ReplaceIn((StructType)f.Type, path, depth + 1, change));
        }
        return new StructType(fields);
    }

    /// <summary>The schema with <paramref name="field"/> added to the struct at <paramref name="parent"/> (the top
    /// level when empty): last, first, or after the named sibling.</summary>
    public static StructType Insert(StructType schema, IReadOnlyList<string> parent, StructField field, ColumnPlacement? placement)
    {
        if (parent.Count == 0) return InsertInto(schema, field, placement);
        return Replace(schema, parent, f => f.WithType(InsertInto((StructType)f.Type, field, placement)));
    }

    private static StructType InsertInto(StructType s, StructField field, ColumnPlacement? placement)
    {
        var fields = new List<StructField>(s.Fields);
        if (placement is null) fields.Add(field);
        else if (placement.After is null) fields.Insert(0, field);
        else fields.Insert(s.IndexOf(placement.After) + 1, field);
        return new StructType(fields);
    }

    /// <summary>A copy of the field with another type (name, nullability and metadata kept).</summary>
    public static StructField WithType(this StructField f, DataType type) => new(f.Name, type, f.Nullable, f.Metadata);

    /// <summary>A copy of the field with one metadata entry set (raw JSON) or removed (null).</summary>
    public static StructField WithMetadata(this StructField f, string key, string? rawJson)
    {
        var metadata = new Dictionary<string, string>(f.Metadata, StringComparer.Ordinal);
        if (rawJson is null) metadata.Remove(key);
        else metadata[key] = rawJson;
        return new StructField(f.Name, f.Type, f.Nullable, metadata);
    }
}
