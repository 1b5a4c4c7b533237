using System.Diagnostics;
using System.Globalization;
using DeltaSharp.Cli.Demo;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Tables;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Cli.Commands;

/// <summary>
/// <c>deltasharp demo</c>: the claims story on an embedded warehouse folder — create a Delta table, append claims in
/// several commits, delete the denied claims with deletion vectors, then audit: history, snapshots, time travel by
/// version and by timestamp. (SQL replaces the C# calls once the SQL engine lands.)
/// </summary>
public static class DemoCommand
{
    public static int Run(Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(o);
        var warehouse = Path.GetFullPath(args.Option("warehouse") ?? "demo-warehouse");
        var rows = args.IntOption("rows") ?? 100_000;
        var root = Path.Combine(warehouse, "claims");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true); // the demo starts from scratch each run
        var inv = CultureInfo.InvariantCulture;

        var sw = Stopwatch.StartNew();
        var table = DeltaTable.Create(root, ClaimsGenerator.Schema);
        o.WriteLine($"created Delta table {root} (version 0) in {sw.ElapsedMilliseconds} ms");

        // Four appends, one commit each.
        const int Commits = 4;
        var per = Math.Max(1, rows / Commits);
        for (var c = 0; c < Commits; c++)
        {
            sw.Restart();
            var snapshot = table.Latest();
            var start = c * per;
            var count = c == Commits - 1 ? rows - start : per;
            using var writer = new DataFileWriter(snapshot);
            for (var s = start; s < start + count; s += 8192) writer.Write(ClaimsGenerator.Generate(s, Math.Min(8192, start + count - s)));
            var files = writer.Complete();
            var result = snapshot.StartTransaction("WRITE")
                .Add(files)
                .SetOperationParameter("mode", "Append")
                .SetOperationParameter("partitionBy", "[]")
                .SetOperationMetric("numFiles", files.Count)
                .SetOperationMetric("numOutputRows", count)
                .SetOperationMetric("numOutputBytes", files.Sum(f => f.Size))
                .Commit();
            o.WriteLine(string.Create(inv, $"appended {count:N0} claims → version {result.Version} ({files.Sum(f => f.Size):N0} bytes, zstd) in {sw.ElapsedMilliseconds} ms"));
        }

        // DELETE FROM claims WHERE adjudication_status = 'DENIED', with deletion vectors (no file is rewritten).
        sw.Restart();
        var before = table.Latest();
        var tx = before.StartTransaction("DELETE").SetOperationParameter("predicate", "[\"(adjudication_status = 'DENIED')\"]");
        long deleted = 0, dvs = 0;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var file in before.ActiveFiles)
        {
            var positions = DeniedRows(Path.Combine(root, file.Path));
            if (positions.Count == 0) continue;
            var (remove, add) = DeletionVectorOperations.MarkDeleted(before, file, positions, now);
            tx.Remove(remove).Add(add);
            deleted += positions.Count;
            dvs++;
        }
        var del = tx.SetOperationMetric("numDeletedRows", deleted)
            .SetOperationMetric("numDeletionVectorsAdded", dvs)
            .SetOperationMetric("numRemovedFiles", 0)
            .SetOperationMetric("numAddedFiles", 0)
            .SetOperationMetric("numCopiedRows", 0)
            .Commit();
        o.WriteLine(string.Create(inv, $"deleted {deleted:N0} denied claims with {dvs} deletion vector(s) → version {del.Version} in {sw.ElapsedMilliseconds} ms"));

        o.WriteLine();
        o.WriteLine("$ deltasharp delta history " + root);
        DeltaCommands.History(root, new Args([]), o);
        o.WriteLine();
        o.WriteLine("$ deltasharp delta snapshot " + root);
        DeltaCommands.Snapshot(root, new Args([]), o);
        o.WriteLine();
        o.WriteLine("time travel — rows visible at each version:");
        foreach (var h in table.History().Reverse())
        {
            var s = table.AtVersion(h.Version);
            o.WriteLine(string.Create(inv, $"  VERSION AS OF {h.Version}: {CountRows(s):N0} rows ({h.CommitInfo.Operation})"));
        }
        var v2 = table.AtVersion(2);
        var byTime = table.AtTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(v2.TimestampMillis));
        o.WriteLine(string.Create(inv, $"  TIMESTAMP AS OF '{DateTimeOffset.FromUnixTimeMilliseconds(v2.TimestampMillis).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}' → version {byTime.Version}"));
        try
        {
            table.AtVersion(99);
        }
        catch (DeltaException e)
        {
            o.WriteLine("  VERSION AS OF 99 → " + e.Message);
        }
        o.WriteLine();
        o.WriteLine("$ deltasharp delta cat " + root + " --version 1 --limit 5");
        DeltaCommands.Cat(root, new Args(["--version", "1", "--limit", "5"]), o);
        return 0;
    }

    private static List<long> DeniedRows(string file)
    {
        var result = new List<long>();
        using var reader = ParquetFileReader.Open(file);
        long offset = 0;
        foreach (var batch in reader.ReadBatches(new ParquetReadOptions { Columns = ["adjudication_status"] }))
        {
            var status = (BinaryVector)batch.Columns[0];
            for (var i = 0; i < batch.RowCount; i++)
                if (!status.IsNull(i) && status.GetString(i) == "DENIED") result.Add(offset + i);
            offset += batch.RowCount;
        }
        return result;
    }

    private static long CountRows(Snapshot s)
    {
        long n = 0;
        foreach (var b in s.Scan().Select("claim_id").Build().ReadBatches()) n += b.LiveRowCount;
        return n;
    }
}
