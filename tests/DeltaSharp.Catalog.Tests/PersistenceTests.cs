using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog.Tests;

/// <summary>What a catalog database keeps across processes, and what it refuses to open.</summary>
public sealed class PersistenceTests : TestWarehouse
{
    [Fact]
    public void Reopen_KeepsCatalogsSchemasTablesDropsAndClones()
    {
        Catalog.CreateCatalog("Quickstart", User, "demo catalog");
        var schema = new SchemaName("quickstart", "Claims");
        Catalog.CreateSchema(schema, User, "claims");
        var props = new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true" };
        var prod = Catalog.CreateTable(TableDefinition.Managed(schema.Table("Prod")) with { Comment = "prod", Properties = props }, User);
        var ext = Catalog.CreateTable(TableDefinition.External(schema.Table("ext"), "/mnt/landing/ext"), User);
        var dev = Catalog.CreateTable(TableDefinition.Managed(schema.Table("dev")), User);
        var edge = Catalog.RecordClone(dev.Id, prod.Id, 3, CloneKind.Shallow, User);
        Clock.Advance(TimeSpan.FromHours(2));
        var droppedDev = Catalog.DropTable(dev.Name, "admin");
        var before = (Catalog.ListCatalogs(), Catalog.ListSchemas("quickstart"), Catalog.ListTables(schema), Catalog.ListDroppedTables(schema));

        Reopen();

        Assert.Equal(before.Item1, Catalog.ListCatalogs());
        Assert.Equal(before.Item2, Catalog.ListSchemas("QUICKSTART"));
        var tables = Catalog.ListTables(schema);
        Assert.Equal([ext.Id, prod.Id], tables.Select(t => t.Id));
        var reopenedProd = Catalog.GetTable(prod.Name);
        Assert.Equal((prod.Location, prod.Comment, prod.CreatedAt, prod.CreatedBy, "Prod"), (reopenedProd.Location, reopenedProd.Comment, reopenedProd.CreatedAt, reopenedProd.CreatedBy, reopenedProd.Name.Table));
        Assert.Equal(props, reopenedProd.Properties);
        Assert.Equal("/mnt/landing/ext", Catalog.GetTable(ext.Name).Location);
        var dropped = Assert.Single(Catalog.ListDroppedTables(schema));
        Assert.Equal((droppedDev!.Id, droppedDev.DroppedAt, "admin"), (dropped.Id, dropped.DroppedAt, dropped.DroppedBy));
        Assert.Equal([edge], Catalog.ListClonesOf(prod.Id));
        Assert.Equal(dev.Id, Catalog.UndropTable(dev.Name).Id);
    }

    [Fact]
    public void Reopen_DoesNotRecreateADroppedDefaultCatalog()
    {
        Catalog.DropCatalog("main", User);
        Reopen();
        Assert.Empty(Catalog.ListCatalogs());
    }

    [Fact]
    public void MovedWarehouse_ResolvesManagedLocationsUnderItsNewFolder()
    {
        var managed = CreateManaged("t");
        var external = Catalog.CreateTable(TableDefinition.External(MainTable("e"), "/mnt/e"), User);
        Catalog.Dispose();
        var moved = Root + "-moved";
        Directory.Move(Root, moved);
        try
        {
            using var there = SqliteCatalog.Open(CatalogOptions.ForWarehouse(moved) with { Time = Clock });
            Assert.Equal(Path.Combine(moved, "main", "default", "tables", managed.Id.ToString("D")), there.GetTable(managed.Name).Location);
            Assert.Equal("/mnt/e", there.GetTable(external.Name).Location);
        }
        finally
        {
            Directory.Move(moved, Root);
        }
    }

    [Fact]
    public void Open_WithACustomDatabasePathAndDefaults_UsesThem()
    {
        var dbPath = Path.Combine(Root, "elsewhere", "my.db");
        using var custom = Open(o => o with { DatabasePath = dbPath, DefaultCatalog = "spark_catalog", DefaultSchema = "default" });
        Assert.Equal(dbPath, custom.DatabasePath);
        Assert.Equal(["spark_catalog"], custom.ListCatalogs().Select(c => c.Name));
        Assert.Equal("spark_catalog", custom.DefaultCatalog);
        var t = custom.CreateTable(TableDefinition.Managed(new TableName("spark_catalog", "default", "t")), User);
        Assert.Equal(Path.Combine(Root, "spark_catalog", "default", "tables", t.Id.ToString("D")), t.Location);
    }

    [Fact]
    public void Open_OnAnotherApplicationsSqliteDatabase_ThrowsStoreUnsupported()
    {
        var dbPath = Path.Combine(Root, "foreign.db");
        using (var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "CREATE TABLE notes (body TEXT);";
            cmd.ExecuteNonQuery();
        }
        var e = CatalogAssert.Throws(CatalogErrorClass.CatalogStoreUnsupported, () => Open(o => o with { DatabasePath = dbPath }));
        Assert.Contains("something else", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OnAFileThatIsNotSqlite_ThrowsStoreUnsupported()
    {
        var dbPath = Path.Combine(Root, "garbage.db");
        File.WriteAllBytes(dbPath, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());
        CatalogAssert.Throws(CatalogErrorClass.CatalogStoreUnsupported, () => Open(o => o with { DatabasePath = dbPath }));
    }

    [Fact]
    public void Open_OnANewerLayout_ThrowsStoreUnsupported()
    {
        using (var connection = new SqliteConnection($"Data Source={Catalog.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 2;";
            cmd.ExecuteNonQuery();
        }
        var e = CatalogAssert.Throws(CatalogErrorClass.CatalogStoreUnsupported, () => Open());
        Assert.Contains("layout version is 2", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WithBadOptions_IsAnArgumentError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Open(o => o with { DropRetention = TimeSpan.FromDays(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open(o => o with { BusyTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => Open(o => o with { WarehousePath = " " }));
        CatalogAssert.Throws(CatalogErrorClass.InvalidSchemaOrRelationName, () => Open(o => o with { DefaultCatalog = "a.b" }));
    }
}
