namespace DeltaSharp.Catalog.Tests;

public sealed class TablesTests : TestWarehouse
{
    [Fact]
    public void CreateTable_Managed_LivesUnderWarehouseCatalogSchemaTablesId()
    {
        var entry = Catalog.CreateTable(TableDefinition.Managed(MainTable("member_claims_prod")), User);

        // ARCHITECTURE.md: <warehouse>/<catalog>/<schema>/tables/<table-id>/
        Assert.Equal(Path.Combine(Root, "main", "default", "tables", entry.Id.ToString("D")), entry.Location);
        Assert.Equal(TableKind.Managed, entry.Kind);
        Assert.Equal(MainTable("member_claims_prod"), entry.Name);
        Assert.Equal((Start, User, Start), (entry.CreatedAt, entry.CreatedBy, entry.UpdatedAt));
        Assert.False(entry.IsDropped);
        Assert.Null(entry.DroppedBy);
        Assert.Empty(entry.Properties);
        Assert.Equal(entry.Location, Catalog.ManagedLocation(MainDefault, entry.Id));
    }

    [Fact]
    public void CreateTable_InAMixedCaseSchema_UsesLowerCaseFolders_AndKeepsSpellings()
    {
        Catalog.CreateCatalog("Quickstart_Catalog", User);
        Catalog.CreateSchema(new SchemaName("quickstart_catalog", "Claims_Analytics"), User);

        var entry = Catalog.CreateTable(TableDefinition.Managed(new TableName("QUICKSTART_CATALOG", "claims_analytics", "Member_Claims_Prod")), User);

        Assert.Equal(Path.Combine(Root, "quickstart_catalog", "claims_analytics", "tables", entry.Id.ToString("D")), entry.Location);
        Assert.Equal(("Quickstart_Catalog", "Claims_Analytics", "Member_Claims_Prod"), (entry.Name.Catalog, entry.Name.Schema, entry.Name.Table));
    }

    [Fact]
    public void CreateTable_External_KeepsTheLocationAsGiven()
    {
        var location = Path.Combine(Root, "elsewhere", "claims");
        var entry = Catalog.CreateTable(TableDefinition.External(MainTable("ext"), location) with { Comment = "landing" }, User);
        Assert.Equal((TableKind.External, location, "landing"), (entry.Kind, entry.Location, entry.Comment));
        Assert.Equal(entry, Catalog.GetTable(MainTable("EXT")));
    }

    [Fact]
    public void CreateTable_NamesAreCaseInsensitive_AndStoredAsGiven()
    {
        var created = CreateManaged("Member_Claims_Prod");

        Assert.Equal(created, Catalog.GetTable(new TableName("MAIN", "Default", "member_claims_PROD")));
        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewAlreadyExists, () => CreateManaged("member_claims_prod"));
        // Spark's TABLE_OR_VIEW_ALREADY_EXISTS text.
        Assert.Equal(
            "Cannot create table or view `main`.`default`.`Member_Claims_Prod` because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.",
            e.Detail);
        Assert.Equal("42P07", e.SqlState);
        Assert.Equal("`main`.`default`.`Member_Claims_Prod`", e.Parameters["relationName"]);
    }

    [Fact]
    public void TryCreateTable_WhenTheNameIsTaken_ReturnsFalseAndTheLiveTable()
    {
        var first = CreateManaged("t");
        Assert.False(Catalog.TryCreateTable(TableDefinition.Managed(MainTable("T")) with { Comment = "second" }, "other", out var existing));
        Assert.Equal(first, existing);
        Assert.Single(Catalog.ListTables(MainDefault));

        Assert.True(Catalog.TryCreateTable(TableDefinition.Managed(MainTable("u")), User, out var created));
        Assert.Equal(MainTable("u"), created.Name);
    }

    [Fact]
    public void CreateTable_InAMissingSchemaOrCatalog_ThrowsSchemaOrCatalogNotFound()
    {
        var e = CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.CreateTable(TableDefinition.Managed(new TableName("main", "nosuch", "t")), User));
        Assert.Equal(
            "The schema `main`.`nosuch` cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.",
            e.Detail);
        Assert.Equal("42704", e.SqlState);
        CatalogAssert.Throws(CatalogErrorClass.CatalogNotFound, () => Catalog.CreateTable(TableDefinition.Managed(new TableName("nosuch", "default", "t")), User));
    }

    [Fact]
    public void CreateTable_WithAPresetId_UsesIt_AndNeverReusesAnId()
    {
        var id = Guid.Parse("0b6f4c2e-93c1-4f6e-9a57-0d2b8c1e7f10");
        var location = Catalog.ManagedLocation(MainDefault, id);
        var entry = Catalog.CreateTable(TableDefinition.Managed(MainTable("t")) with { Id = id }, User);
        Assert.Equal((id, location), (entry.Id, entry.Location));

        Catalog.DropTable(MainTable("t"), User);
        Assert.Throws<ArgumentException>(() => Catalog.CreateTable(TableDefinition.Managed(MainTable("t")) with { Id = id }, User));
    }

    [Fact]
    public void CreateTable_MakesDistinctVersion7Ids()
    {
        var ids = Enumerable.Range(0, 20).Select(i => CreateManaged("t" + i).Id).ToList();
        Assert.Equal(20, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public void CreateTable_WithAMismatchedLocation_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => Catalog.CreateTable(TableDefinition.Managed(MainTable("t")) with { Location = "/x" }, User));
        Assert.Throws<ArgumentException>(() => Catalog.CreateTable(TableDefinition.External(MainTable("t"), " "), User));
        Assert.Throws<ArgumentException>(() => Catalog.CreateTable(TableDefinition.Managed(MainTable("t")), " "));
        Assert.Empty(Catalog.ListTables(MainDefault));
    }

    [Theory]
    [InlineData("member.claims")]
    [InlineData("member claims")]
    [InlineData("")]
    public void CreateTable_WithAnUnusableName_ThrowsInvalidName(string name) =>
        CatalogAssert.Throws(CatalogErrorClass.InvalidSchemaOrRelationName, () => CreateManaged(name));

    [Fact]
    public void GetTable_WhenMissing_ThrowsSparksTableOrViewNotFound()
    {
        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.GetTable(MainTable("nosuch")));
        Assert.Equal(
            "The table or view `main`.`default`.`nosuch` cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
            e.Detail);
        Assert.Equal("42P01", e.SqlState);
        Assert.Equal("`main`.`default`.`nosuch`", e.Parameters["relationName"]);
        Assert.Null(Catalog.FindTable(MainTable("nosuch")));
        Assert.Null(Catalog.FindTable(new TableName("nosuch", "nosuch", "t")));
    }

    [Fact]
    public void FindTableById_FindsLiveAndDroppedEntries()
    {
        var t = CreateManaged("t");
        Assert.Equal(t, Catalog.FindTableById(t.Id));
        Catalog.DropTable(t.Name, User);
        Assert.True(Catalog.FindTableById(t.Id)!.IsDropped);
        Assert.Null(Catalog.FindTableById(Guid.NewGuid()));
    }

    [Fact]
    public void ListTables_ReturnsLiveTablesByName_FilteredWithSparksShowTablesPattern()
    {
        foreach (var name in new[] { "member_claims_prod", "member_claims_prod_dev", "Sales", "member_claims_prod_backup", "gone" })
            CreateManaged(name);
        Catalog.DropTable(MainTable("gone"), User);

        string[] Names(string? pattern) => Catalog.ListTables(MainDefault, pattern).Select(t => t.Name.Table).ToArray();

        Assert.Equal(["member_claims_prod", "member_claims_prod_backup", "member_claims_prod_dev", "Sales"], Names(null));
        Assert.Equal(["member_claims_prod", "member_claims_prod_backup", "member_claims_prod_dev"], Names("member*"));
        Assert.Equal(["member_claims_prod_backup", "member_claims_prod_dev"], Names("*dev|*backup"));
        Assert.Equal(["Sales"], Names("SALES"));             // case-insensitive
        Assert.Equal(["Sales"], Names("  sales  "));         // the whole pattern is trimmed
        Assert.Equal(["member_claims_prod"], Names("member_claims_prod"));   // whole-name match
        Assert.Equal(["member_claims_prod"], Names("member_claims_pro."));   // other characters are a regex
        Assert.Empty(Names("["));                            // an invalid alternative matches nothing…
        Assert.Equal(["Sales"], Names("[|sales"));           // …and does not spoil the others
        Assert.Empty(Names("gone"));                         // dropped tables are not listed
    }

    [Fact]
    public void ListTables_InAMissingSchema_ThrowsSchemaNotFound() =>
        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.ListTables(new SchemaName("main", "nosuch")));

    [Fact]
    public void RenameTable_KeepsIdAndLocation_AndFreesTheOldName()
    {
        var t = CreateManaged("member_claims_prod");
        Clock.Advance(TimeSpan.FromMinutes(1));

        var renamed = Catalog.RenameTable(MainTable("MEMBER_CLAIMS_PROD"), MainTable("member_claims_v2"));

        Assert.Equal((t.Id, t.Location, MainTable("member_claims_v2")), (renamed.Id, renamed.Location, renamed.Name));
        Assert.Equal(Start.AddMinutes(1), renamed.UpdatedAt);
        Assert.Null(Catalog.FindTable(MainTable("member_claims_prod")));
        Assert.NotEqual(t.Id, CreateManaged("member_claims_prod").Id);
    }

    [Fact]
    public void RenameTable_ToTheSameNameInAnotherCase_ChangesTheSpelling()
    {
        CreateManaged("claims");
        Assert.Equal("Claims", Catalog.RenameTable(MainTable("claims"), MainTable("Claims")).Name.Table);
        Assert.Equal("Claims", Catalog.GetTable(MainTable("CLAIMS")).Name.Table);
    }

    [Fact]
    public void RenameTable_OntoALiveTable_ThrowsAlreadyExists_ButADroppedOneDoesNotCount()
    {
        CreateManaged("a");
        CreateManaged("b");
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewAlreadyExists, () => Catalog.RenameTable(MainTable("a"), MainTable("B")));
        Catalog.DropTable(MainTable("b"), User);
        Assert.Equal(MainTable("b"), Catalog.RenameTable(MainTable("a"), MainTable("b")).Name);
    }

    [Fact]
    public void RenameTable_AcrossSchemas_ThrowsCannotRenameAcrossSchema()
    {
        Catalog.CreateSchema(new SchemaName("main", "other"), User);
        CreateManaged("a");
        CatalogAssert.Throws(CatalogErrorClass.CannotRenameAcrossSchema, () => Catalog.RenameTable(MainTable("a"), new TableName("main", "other", "a")));
        Assert.NotNull(Catalog.FindTable(MainTable("a")));
    }

    [Fact]
    public void RenameTable_WhenMissing_ThrowsTableOrViewNotFound() =>
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.RenameTable(MainTable("nosuch"), MainTable("x")));

    [Fact]
    public void SetTableCommentAndProperties_ReplaceThemAndMoveUpdatedAt()
    {
        var t = CreateManaged("t", comment: "first");
        Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("second", Catalog.SetTableComment(t.Id, "second").Comment);
        Assert.Null(Catalog.SetTableComment(t.Id, null).Comment);

        var props = new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true", ["owner.team"] = "claims \"core\" ✓" };
        var updated = Catalog.SetTableProperties(t.Id, props);
        Assert.Equal(props.OrderBy(p => p.Key), updated.Properties.OrderBy(p => p.Key));
        Assert.Equal(Start.AddSeconds(3), updated.UpdatedAt);
        Assert.Empty(Catalog.SetTableProperties(t.Id, new Dictionary<string, string>()).Properties);

        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.SetTableComment(Guid.NewGuid(), "x"));
    }

    [Fact]
    public void TableName_ComparesCaseInsensitively_AndQuotesAsSpark()
    {
        Assert.Equal(new TableName("MAIN", "Default", "T"), MainTable("t"));
        Assert.Equal(new TableName("MAIN", "Default", "T").GetHashCode(), MainTable("t").GetHashCode());
        Assert.NotEqual(MainTable("t"), MainTable("u"));
        Assert.Equal("`main`.`default`.`a``b`", MainTable("a`b").ToString());
        Assert.Equal(MainDefault, MainTable("t").SchemaName);
    }
}
