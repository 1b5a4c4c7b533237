using System.Text.Json;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.DeletionVectors;

public sealed class DeletionVectorReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ds-dv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Table(string name) => Path.Combine(RepoPaths.ConformanceTablesDir, name);

    [Fact]
    public void Read_FileDescriptor_TableWithDvSmall_DeletesFirstAndLastRow()
    {
        // The log's DELETE predicate is `value IN (0, 9)` over values 0..9 written in order.
        var dv = new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2);
        var rows = DeletionVectorReader.Read(dv, Table("table-with-dv-small"), LocalFileStore.Instance);
        Assert.Equal([0L, 9], rows.ToArray());
    }

    [Fact]
    public void AbsolutePath_RelativeDescriptorWithPrefix_FollowsProtocolExample()
    {
        // PROTOCOL.md "JSON Example 1": prefix "ab" → <root>/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin
        var dv = new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6);
        Assert.Equal(Path.Combine("/t", "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin"),
            DeletionVectorReader.AbsolutePath(dv, "/t", LocalFileStore.Instance));
        Assert.Null(DeletionVectorReader.AbsolutePath(dv with { StorageType = "i" }, "/t", LocalFileStore.Instance));
    }

    [Fact]
    public void Read_AbsolutePathDescriptor_ReadsFileUri()
    {
        var source = Path.Combine(Table("table-with-dv-small"), "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin");
        var copy = Path.Combine(_dir, "my dv.bin");
        File.Copy(source, copy);
        var dv = new DeletionVectorDescriptor("p", new Uri(copy).AbsoluteUri, 1, 36, 2);
        Assert.Equal([0L, 9], DeletionVectorReader.Read(dv, "/nowhere", LocalFileStore.Instance).ToArray());
    }

    /// <summary>Every DV in the corpus' commits decodes, with the descriptor's cardinality, and every deleted row is
    /// inside the file (visibleRows = physicalRows - cardinality in the expected files).</summary>
    [Fact]
    public void Read_EveryCorpusDescriptor_MatchesExpectedCardinalityAndRowCounts()
    {
        var checkedCount = 0;
        foreach (var table in new[] { "table-with-dv-small", "dv-partitioned-with-checkpoint", "cdf-table-with-dv" })
        {
            var root = Table(table);
            var descriptors = LogDescriptors(root);
            foreach (var expectedFile in Directory.GetFiles(Path.Combine(root, "expected"), "*.json"))
            {
                if (Path.GetFileName(expectedFile) == "meta.json") continue;
                using var doc = JsonDocument.Parse(File.ReadAllText(expectedFile));
                if (!doc.RootElement.TryGetProperty("activeFiles", out var files)) continue;
                foreach (var f in files.EnumerateArray())
                {
                    if (f.GetProperty("deletionVector").ValueKind != JsonValueKind.Object) continue;
                    var uniqueId = f.GetProperty("deletionVector").GetProperty("uniqueId").GetString()!;
                    var descriptor = descriptors[uniqueId];
                    var rows = DeletionVectorReader.Read(descriptor, root, LocalFileStore.Instance);
                    var physical = f.GetProperty("physicalRows").GetInt64();
                    Assert.Equal(f.GetProperty("deletionVector").GetProperty("cardinality").GetInt64(), rows.Cardinality);
                    Assert.Equal(physical - f.GetProperty("visibleRows").GetInt64(), rows.Cardinality);
                    Assert.True(rows.Max < physical, $"{table} {uniqueId}: row {rows.Max} ≥ {physical}");
                    checkedCount++;
                }
            }
        }
        Assert.True(checkedCount >= 10, $"only {checkedCount} DVs checked");
    }

    [Fact]
    public void Read_InlineDescriptorWithPaddedTail_DecodesRowThree()
    {
        // cdf-table-with-dv version 5 (see the corpus README): the z85 crate's padded tail decodes to row 3.
        var dv = new DeletionVectorDescriptor("i", "^Bg9^0rr910000000000iXQKl0rr91000005c8Xg##093", null, 34, 1);
        Assert.Equal([3L], DeletionVectorReader.Read(dv, "/nowhere", LocalFileStore.Instance).ToArray());
    }

    [Fact]
    public void Read_FlippedByteInDvFile_ThrowsChecksumMismatch()
    {
        var root = CopyDvSmall();
        var path = Path.Combine(root, "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[30] ^= 0x01; // inside the bitmap (a value), not the header
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DeltaException>(() => DeletionVectorReader.Read(new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2), root, LocalFileStore.Instance));
        Assert.Equal("DELTA_DELETION_VECTOR_CHECKSUM_MISMATCH", e.ErrorClass);
    }

    [Theory]
    [InlineData(35, 1)] // descriptor size disagrees with the file
    [InlineData(36, 7)] // offset does not point at a DV
    [InlineData(36, 100)] // offset past the end
    public void Read_WrongSizeOrOffset_ThrowsSizeMismatch(int size, int offset)
    {
        var e = Assert.Throws<DeltaException>(() => DeletionVectorReader.Read(
            new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", offset, size, 2), CopyDvSmall(), LocalFileStore.Instance));
        Assert.Equal("DELTA_DELETION_VECTOR_SIZE_MISMATCH", e.ErrorClass);
    }

    [Fact]
    public void Read_WrongCardinality_ThrowsCardinalityMismatch()
    {
        var e = Assert.Throws<DeltaException>(() => DeletionVectorReader.Read(
            new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 3), Table("table-with-dv-small"), LocalFileStore.Instance));
        Assert.Equal("DELTA_DELETION_VECTOR_CARDINALITY_MISMATCH", e.ErrorClass);
    }

    [Fact]
    public void Read_MissingDvFile_ThrowsFileNotFound()
    {
        var e = Assert.Throws<DeltaException>(() => DeletionVectorReader.Read(
            new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2), _dir, LocalFileStore.Instance));
        Assert.Equal("DELTA_FILE_NOT_FOUND_DETAILED", e.ErrorClass);
        Assert.Contains("deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", "abc")]
    [InlineData("u", "short")]
    [InlineData("u", "vBn[lx{q8@P<9BNH/is ")]
    public void Read_BadDescriptor_ThrowsCorrupt(string storageType, string path)
    {
        var e = Assert.Throws<DeltaException>(() => DeletionVectorReader.Read(
            new DeletionVectorDescriptor(storageType, path, 1, 36, 2), _dir, LocalFileStore.Instance));
        Assert.Equal("DELTA_DELETION_VECTOR_CORRUPT", e.ErrorClass);
    }

    private string CopyDvSmall()
    {
        var root = Path.Combine(_dir, "t" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(Table("table-with-dv-small"), "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin"),
            Path.Combine(root, "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin"));
        return root;
    }

    /// <summary>Every DV descriptor in the JSON commits, by unique id.</summary>
    private static Dictionary<string, DeletionVectorDescriptor> LogDescriptors(string root)
    {
        var result = new Dictionary<string, DeletionVectorDescriptor>(StringComparer.Ordinal);
        foreach (var commit in Directory.GetFiles(Path.Combine(root, "_delta_log"), "*.json"))
        {
            foreach (var line in File.ReadLines(commit))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                foreach (var kind in new[] { "add", "remove" })
                {
                    if (!doc.RootElement.TryGetProperty(kind, out var action)) continue;
                    if (!action.TryGetProperty("deletionVector", out var dv) || dv.ValueKind != JsonValueKind.Object) continue;
                    var d = new DeletionVectorDescriptor(
                        dv.GetProperty("storageType").GetString()!,
                        dv.GetProperty("pathOrInlineDv").GetString()!,
                        dv.TryGetProperty("offset", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : null,
                        dv.GetProperty("sizeInBytes").GetInt32(),
                        dv.GetProperty("cardinality").GetInt64());
                    result[d.UniqueId] = d;
                }
            }
        }
        return result;
    }
}
