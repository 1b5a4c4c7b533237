namespace DeltaSharp.Catalog.Tests;

/// <summary>A temporary warehouse folder with a catalog on a manual clock; deleted on dispose.</summary>
public abstract class TestWarehouse : IDisposable
{
    /// <summary>2025-11-05 17:28:51Z: when the spec's notebook created member_claims_prod.</summary>
    internal static readonly DateTimeOffset Start = new(2025, 11, 5, 17, 28, 51, TimeSpan.Zero);

    protected const string User = "vik.malhotra@databricks.com";

    private readonly List<SqliteCatalog> _opened = [];

    protected TestWarehouse()
    {
        Root = Directory.CreateTempSubdirectory("ds-catalog-").FullName;
        Clock = new ManualClock(Start);
        Catalog = Open();
    }

    protected string Root { get; }

    internal ManualClock Clock { get; }

    protected SqliteCatalog Catalog { get; private set; }

    protected static SchemaName MainDefault => new("main", "default");

    protected static TableName MainTable(string table) => new("main", "default", table);

    /// <summary>Another catalog instance on the same warehouse (a second process' view), same clock.</summary>
    protected SqliteCatalog Open(Func<CatalogOptions, CatalogOptions>? configure = null)
    {
        var options = CatalogOptions.ForWarehouse(Root) with { Time = Clock };
        var catalog = SqliteCatalog.Open(configure is null ? options : configure(options));
        _opened.Add(catalog);
        return catalog;
    }

    /// <summary>Closes every instance and opens the database again, as a new process would.</summary>
    protected void Reopen()
    {
        foreach (var c in _opened) c.Dispose();
        _opened.Clear();
        Catalog = Open();
    }

    protected TableEntry CreateManaged(string table, string? comment = null) =>
        Catalog.CreateTable(TableDefinition.Managed(MainTable(table)) with { Comment = comment }, User);

    public void Dispose()
    {
        foreach (var c in _opened) c.Dispose();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
