namespace DeltaSharp.Types;

/// <summary>
/// Delta's schema serialization (PROTOCOL.md "Schema Serialization Format"): the JSON of metaData.schemaString,
/// both directions, keeping field metadata (column mapping ids/physical names, comments, …) as raw JSON values.
/// </summary>
public static class SchemaJson
{
    /// <summary>Parses a struct type JSON. Throws FormatException naming the problem.</summary>
    public static StructType ParseStruct(string json) => throw new NotImplementedException("H-log");

    /// <summary>Serialises a struct type exactly as Spark does (compact, field order kept, metadata kept).</summary>
    public static string Serialize(StructType schema) => throw new NotImplementedException("H-log");
}
