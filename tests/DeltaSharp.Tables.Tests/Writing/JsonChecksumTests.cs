using System.Text;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Writing;

public sealed class JsonChecksumTests
{
    [Fact]
    public void Canonicalize_ProtocolExample_MatchesSpecText()
    {
        const string json = "{\"k0\":\"'v 0'\", \"checksum\": \"adsaskfljadfkjadfkj\", \"k1\":{\"k2\": 2, \"k3\": [\"v3\", [1, 2], {\"k4\": \"v4\", \"k5\": [\"v5\", \"v6\", \"v7\"]}]}}";
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(
            "\"k0\"=\"%27v%200%27\",\"k1\"+\"k2\"=2,\"k1\"+\"k3\"+0=\"v3\",\"k1\"+\"k3\"+1+0=1,\"k1\"+\"k3\"+1+1=2,\"k1\"+\"k3\"+2+\"k4\"=\"v4\",\"k1\"+\"k3\"+2+\"k5\"+0=\"v5\",\"k1\"+\"k3\"+2+\"k5\"+1=\"v6\",\"k1\"+\"k3\"+2+\"k5\"+2=\"v7\"",
            JsonChecksum.Canonicalize(doc.RootElement));
        Assert.Equal("6a92d155a59bf2eecbd4b4ec7fd1f875", JsonChecksum.Compute(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Compute_SparkLastCheckpointWithSchema_MatchesItsChecksum()
    {
        var path = Path.Combine(RepoPaths.ConformanceTablesDir, "dv-partitioned-with-checkpoint", "_delta_log", "_last_checkpoint");
        var bytes = File.ReadAllBytes(path);
        using var doc = System.Text.Json.JsonDocument.Parse(bytes);
        Assert.Equal(doc.RootElement.GetProperty("checksum").GetString(), JsonChecksum.Compute(bytes));
    }
}
