namespace DeltaSharp.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: deltasharp parquet schema|meta|cat FILE");
        return args.Length == 0 ? 2 : 2;
    }
}
