using System.Globalization;

namespace DeltaSharp.Catalog.Tests;

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off). xunit never calls it; the multi-process tests start
/// this assembly with <c>dotnet DeltaSharp.Catalog.Tests.dll race-create …</c> to get a second operating-system
/// process on the same catalog database.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "race-create")
            return RaceCreate(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        Console.Error.WriteLine("This is a test assembly: run it with `dotnet test`.");
        return 2;
    }

    /// <summary>Opens the catalog, says "ready", waits for the go file, then tries to create tables race_0…race_{n-1}
    /// and prints "won i" for each one it created.</summary>
    private static int RaceCreate(string warehouse, string goFile, int count)
    {
        var me = $"worker-{Environment.ProcessId}";
        using var catalog = SqliteCatalog.Open(CatalogOptions.ForWarehouse(warehouse));
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(goFile))
        {
            if (DateTime.UtcNow > deadline) return 3;
            Thread.Sleep(1);
        }
        for (var i = 0; i < count; i++)
        {
            var name = new TableName("main", "default", "race_" + i.ToString(CultureInfo.InvariantCulture));
            if (catalog.TryCreateTable(TableDefinition.Managed(name), me, out _))
                Console.Out.WriteLine("won " + i.ToString(CultureInfo.InvariantCulture));
        }
        Console.Out.Flush();
        return 0;
    }
}
