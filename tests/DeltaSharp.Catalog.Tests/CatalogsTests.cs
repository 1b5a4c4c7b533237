namespace DeltaSharp.Catalog.Tests;

public sealed class CatalogsTests : TestWarehouse
{
    [Fact]
    public void NewWarehouse_HasMainCatalogWithAnEmptyDefaultSchema()
    {
        var catalog = Assert.Single(Catalog.ListCatalogs());
        Assert.Equal(new CatalogInfo("main", null, Start, "system"), catalog);
        var schema = Assert.Single(Catalog.ListSchemas("main"));
        Assert.Equal(new SchemaName("main", "default"), schema.Name);
        Assert.Empty(Catalog.ListTables(MainDefault));
        Assert.Equal("main", Catalog.DefaultCatalog);
        Assert.Equal("default", Catalog.DefaultSchema);
        Assert.Equal(TimeSpan.FromDays(7), Catalog.DropRetention);
    }

    [Fact]
    public void CreateCatalog_AddsItWithADefaultSchema_KeepingTheGivenSpelling()
    {
        Clock.Advance(TimeSpan.FromMinutes(5));
        var created = Catalog.CreateCatalog("Quickstart_Catalog_VKM_External", User, "demo");

        Assert.Equal(new CatalogInfo("Quickstart_Catalog_VKM_External", "demo", Start.AddMinutes(5), User), created);
        Assert.Equal(created, Catalog.FindCatalog("quickstart_catalog_vkm_external"));
        Assert.Equal(["default"], Catalog.ListSchemas("QUICKSTART_CATALOG_VKM_EXTERNAL").Select(s => s.Name.Schema));
        Assert.Equal(["main", "Quickstart_Catalog_VKM_External"], Catalog.ListCatalogs().Select(c => c.Name));
    }

    [Fact]
    public void CreateCatalog_WhenTheNameExistsInAnyCase_ThrowsCatalogAlreadyExists_UnlessIfNotExists()
    {
        var first = Catalog.CreateCatalog("Sales", User);
        var e = CatalogAssert.Throws(CatalogErrorClass.CatalogAlreadyExists, () => Catalog.CreateCatalog("SALES", User));
        Assert.Contains("IF NOT EXISTS", e.Message, StringComparison.Ordinal);
        Assert.Equal("`Sales`", e.Parameters["catalogName"]);

        Assert.Equal(first, Catalog.CreateCatalog("sales", "someone else", "ignored", ifNotExists: true));
    }

    [Fact]
    public void FindCatalog_WhenMissing_ReturnsNull() => Assert.Null(Catalog.FindCatalog("nosuch"));

    [Fact]
    public void ListCatalogs_WithPattern_FiltersAsSparkDoes()
    {
        Catalog.CreateCatalog("sales_eu", User);
        Catalog.CreateCatalog("sales_us", User);
        Catalog.CreateCatalog("hr", User);
        Assert.Equal(["sales_eu", "sales_us"], Catalog.ListCatalogs("sales*").Select(c => c.Name));
        Assert.Equal(["hr", "main"], Catalog.ListCatalogs("HR|main").Select(c => c.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("with space")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("tab\there")]
    public void CreateCatalog_WithAnUnusableName_ThrowsInvalidName(string name) =>
        CatalogAssert.Throws(CatalogErrorClass.InvalidSchemaOrRelationName, () => Catalog.CreateCatalog(name, User));

    [Fact]
    public void CreateCatalog_WithA256CharacterName_ThrowsInvalidName_And255IsAccepted()
    {
        CatalogAssert.Throws(CatalogErrorClass.InvalidSchemaOrRelationName, () => Catalog.CreateCatalog(new string('c', 256), User));
        Assert.Equal(255, Catalog.CreateCatalog(new string('c', 255), User).Name.Length);
    }

    [Fact]
    public void DropCatalog_Restrict_WithOnlyAnEmptyDefaultSchema_DropsIt()
    {
        Catalog.CreateCatalog("scratch", User);
        Assert.Empty(Catalog.DropCatalog("SCRATCH", User));
        Assert.Null(Catalog.FindCatalog("scratch"));
        Assert.Null(Catalog.FindSchema(new SchemaName("scratch", "default")));
    }

    [Fact]
    public void DropCatalog_Restrict_WithAnotherSchema_ThrowsCatalogNotEmpty()
    {
        Catalog.CreateCatalog("scratch", User);
        Catalog.CreateSchema(new SchemaName("scratch", "claims_analytics"), User);
        var e = CatalogAssert.Throws(CatalogErrorClass.CatalogNotEmpty, () => Catalog.DropCatalog("scratch", User));
        Assert.Contains("CASCADE", e.Message, StringComparison.Ordinal);
        Assert.NotNull(Catalog.FindCatalog("scratch"));
    }

    [Fact]
    public void DropCatalog_Restrict_WithATableInDefault_ThrowsCatalogNotEmpty()
    {
        CreateManaged("t");
        CatalogAssert.Throws(CatalogErrorClass.CatalogNotEmpty, () => Catalog.DropCatalog("main", User));
        Assert.NotNull(Catalog.FindTable(MainTable("t")));
    }

    [Fact]
    public void DropCatalog_Cascade_DropsEveryLiveTableAndSchema_KeepingTheEntriesForUndrop()
    {
        Catalog.CreateCatalog("scratch", User);
        var schema = new SchemaName("scratch", "claims_analytics");
        Catalog.CreateSchema(schema, User);
        var a = Catalog.CreateTable(TableDefinition.Managed(schema.Table("a")), User);
        var b = Catalog.CreateTable(TableDefinition.Managed(new TableName("scratch", "default", "b")), User);
        Clock.Advance(TimeSpan.FromHours(1));

        var dropped = Catalog.DropCatalog("scratch", "admin", cascade: true);

        Assert.Equal(new[] { a.Id, b.Id }.Order(), dropped.Select(t => t.Id).Order());
        Assert.All(dropped, t => Assert.Equal((Start.AddHours(1), "admin"), (t.DroppedAt!.Value, t.DroppedBy!)));
        Assert.Null(Catalog.FindCatalog("scratch"));
        Assert.True(Catalog.FindTableById(a.Id)!.IsDropped);

        // UNDROP needs the parent schema and catalog back.
        CatalogAssert.Throws(CatalogErrorClass.CatalogNotFound, () => Catalog.UndropTable(a.Name));
        Catalog.CreateCatalog("scratch", User);
        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.UndropTable(a.Name));
        Catalog.CreateSchema(schema, User);
        Assert.Equal(a.Location, Catalog.UndropTable(a.Name).Location);
    }

    [Fact]
    public void DropCatalog_WhenMissing_ThrowsCatalogNotFound_UnlessIfExists()
    {
        CatalogAssert.Throws(CatalogErrorClass.CatalogNotFound, () => Catalog.DropCatalog("nosuch", User));
        Assert.Empty(Catalog.DropCatalog("nosuch", User, ifExists: true));
    }
}
