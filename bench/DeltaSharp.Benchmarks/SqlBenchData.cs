using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeltaSharp.Cli.Demo;
using DeltaSharp.Columnar;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Benchmarks;

/// <summary>
/// The tables of the SQL benchmark, written by DeltaSharp and cached on disk keyed by row count: <c>claims</c>
/// (<see cref="ClaimsGenerator"/>, one append of <c>fileRows</c> rows per data file) and <c>members</c> (10,000
/// rows whose member_id values MBR00000000…MBR00009999 are ids of claims.member_id; about 1% of claims match).
/// </summary>
internal sealed record SqlBenchData(string Claims, string Members)
{
    public const int MemberCount = 10_000;

    public static readonly StructType MembersSchema = new(
        new StructField("member_id", DataType.String),
        new StructField("plan", DataType.String),
        new StructField("state", DataType.String),
        new StructField("birth_year", DataType.Integer));

    private static readonly string[] Plans = ["BRONZE", "SILVER", "GOLD", "PLATINUM", "MEDICAID"];
    private static readonly string[] States = ["CA", "TX", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "WA", "AZ"];

    /// <summary>The Parquet data files of the latest version of the table at <paramref name="root"/> (what DuckDB reads).</summary>
    public static IReadOnlyList<string> DataFiles(string root) =>
        [.. DeltaTable.ForPath(root).Latest().ActiveFiles.Select(f => Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(f.Path))))];

    public static SqlBenchData Ensure(string folder, long rows, long fileRows)
    {
        var data = new SqlBenchData(Path.Combine(folder, "claims"), Path.Combine(folder, "members"));
        var done = Path.Combine(folder, "complete");
        if (File.Exists(done)) return data;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var start = Stopwatch.GetTimestamp();
        CreateTable.Run(data.Claims, new TableDefinition(ClaimsGenerator.Schema), null);
        for (long first = 0; first < rows; first += fileRows)
        {
            var count = Math.Min(fileRows, rows - first);
            Append.Run(DeltaTable.ForPath(data.Claims).Latest(), Batches(first, count));
            Console.Error.WriteLine($"[bench] claims: {first + count:N0} of {rows:N0} rows written");
        }
        CreateTable.Run(data.Members, new TableDefinition(MembersSchema), [MembersBatch()]);
        File.WriteAllText(done, $"rows={rows} fileRows={fileRows}\n");
        Console.Error.WriteLine($"[bench] generated the tables in {Stopwatch.GetElapsedTime(start).TotalSeconds:F0} s");
        return data;
    }

    private static IEnumerable<ColumnBatch> Batches(long first, long count)
    {
        const int batch = 8192;
        for (long s = first; s < first + count; s += batch)
            yield return ClaimsGenerator.Generate(s, (int)Math.Min(batch, first + count - s));
    }

    private static ColumnBatch MembersBatch()
    {
        var batch = ColumnBatch.Create(MembersSchema, MemberCount);
        var id = (BinaryVector)batch.Columns[0];
        var plan = (BinaryVector)batch.Columns[1];
        var state = (BinaryVector)batch.Columns[2];
        var year = (PrimitiveVector<int>)batch.Columns[3];
        for (var i = 0; i < MemberCount; i++)
        {
            var h = (uint)(i * 2654435761u);
            id.Append(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"MBR{i:D8}")));
            plan.Append(Encoding.ASCII.GetBytes(Plans[(h >> 8) % Plans.Length]));
            state.Append(Encoding.ASCII.GetBytes(States[(h >> 16) % States.Length]));
            year.Append(1940 + (int)((h >> 4) % 65));
        }
        batch.RowCount = MemberCount;
        return batch;
    }
}
