using System.Text.Json;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Parquet.Tests.Format;
using DeltaSharp.Types;
using static DeltaSharp.Parquet.Tests.Schema.SchemaText;

namespace DeltaSharp.Parquet.Tests.Schema;

/// <summary>Schemas of real files written by Spark/Databricks against the Delta schema in their table's log.</summary>
public class ConformanceSchemaTests
{
    private static FileMetaData ReadFooter(string path)
    {
        using var handle = File.OpenHandle(path);
        return ParquetFooter.Read(handle, RandomAccess.GetLength(handle), path);
    }

    private static StructType WithoutPartitions(StructType schema, string[] partitionColumns) =>
        new(schema.Fields.Where(f => !partitionColumns.Contains(f.Name)));

    private static string[] DataFiles(string table) =>
        [.. ConformanceTables.AddedFilesWithRowCounts(table).Select(f => f.Path).Distinct()];

    [Theory]
    [InlineData("parquet-all-types")]
    [InlineData("decimal-various-scale-precision")]
    [InlineData("kernel-timestamp-INT96")]
    [InlineData("data-reader-timestamp_ntz")]
    [InlineData("basic_partitioned")]
    public void ToSparkSchema_OfEveryDataFile_EqualsTheDeltaSchema(string table)
    {
        var (schemaString, partitions) = ConformanceTables.LastMetadata(table);
        var expected = WithoutPartitions(DeltaSchemaJson.Parse(schemaString), partitions);
        var files = DataFiles(table);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var actual = ParquetSchema.FromMetadata(ReadFooter(file)).ToSparkSchema();
            Assert.Equal(Render(expected), Render(actual));
        }
    }

    [Theory]
    [InlineData("table-with-columnmapping-mode-name")]
    [InlineData("table_with_column_mapping")]
    public void ToSparkSchema_UnderColumnMapping_UsesPhysicalNamesAndFieldIds(string table)
    {
        var (schemaString, partitions) = ConformanceTables.LastMetadata(table);
        var logical = DeltaSchemaJson.Parse(schemaString);
        var physicalPartitions = DeltaSchemaJson.Parse(schemaString, physical: true).Fields
            .Where((f, i) => partitions.Contains(logical[i].Name)).Select(f => f.Name).ToArray();
        var expected = WithoutPartitions(DeltaSchemaJson.Parse(schemaString, physical: true), physicalPartitions);
        foreach (var file in DataFiles(table))
        {
            var schema = ParquetSchema.FromMetadata(ReadFooter(file));
            var actual = schema.ToSparkSchema();
            Assert.Equal(Render(expected), Render(actual));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Metadata["parquet.field.id"], actual[i].Metadata["parquet.field.id"]);
                var id = int.Parse(expected[i].Metadata["parquet.field.id"], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(i, schema.IndexOfFieldId(id));
            }
        }
    }

    [Fact]
    public void ToSparkSchema_OfCheckpoint_EqualsCheckpointSchemaOfLastCheckpoint()
    {
        var log = Path.Combine(ConformanceTables.Table("basic-with-inserts-deletes-checkpoint"), "_delta_log");
        using var last = JsonDocument.Parse(File.ReadAllText(Path.Combine(log, "_last_checkpoint")));
        var expected = DeltaSchemaJson.Parse(last.RootElement.GetProperty("checkpointSchema").GetRawText());
        var version = last.RootElement.GetProperty("version").GetInt64();
        var actual = ParquetSchema.FromMetadata(ReadFooter(Path.Combine(log, $"{version:D20}.checkpoint.parquet"))).ToSparkSchema();
        Assert.Equal(Render(expected), Render(actual));
    }

    private static void AssertSameElements(IReadOnlyList<SchemaElement> expected, IReadOnlyList<SchemaElement> actual, Func<int, bool>? skip = null)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (skip?.Invoke(i) == true) continue;
            var (e, a) = (expected[i], actual[i]);
            var where = $"[{i}] {e.Name}";
            Assert.True(e.Name == a.Name, $"{where}: name {a.Name}");
            Assert.True(e.Type == a.Type, $"{where}: type {e.Type} vs {a.Type}");
            Assert.True(e.TypeLength == a.TypeLength, $"{where}: type_length {e.TypeLength} vs {a.TypeLength}");
            Assert.True(e.RepetitionType == a.RepetitionType, $"{where}: repetition {e.RepetitionType} vs {a.RepetitionType}");
            Assert.True(e.NumChildren == a.NumChildren, $"{where}: num_children {e.NumChildren} vs {a.NumChildren}");
            Assert.True(e.ConvertedType == a.ConvertedType, $"{where}: converted {e.ConvertedType} vs {a.ConvertedType}");
            Assert.True(e.Scale == a.Scale && e.Precision == a.Precision, $"{where}: scale/precision {e.Scale}/{e.Precision} vs {a.Scale}/{a.Precision}");
            Assert.True(e.FieldId == a.FieldId, $"{where}: field_id {e.FieldId} vs {a.FieldId}");
            Assert.True(Equals(e.LogicalType, a.LogicalType), $"{where}: logical {e.LogicalType} vs {a.LogicalType}");
        }
    }

    [Fact]
    public void FromSparkSchema_ReproducesSpark35Footer_OfParquetAllTypes()
    {
        var (schemaString, _) = ConformanceTables.LastMetadata("parquet-all-types");
        var file = ReadFooter(DataFiles("parquet-all-types").Single());
        var ours = SparkToParquetSchemaConverter.FromSparkSchema(DeltaSchemaJson.Parse(schemaString));
        // This Spark used its default outputTimestampType (INT96) for the one TimestampType column; we write
        // TIMESTAMP_MICROS as Delta/Databricks configure it (compared against a real file in the next test).
        var timestamp = file.Schema.FindIndex(e => e.Name == "TimestampType");
        Assert.Equal(PhysicalType.Int96, file.Schema[timestamp].Type);
        AssertSameElements(file.Schema, ours, i => i == timestamp);
    }

    [Fact]
    public void FromSparkSchema_ReproducesSpark35Footer_UnderColumnMappingWithFieldIds()
    {
        var (schemaString, _) = ConformanceTables.LastMetadata("table-with-columnmapping-mode-name");
        var physical = DeltaSchemaJson.Parse(schemaString, physical: true);
        var ours = SparkToParquetSchemaConverter.FromSparkSchema(physical);
        foreach (var path in DataFiles("table-with-columnmapping-mode-name"))
            AssertSameElements(ReadFooter(path).Schema, ours);
    }

    [Fact]
    public void FromSparkSchema_ReproducesSpark35Footer_OfDecimals()
    {
        var (schemaString, _) = ConformanceTables.LastMetadata("decimal-various-scale-precision");
        var ours = SparkToParquetSchemaConverter.FromSparkSchema(DeltaSchemaJson.Parse(schemaString));
        AssertSameElements(ReadFooter(DataFiles("decimal-various-scale-precision").Single()).Schema, ours);
    }

    [Fact]
    public void EveryFileInTheCorpus_HasASchemaWeCanConvert()
    {
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(ConformanceTables.Root, "*.parquet", SearchOption.AllDirectories))
        {
            var schema = ParquetSchema.FromMetadata(ReadFooter(path));
            var spark = schema.ToSparkSchema();
            Assert.Equal(schema.Fields.Count, spark.Count);
            var metadata = ReadFooter(path);
            foreach (var group in metadata.RowGroups)
            {
                Assert.Equal(schema.Columns.Count, group.Columns.Count);
                for (var i = 0; i < schema.Columns.Count; i++)
                {
                    Assert.Equal(schema.Columns[i].Path, group.Columns[i].MetaData!.PathInSchema);
                    Assert.Equal(schema.Columns[i].PhysicalType, group.Columns[i].MetaData!.Type);
                }
            }
            count++;
        }
        Assert.True(count > 300, $"{count} files");
    }
}
