using System.Diagnostics;
using System.Globalization;
using DeltaSharp.Cli.Demo;
using DeltaSharp.Parquet;

namespace DeltaSharp.Cli.Commands;

/// <summary>
/// <c>deltasharp demo</c>: writes the claims table as Parquet into an embedded warehouse folder and shows it with
/// the parquet tool. (The Delta-table story of shared/spec replaces this once the log and SQL land.)
/// </summary>
public static class DemoCommand
{
    public static int Run(Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(o);
        var warehouse = Path.GetFullPath(args.Option("warehouse") ?? "demo-warehouse");
        var rows = args.IntOption("rows") ?? 100_000;
        var dir = Path.Combine(warehouse, "claims");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "part-00000.zstd.parquet");
        if (File.Exists(file)) File.Delete(file);

        var sw = Stopwatch.StartNew();
        ParquetWriteResult result;
        using (var writer = ParquetFileWriter.Create(file, ClaimsGenerator.Schema))
        {
            for (var start = 0; start < rows; start += 8192)
                writer.Write(ClaimsGenerator.Generate(start, Math.Min(8192, rows - start)));
            result = writer.Close();
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {result.RowCount:N0} claims to {file} ({result.FileSize:N0} bytes, zstd) in {sw.ElapsedMilliseconds} ms"));
        o.WriteLine("column statistics (from the writer):");
        foreach (var c in result.Columns)
            o.WriteLine($"  {string.Join('.', c.Path),-20} nulls {c.NullCount,7}  min {Show(c.Min),-28} max {Show(c.Max)}");
        o.WriteLine();
        o.WriteLine("$ deltasharp parquet schema " + file);
        ParquetCommands.Schema(file, new Args([]), o);
        o.WriteLine();
        o.WriteLine("$ deltasharp parquet cat " + file + " --limit 5");
        ParquetCommands.Cat(file, new Args(["--limit", "5"]), o);
        o.WriteLine();
        o.WriteLine("$ deltasharp parquet cat " + file + " --columns claim_id,claim_amount --limit 3 --format jsonl");
        ParquetCommands.Cat(file, new Args(["--columns", "claim_id,claim_amount", "--limit", "3", "--format", "jsonl"]), o);
        return 0;
    }

    private static string Show(object? v) => v switch
    {
        null => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
