using System.Buffers.Binary;
using DeltaSharp.Storage;
using DeltaSharp.Tables.DeletionVectors;

namespace DeltaSharp.Tables.Tests.DeletionVectors;

public sealed class DeletionVectorWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ds-dvw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ThenRead_GivesTheSameRows()
    {
        var rows = RoaringBitmapArray.Create(Enumerable.Range(0, 10_000).Select(i => (long)i * 5).Concat([1L << 35]));
        var dv = DeletionVectorWriter.Write(rows, _dir, LocalFileStore.Instance);
        Assert.Equal("u", dv.StorageType);
        Assert.Equal(1, dv.Offset);
        Assert.Equal(rows.Cardinality, dv.Cardinality);
        Assert.Equal(20, dv.PathOrInlineDv.Length);
        var file = Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal(DeletionVectorReader.AbsolutePath(dv, _dir, LocalFileStore.Instance), file);
        Assert.Matches("^deletion_vector_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.bin$", Path.GetFileName(file));
        Assert.Equal(rows.ToArray(), DeletionVectorReader.Read(dv, _dir, LocalFileStore.Instance).ToArray());
    }

    [Fact]
    public void EncodeFile_Layout_IsVersionSizeBitmapCrcBigEndian()
    {
        // PROTOCOL.md "Deletion Vector File Storage Format"; for {0, 9} the corpus DV file of table-with-dv-small has
        // exactly these bytes (same bitmap, same CRC 2a671846).
        var (content, size) = DeletionVectorWriter.EncodeFile(RoaringBitmapArray.Create([0, 9]));
        Assert.Equal(36, size);
        Assert.Equal(1, content[0]);
        Assert.Equal(36, BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(1)));
        Assert.Equal(0x2a671846u, BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(41)));
        var corpus = File.ReadAllBytes(Path.Combine(TestSupport.RepoPaths.ConformanceTablesDir, "table-with-dv-small",
            "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin"));
        Assert.Equal(corpus, content);
    }
}
