using static DeltaSharp.Tables.Tests.Log.TempLog;

namespace DeltaSharp.Tables.Tests.Log;

public class ProtocolCheckTests
{
    [Fact]
    public void Latest_ReaderVersion99_IsRefusedNamingVersionAndSupportedRange()
    {
        using var log = CopyOf("deltalog-invalid-protocol-version");
        var ex = Assert.Throws<DeltaException>(() => log.Table().Latest());
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", ex.ErrorClass);
        Assert.Contains("reader version 99", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reader versions 1 to 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_VacuumProtocolCheckFeature_IsAccepted()
    {
        using var log = CopyOf("basic-with-vacuum-protocol-check-feature");
        var latest = log.Table().Latest();
        Assert.True(latest.Protocol.HasReaderFeature("vacuumProtocolCheck"));
    }

    [Theory]
    [InlineData("\"columnMapping\",\"deletionVectors\",\"timestampNtz\",\"v2Checkpoint\",\"vacuumProtocolCheck\",\"typeWidening\",\"typeWidening-preview\"")]
    [InlineData("")]
    public void Latest_SupportedReaderFeatures_AreAccepted(string features)
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(3, 7, features), Metadata());
        Assert.Equal(0, log.Table().Latest().Version);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Latest_LegacyReaderVersions_AreAccepted(int reader)
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(reader, 5), Metadata());
        Assert.Equal(reader, log.Table().Latest().Protocol.MinReaderVersion);
    }

    [Fact]
    public void Latest_UnknownReaderFeature_IsRefusedNamingItAndTheSupportedOnes()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(3, 7, "\"deletionVectors\",\"variantType\",\"catalogManaged\""), Metadata());
        var ex = Assert.Throws<DeltaException>(() => log.Table().Latest());
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", ex.ErrorClass);
        Assert.Contains("variantType, catalogManaged", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Supported reader features: columnMapping, deletionVectors", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("support: deletionVectors", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Latest_ReaderVersionOutsideOneToThree_IsRefused(int reader)
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(reader, 7), Metadata());
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", Assert.Throws<DeltaException>(() => log.Table().Latest()).ErrorClass);
    }

    [Fact]
    public void Replay_UnsupportedProtocolAfterCheckpoint_IsRefusedBeforeTheCheckpointIsRead()
    {
        using var log = CopyOf("basic-with-inserts-deletes-checkpoint");
        // The checkpoint is garbage: if it were read before the protocol check, the error would be about it.
        File.WriteAllText(Path.Combine(log.LogDir, "00000000000000000010.checkpoint.parquet"), "not parquet");
        log.Commit(14, Protocol(3, 7, "\"someFutureFeature\""));
        var ex = Assert.Throws<DeltaException>(() => log.Table().Latest());
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", ex.ErrorClass);
        Assert.Contains("someFutureFeature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_UnsupportedProtocolInCommitAfterCheckpoint_WinsOverTheCheckpointsProtocol()
    {
        using var log = CopyOf("multi-part-checkpoint");
        log.Delete("00000000000000000000.json");
        log.Delete("00000000000000000001.json");
        Assert.Equal(1, log.Table().Latest().Version); // sanity: readable from the checkpoint alone
        log.Commit(2, Protocol(99, 7));
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", Assert.Throws<DeltaException>(() => log.Table().Latest()).ErrorClass);
    }

    [Fact]
    public void AtVersion_OlderSupportedProtocol_IsReadableAfterAnUpgradeToAnUnsupportedOne()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(), Metadata(), Add("a"));
        log.Commit(1, Protocol(3, 7, "\"unknownThing\""));
        Assert.Equal(["a"], log.Table().AtVersion(0).ActiveFiles.Select(f => f.Path));
        Assert.Throws<DeltaException>(() => log.Table().AtVersion(1));
    }
}
