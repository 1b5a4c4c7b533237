namespace DeltaSharp.Catalog.Tests;

public sealed class SchemasTests : TestWarehouse
{
    private static readonly SchemaName Claims = new("main", "Claims_Analytics");

    [Fact]
    public void CreateSchema_AddsItUnderItsCatalog_KeepingTheGivenSpelling()
    {
        var created = Catalog.CreateSchema(Claims, User, "claims");
        Assert.Equal(new SchemaInfo(Claims, "claims", Start, User), created);
        Assert.Equal("Claims_Analytics", Catalog.FindSchema(new SchemaName("MAIN", "claims_analytics"))!.Name.Schema);
        Assert.Equal(["Claims_Analytics", "default"], Catalog.ListSchemas("main").Select(s => s.Name.Schema));
    }

    [Fact]
    public void CreateSchema_TakesTheCatalogsSpelling()
    {
        Catalog.CreateCatalog("Quickstart", User);
        var created = Catalog.CreateSchema(new SchemaName("QUICKSTART", "s"), User);
        Assert.Equal("Quickstart", created.Name.Catalog);
    }

    [Fact]
    public void CreateSchema_InAMissingCatalog_ThrowsCatalogNotFound() =>
        CatalogAssert.Throws(CatalogErrorClass.CatalogNotFound, () => Catalog.CreateSchema(new SchemaName("nosuch", "s"), User));

    [Fact]
    public void CreateSchema_Twice_ThrowsSchemaAlreadyExists_UnlessIfNotExists()
    {
        var first = Catalog.CreateSchema(Claims, User);
        var e = CatalogAssert.Throws(CatalogErrorClass.SchemaAlreadyExists, () => Catalog.CreateSchema(new SchemaName("main", "claims_analytics"), User));
        // Spark's text for SCHEMA_ALREADY_EXISTS.
        Assert.Equal(
            "Cannot create schema `main`.`Claims_Analytics` because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema.",
            e.Detail);
        Assert.Equal(first, Catalog.CreateSchema(Claims, "other", ifNotExists: true));
    }

    [Fact]
    public void FindSchema_WhenSchemaOrCatalogMissing_ReturnsNull()
    {
        Assert.Null(Catalog.FindSchema(new SchemaName("main", "nosuch")));
        Assert.Null(Catalog.FindSchema(new SchemaName("nosuch", "default")));
    }

    [Fact]
    public void ListSchemas_WithPattern_AndInAMissingCatalog()
    {
        Catalog.CreateSchema(Claims, User);
        Catalog.CreateSchema(new SchemaName("main", "claims_archive"), User);
        Assert.Equal(["Claims_Analytics", "claims_archive"], Catalog.ListSchemas("main", "claims_*").Select(s => s.Name.Schema));
        CatalogAssert.Throws(CatalogErrorClass.CatalogNotFound, () => Catalog.ListSchemas("nosuch"));
    }

    [Fact]
    public void DropSchema_Restrict_WithALiveTable_ThrowsSchemaNotEmpty_ButDroppedTablesDoNotCount()
    {
        Catalog.CreateSchema(Claims, User);
        var t = Claims.Table("t");
        Catalog.CreateTable(TableDefinition.Managed(t), User);
        var e = CatalogAssert.Throws(CatalogErrorClass.SchemaNotEmpty, () => Catalog.DropSchema(Claims, User));
        Assert.Equal("Cannot drop a schema `main`.`Claims_Analytics` because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects.", e.Detail);

        Catalog.DropTable(t, User);
        Assert.Empty(Catalog.DropSchema(Claims, User));
        Assert.Null(Catalog.FindSchema(Claims));
    }

    [Fact]
    public void DropSchema_Cascade_DropsItsTables_WhichUndropOnlyOnceTheSchemaExistsAgain()
    {
        Catalog.CreateSchema(Claims, User);
        var t = Catalog.CreateTable(TableDefinition.Managed(Claims.Table("member_claims_prod")), User);
        var other = CreateManaged("elsewhere");

        var dropped = Assert.Single(Catalog.DropSchema(Claims, "admin", cascade: true));
        Assert.Equal(t.Id, dropped.Id);
        Assert.Equal("admin", dropped.DroppedBy);
        Assert.NotNull(Catalog.FindTable(other.Name));

        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.UndropTable(t.Name));
        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.ListDroppedTables(Claims));
        Catalog.CreateSchema(Claims, User);
        Assert.Equal(t.Id, Catalog.UndropTable(t.Name).Id);
    }

    [Fact]
    public void DropSchema_WhenMissing_ThrowsSchemaNotFound_UnlessIfExists()
    {
        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.DropSchema(new SchemaName("main", "nosuch"), User));
        Assert.Empty(Catalog.DropSchema(new SchemaName("main", "nosuch"), User, ifExists: true));
    }

    [Fact]
    public void SchemaName_ComparesCaseInsensitively_AndQuotesAsSpark()
    {
        Assert.Equal(new SchemaName("Main", "Default"), MainDefault);
        Assert.Equal(new SchemaName("Main", "Default").GetHashCode(), MainDefault.GetHashCode());
        Assert.Equal("`main`.`we``ird`", new SchemaName("main", "we`ird").ToString());
    }
}
