using System.Diagnostics;
using System.Globalization;

namespace DeltaSharp.Catalog.Tests;

/// <summary>Several writers on one catalog database: two connections in this process, and separate processes.</summary>
public sealed class ConcurrencyTests : TestWarehouse
{
    private const int Names = 40;

    [Fact]
    public void TwoConnections_CreatingTheSameNames_ExactlyOneWinsEachName()
    {
        using var other = Open();
        var catalogs = new[] { Catalog, other };
        var wins = new int[catalogs.Length][];
        var ids = new Guid[catalogs.Length][];
        using var start = new Barrier(catalogs.Length);

        var threads = Enumerable.Range(0, catalogs.Length).Select(w => new Thread(() =>
        {
            wins[w] = new int[Names];
            ids[w] = new Guid[Names];
            start.SignalAndWait();
            for (var i = 0; i < Names; i++)
            {
                if (catalogs[w].TryCreateTable(TableDefinition.Managed(MainTable("race_" + i)), "w" + w, out var entry)) wins[w][i] = 1;
                ids[w][i] = entry.Id;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        for (var i = 0; i < Names; i++)
        {
            Assert.Equal(1, wins[0][i] + wins[1][i]);
            Assert.Equal(ids[0][i], ids[1][i]);                  // the loser sees the winner's entry
        }
        Assert.Equal(Names, Catalog.ListTables(MainDefault).Count);
    }

    [Fact]
    public async Task TwoConnections_WritingDifferentNames_LoseNothing()
    {
        using var other = Open();
        var a = Task.Run(() => { for (var i = 0; i < 25; i++) Catalog.CreateTable(TableDefinition.Managed(MainTable("a" + i)), User); });
        var b = Task.Run(() => { for (var i = 0; i < 25; i++) other.CreateTable(TableDefinition.Managed(MainTable("b" + i)), User); });
        await Task.WhenAll(a, b);
        Assert.Equal(50, other.ListTables(MainDefault).Count);
    }

    [Fact]
    [Trait("Category", "MultiProcess")]
    public async Task ThreeProcesses_CreatingTheSameNames_ExactlyOneWinsEachName()
    {
        var goFile = Path.Combine(Root, "go");
        var workers = Enumerable.Range(0, 3).Select(_ => StartWorker("race-create", Root, goFile, Names.ToString(CultureInfo.InvariantCulture))).ToList();
        try
        {
            foreach (var w in workers)
                Assert.Equal("ready", await w.StandardOutput.ReadLineAsync());
            File.WriteAllText(goFile, "");

            var wonBy = new Dictionary<int, int>();
            for (var w = 0; w < workers.Count; w++)
            {
                var stdout = workers[w].StandardOutput.ReadToEndAsync();
                var stderr = workers[w].StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await workers[w].WaitForExitAsync(timeout.Token);
                Assert.True(workers[w].ExitCode == 0, $"worker exit {workers[w].ExitCode}: {await stderr}");
                foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var i = int.Parse(line["won ".Length..], CultureInfo.InvariantCulture);
                    Assert.False(wonBy.ContainsKey(i), $"race_{i} was created by two processes");
                    wonBy[i] = w;
                }
            }
            Assert.Equal(Enumerable.Range(0, Names), wonBy.Keys.Order());
            var tables = Catalog.ListTables(MainDefault);
            Assert.Equal(Names, tables.Count);
            foreach (var t in tables)
            {
                var i = int.Parse(t.Name.Table["race_".Length..], CultureInfo.InvariantCulture);
                Assert.Equal("worker-" + workers[wonBy[i]].Id, t.CreatedBy);   // the entry is the one its winner wrote
            }
        }
        finally
        {
            foreach (var w in workers)
            {
                if (!w.HasExited) w.Kill(entireProcessTree: true);
                w.Dispose();
            }
        }
    }

    /// <summary>This test assembly as another process (see <see cref="Program"/>).</summary>
    private static Process StartWorker(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }
}
