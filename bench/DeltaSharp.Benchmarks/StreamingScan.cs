using System.Diagnostics;
using System.Text.Json.Nodes;
using DeltaSharp.Parquet;

namespace DeltaSharp.Benchmarks;

/// <summary>
/// Child process of the benchmark: scans a file batch by batch, dropping each batch, and reports on stdout
/// (JSON) the process's peak working set and the largest managed heap seen, next to the file's largest row
/// group, to show that memory is bounded by a row group and not by the file.
/// </summary>
internal static class StreamingScan
{
    public static int Run(ReadOnlySpan<string> args)
    {
        if (args.Length < 1) throw new ArgumentException("scan-stream needs a file.");
        var file = args[0];
        var columns = args.Length > 1 ? args[1..].ToArray() : null;
        using var self = Process.GetCurrentProcess();
        GC.Collect();
        self.Refresh();
        var baseline = self.WorkingSet64;
        var baselineHeap = GC.GetTotalMemory(false);
        long rows = 0, maxHeap = 0, batches = 0;
        long maxRowGroupUncompressed = 0, maxRowGroupCompressed = 0;
        var start = Stopwatch.GetTimestamp();
        using (var reader = ParquetFileReader.Open(file))
        {
            foreach (var rg in reader.Metadata.RowGroups)
            {
                maxRowGroupUncompressed = Math.Max(maxRowGroupUncompressed, rg.TotalByteSize);
                long compressed = 0;
                foreach (var c in rg.Columns) compressed += c.MetaData?.TotalCompressedSize ?? 0;
                maxRowGroupCompressed = Math.Max(maxRowGroupCompressed, compressed);
            }
            // Pass 1, as an application would run it: the process's peak working set.
            foreach (var batch in reader.ReadBatches(new ParquetReadOptions { Columns = columns }))
            {
                rows += batch.RowCount;
                batches++;
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        self.Refresh();
        var peak = self.PeakWorkingSet64;
        // Pass 2: a full collection after each batch gives the live managed memory (row group buffers, decoders,
        // one batch) without the garbage that gen0 lets pile up between collections.
        using (var reader = ParquetFileReader.Open(file))
        {
            foreach (var batch in reader.ReadBatches(new ParquetReadOptions { Columns = columns }))
                maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: true));
        }
        var result = new JsonObject
        {
            ["file"] = file,
            ["fileBytes"] = new FileInfo(file).Length,
            ["rows"] = rows,
            ["batches"] = batches,
            ["ms"] = Math.Round(elapsed, 1),
            ["baselineWorkingSet"] = baseline,
            ["peakWorkingSet"] = peak,
            ["baselineHeap"] = baselineHeap,
            ["maxHeap"] = maxHeap,
            ["maxRowGroupUncompressed"] = maxRowGroupUncompressed,
            ["maxRowGroupCompressed"] = maxRowGroupCompressed,
        };
        Console.Out.WriteLine(result.ToJsonString());
        return 0;
    }
}
