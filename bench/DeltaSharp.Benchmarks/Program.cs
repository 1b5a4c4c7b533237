namespace DeltaSharp.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: DeltaSharp.Benchmarks parquet [--rows N]");
        return args.Length == 0 ? 2 : 2;
    }
}
