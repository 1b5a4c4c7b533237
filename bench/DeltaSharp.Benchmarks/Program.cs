namespace DeltaSharp.Benchmarks;

/// <summary>Entry point: <c>parquet</c> runs the Parquet benchmark against DuckDB (see docs/benchmarks.md);
/// <c>sql</c> runs the SQL benchmark of issue 4; <c>parquet-columns</c> times our writer and reader one column at a time; <c>scan-stream</c> is the child process that measures peak memory of a streaming scan.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "parquet") return ParquetBenchmark.Run(BenchArgs.Parse(args.AsSpan(1)));
        if (args.Length > 0 && args[0] == "sql") return SqlBenchmark.Run(SqlBenchArgs.Parse(args.AsSpan(1)));
        if (args.Length > 0 && args[0] == "parquet-columns") return ColumnBenchmark.Run(BenchArgs.Parse(args.AsSpan(1)));
        if (args.Length > 0 && args[0] == "delta-log") return DeltaLogBenchmark.Run(args.AsSpan(1));
        if (args.Length > 0 && args[0] == "scan-stream") return StreamingScan.Run(args.AsSpan(1));
        Console.Error.WriteLine("usage: DeltaSharp.Benchmarks parquet [--rows N] [--runs N] [--batch N] [--dir PATH] [--repo PATH] [--json PATH]");
        Console.Error.WriteLine("       DeltaSharp.Benchmarks sql [--rows 10M] [--file-rows 1M] [--runs 5] [--dml-runs 3] [--threads 1,2] [--only count,agg,point,range,distinct,join,dml] [--ours-only] [--dir PATH]");
        Console.Error.WriteLine("       DeltaSharp.Benchmarks parquet-columns [--rows N] [--runs N]   (ours only, per column)");
        Console.Error.WriteLine("       DeltaSharp.Benchmarks delta-log [--commits 10000] [--files-per-commit 10] [--checkpoint-every 100] [--runs 5] [--dir PATH]");
        Console.Error.WriteLine("       DeltaSharp.Benchmarks scan-stream FILE [COLUMN…]");
        return 2;
    }
}
