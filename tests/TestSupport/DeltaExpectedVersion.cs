using System.Globalization;
using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>One top-level column of an expected result: logical name, the Delta type exactly as in the
/// schemaString (<see cref="TypeJson"/>: a JSON string such as <c>"long"</c> or a struct/array/map object) and
/// nullability.</summary>
internal sealed record ExpectedColumn(string Name, string TypeJson, DataType Type, bool Nullable)
{
    /// <summary>The primitive type name when the type is a JSON string (<c>long</c>, <c>decimal(10,2)</c>), else null.</summary>
    public string? PrimitiveName { get; init; }
}

/// <summary>An expected active file's deletion vector: storage type, the protocol's uniqueId and cardinality.</summary>
internal sealed record ExpectedDeletionVector(string StorageType, string UniqueId, long Cardinality);

/// <summary>One logical file of an expected snapshot. <see cref="Path"/> is as written in the log (URL-encoded);
/// partition values are the raw log strings keyed by physical name.</summary>
internal sealed record ExpectedActiveFile(
    string Path,
    ExpectedDeletionVector? DeletionVector,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long? PhysicalRows,
    long? VisibleRows)
{
    /// <summary>The path with URL escapes decoded (how files are matched, per the corpus README).</summary>
    public string DecodedPath => DeltaPaths.Decode(Path);
}

/// <summary>Per-column statistics of a result without rows: null count, min/max as raw JSON (integral ones as
/// decimal strings; null when every value is null) and, for integral columns, the exact sum.</summary>
internal sealed record ExpectedColumnStats(long NullCount, string MinJson, string MaxJson, string? Sum);

/// <summary>
/// The expected read result of one table version: an <c>expected/&lt;version&gt;.json</c> file of the conformance
/// corpus, or the output of the delta-replay oracle (same format; its exit-2 error object maps to
/// <see cref="ExpectError"/>). Fields absent from the JSON are null. Immutable.
/// </summary>
internal sealed record DeltaExpectedVersion
{
    public required long Version { get; init; }

    public bool ExpectError { get; init; }

    /// <summary>unsupported-protocol, missing-data-file, version-not-reconstructable (corpus), plus invalid-table and
    /// not-a-delta-table (delta-replay).</summary>
    public string? ErrorKind { get; init; }

    public string? ErrorReason { get; init; }

    public IReadOnlyList<ExpectedColumn>? Columns { get; init; }

    public IReadOnlyList<string>? PartitionColumns { get; init; }

    public long? NumRows { get; init; }

    public int? NumActiveFiles { get; init; }

    /// <summary>Null when the file omits the active files (delta-replay without --files).</summary>
    public IReadOnlyList<ExpectedActiveFile>? ActiveFiles { get; init; }

    /// <summary>Canonical JSON rows when <c>rowsIncluded</c> is true, else null.</summary>
    public IReadOnlyList<string>? Rows { get; init; }

    public string? RowsOmittedReason { get; init; }

    /// <summary>Keyed by column name; null when absent.</summary>
    public IReadOnlyDictionary<string, ExpectedColumnStats>? ColumnStats { get; init; }

    /// <summary>False when <c>verification.status</c> is <c>unverified</c>: differences are warnings, not failures.</summary>
    public bool Verified { get; init; } = true;

    public IReadOnlyList<string> VerificationReasons { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The expected schema as a struct (null when the file has no columns), for type-guided row comparison.</summary>
    public StructType? Schema =>
        Columns is null ? null : new StructType(Columns.Select(c => new StructField(c.Name, c.Type, c.Nullable)));

    public static DeltaExpectedVersion ParseFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a valid expected-result file ({e.Message}).", e);
        }
    }

    /// <summary>Parses an expected file or delta-replay's stdout (result or exit-2 error object).</summary>
    public static DeltaExpectedVersion Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Parse(doc.RootElement);
    }

    public static DeltaExpectedVersion Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("An expected result must be a JSON object.");
        // delta-replay's exit-2 object: {"error", "errorKind", "version"}.
        if (e.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            return new DeltaExpectedVersion
            {
                Version = OptionalLong(e, "version") ?? -1,
                ExpectError = true,
                ErrorKind = OptionalString(e, "errorKind"),
                ErrorReason = error.GetString(),
            };
        }

        var verified = true;
        var reasons = new List<string>();
        if (e.TryGetProperty("verification", out var v) && v.ValueKind == JsonValueKind.Object)
        {
            verified = OptionalString(v, "status") != "unverified";
            if (v.TryGetProperty("reasons", out var rs) && rs.ValueKind == JsonValueKind.Array)
                reasons.AddRange(rs.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : r.GetRawText()));
        }

        return new DeltaExpectedVersion
        {
            Version = e.GetProperty("version").GetInt64(),
            ExpectError = e.TryGetProperty("expectError", out var ee) && ee.ValueKind == JsonValueKind.True,
            ErrorKind = OptionalString(e, "errorKind"),
            ErrorReason = OptionalString(e, "errorReason"),
            Columns = e.TryGetProperty("columns", out var cols) && cols.ValueKind == JsonValueKind.Array
                ? [.. cols.EnumerateArray().Select(ParseColumn)] : null,
            PartitionColumns = e.TryGetProperty("partitionColumns", out var pcs) && pcs.ValueKind == JsonValueKind.Array
                ? [.. pcs.EnumerateArray().Select(p => p.GetString()!)] : null,
            NumRows = OptionalLong(e, "numRows"),
            NumActiveFiles = (int?)OptionalLong(e, "numActiveFiles"),
            ActiveFiles = e.TryGetProperty("activeFiles", out var afs) && afs.ValueKind == JsonValueKind.Array
                ? [.. afs.EnumerateArray().Select(ParseActiveFile)] : null,
            Rows = e.TryGetProperty("rowsIncluded", out var ri) && ri.ValueKind == JsonValueKind.True
                   && e.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Array
                ? [.. rows.EnumerateArray().Select(RowJson.Compact)] : null,
            RowsOmittedReason = OptionalString(e, "rowsOmittedReason"),
            ColumnStats = e.TryGetProperty("columnStats", out var cs) && cs.ValueKind == JsonValueKind.Object
                ? cs.EnumerateObject().ToDictionary(p => p.Name, p => ParseStats(p.Value), StringComparer.Ordinal) : null,
            Verified = verified,
            VerificationReasons = reasons,
            Notes = e.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.Array
                ? [.. notes.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : n.GetRawText())] : [],
        };
    }

    private static ExpectedColumn ParseColumn(JsonElement c)
    {
        var type = c.GetProperty("type");
        return new ExpectedColumn(
            c.GetProperty("name").GetString()!,
            RowJson.Compact(type),
            SchemaJson.ParseType(type.GetRawText()),
            !c.TryGetProperty("nullable", out var n) || n.ValueKind != JsonValueKind.False)
        {
            PrimitiveName = type.ValueKind == JsonValueKind.String ? type.GetString() : null,
        };
    }

    private static ExpectedActiveFile ParseActiveFile(JsonElement f)
    {
        ExpectedDeletionVector? dv = null;
        if (f.TryGetProperty("deletionVector", out var d) && d.ValueKind == JsonValueKind.Object)
            dv = new ExpectedDeletionVector(d.GetProperty("storageType").GetString()!, d.GetProperty("uniqueId").GetString()!,
                d.GetProperty("cardinality").GetInt64());
        var pv = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (f.TryGetProperty("partitionValues", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var kv in p.EnumerateObject())
                pv[kv.Name] = kv.Value.ValueKind == JsonValueKind.Null ? null : kv.Value.GetString();
        return new ExpectedActiveFile(f.GetProperty("path").GetString()!, dv, pv, OptionalLong(f, "physicalRows"), OptionalLong(f, "visibleRows"));
    }

    private static ExpectedColumnStats ParseStats(JsonElement s) => new(
        s.GetProperty("nullCount").GetInt64(),
        s.TryGetProperty("min", out var min) ? RowJson.Compact(min) : "null",
        s.TryGetProperty("max", out var max) ? RowJson.Compact(max) : "null",
        s.TryGetProperty("sum", out var sum) && sum.ValueKind == JsonValueKind.String ? sum.GetString() : null);

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static long? OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number
            ? long.Parse(p.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;
}
