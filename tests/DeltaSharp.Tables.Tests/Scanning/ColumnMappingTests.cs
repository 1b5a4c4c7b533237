using DeltaSharp.Parquet;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class ColumnMappingTests
{
    private static Metadata WithMode(string mode) =>
        new("id", "{}", [], new Dictionary<string, string> { ["delta.columnMapping.mode"] = mode }, new FileFormat());

    [Theory]
    [InlineData(2, null, "name", ColumnMappingMode.Name)]
    [InlineData(2, null, "ID", ColumnMappingMode.Id)]
    [InlineData(3, "columnMapping", "id", ColumnMappingMode.Id)]
    [InlineData(3, "deletionVectors", "name", ColumnMappingMode.None)] // the feature is not supported: ignore
    [InlineData(1, null, "name", ColumnMappingMode.None)]
    [InlineData(2, null, "none", ColumnMappingMode.None)]
    public void ModeOf_HonoursPropertyOnlyWhenProtocolSupportsIt(int reader, string? feature, string mode, ColumnMappingMode expected)
    {
        var protocol = new Protocol(reader, 7, feature is null ? null : [feature], feature is null ? null : [feature]);
        Assert.Equal(expected, ColumnMapping.ModeOf(protocol, WithMode(mode)));
    }

    [Fact]
    public void ModeOf_UnknownMode_Throws()
    {
        var e = Assert.Throws<DeltaException>(() => ColumnMapping.ModeOf(new Protocol(2, 5), WithMode("bogus")));
        Assert.Contains("bogus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PhysicalSchema_RenamesNestedFieldsAndCarriesFieldIds()
    {
        var logical = new StructType(
            new StructField("e", new ArrayType(new StructType(new StructField("d", DataType.Integer, false, ScanTestTable.Mapping(5, "col-d")))),
                metadata: ScanTestTable.Mapping(4, "col-e")));
        var physical = ColumnMapping.PhysicalSchema(logical, ColumnMappingMode.Name);
        Assert.Equal("col-e", physical[0].Name);
        Assert.Equal("4", physical[0].Metadata["parquet.field.id"]);
        var inner = (StructType)((ArrayType)physical[0].Type).ElementType;
        Assert.Equal("col-d", inner[0].Name);
        Assert.Equal("5", inner[0].Metadata["parquet.field.id"]);
        Assert.False(inner[0].Nullable);
        Assert.Same(logical, ColumnMapping.PhysicalSchema(logical, ColumnMappingMode.None));
    }

    [Fact]
    public void PhysicalName_MissingInMappedTable_Throws()
    {
        var e = Assert.Throws<DeltaException>(() => ColumnMapping.PhysicalName(new StructField("x", DataType.Integer), ColumnMappingMode.Name));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PhysicalName_EscapedJsonString_IsDecoded() =>
        Assert.Equal("a\"b", ColumnMapping.PhysicalName(
            new StructField("x", DataType.Integer, metadata: new Dictionary<string, string> { ["delta.columnMapping.physicalName"] = "\"a\\\"b\"" }),
            ColumnMappingMode.Name));

    /// <summary>Spark wrote these tables' data files: the physical schema the scan derives and the one the writer
    /// writes both name every column (nested too) and its field id exactly as those files do.</summary>
    [Theory]
    [InlineData("table_with_column_mapping")]
    [InlineData("table-with-columnmapping-mode-name")]
    public void PhysicalSchema_OfConformanceTables_MatchesTheDataFilesSparkWrote(string table)
    {
        var root = Path.Combine(RepoPaths.ConformanceTablesDir, table);
        var snapshot = DeltaTable.ForPath(root, DeltaTableOptions.Default with { EnforceTimeTravelWithinDeletedFileRetention = false }).Latest();
        var mode = ColumnMapping.ModeOf(snapshot.Protocol, snapshot.Metadata);
        Assert.NotEqual(ColumnMappingMode.None, mode);
        var dataFields = snapshot.Schema.Fields.Where(f => !snapshot.PartitionColumns.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var scanView = ColumnMapping.PhysicalSchema(new StructType(dataFields), mode);
        var writeView = new StructType(dataFields.Select(f => PhysicalSchema.ConvertField(f, mapped: true)));
        Assert.NotEmpty(snapshot.ActiveFiles);
        foreach (var add in snapshot.ActiveFiles)
        {
            using var reader = ParquetFileReader.Open(Path.Combine(root, Uri.UnescapeDataString(add.Path)));
            AssertSameNamesAndIds(reader.Schema, scanView, add.Path);
            AssertSameNamesAndIds(reader.Schema, writeView, add.Path);
        }
    }

    private static void AssertSameNamesAndIds(DataType file, DataType ours, string where)
    {
        switch (file, ours)
        {
            case (StructType f, StructType o):
                Assert.Equal(f.Fields.Select(x => x.Name), o.Fields.Select(x => x.Name));
                for (var i = 0; i < f.Count; i++)
                {
                    Assert.True(f[i].Metadata.ContainsKey(ColumnMapping.ParquetFieldIdKey), $"{where}: {f[i].Name} has no field id");
                    Assert.Equal(f[i].Metadata[ColumnMapping.ParquetFieldIdKey], o[i].Metadata[ColumnMapping.ParquetFieldIdKey]);
                    AssertSameNamesAndIds(f[i].Type, o[i].Type, where);
                }
                break;
            case (ArrayType f, ArrayType o):
                AssertSameNamesAndIds(f.ElementType, o.ElementType, where);
                break;
            case (MapType f, MapType o):
                AssertSameNamesAndIds(f.KeyType, o.KeyType, where);
                AssertSameNamesAndIds(f.ValueType, o.ValueType, where);
                break;
            default:
                Assert.Equal(file.GetType(), ours.GetType());
                break;
        }
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData("\"7\"", "7")] // a column id stored as a JSON string (formerly a FormatException on write)
    [InlineData(" 12 ", "12")]
    public void ConvertField_WhenMapped_CarriesTheColumnIdAsParquetFieldId(string rawId, string expected)
    {
        var field = new StructField("a", new StructType(new StructField("b", DataType.Long, metadata: ScanTestTable.Mapping(9, "col-b"))),
            metadata: new Dictionary<string, string> { [ColumnMapping.IdKey] = rawId, [ColumnMapping.PhysicalNameKey] = "\"col-a\"", ["comment"] = "\"x\"" });

        var physical = PhysicalSchema.ConvertField(field, mapped: true);

        Assert.Equal("col-a", physical.Name);
        Assert.Equal(new Dictionary<string, string> { [ColumnMapping.ParquetFieldIdKey] = expected }, physical.Metadata);
        var inner = ((StructType)physical.Type)[0];
        Assert.Equal(("col-b", "9"), (inner.Name, inner.Metadata[ColumnMapping.ParquetFieldIdKey]));
    }

    [Fact]
    public void ConvertField_WhenNotMapped_KeepsLogicalNamesAndDropsAllMetadata()
    {
        var field = new StructField("a", new ArrayType(new StructType(new StructField("b", DataType.Long, metadata: ScanTestTable.Mapping(9, "col-b")))),
            metadata: ScanTestTable.Mapping(3, "col-a"));

        var physical = PhysicalSchema.ConvertField(field, mapped: false);

        Assert.Equal("a", physical.Name);
        Assert.Empty(physical.Metadata);
        var inner = ((StructType)((ArrayType)physical.Type).ElementType)[0];
        Assert.Equal("b", inner.Name);
        Assert.Empty(inner.Metadata);
    }
}
