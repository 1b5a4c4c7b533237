namespace DeltaSharp.Catalog.Tests;

/// <summary>DROP TABLE keeps a table recoverable for the retention (Unity Catalog: 7 days); UNDROP, SHOW TABLES DROPPED
/// and the purge after it.</summary>
public sealed class DropUndropTests : TestWarehouse
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void DropTable_MarksTheEntryDroppedAndFreesTheName()
    {
        var t = CreateManaged("member_claims_prod");
        Clock.Advance(TimeSpan.FromMinutes(10));

        var dropped = Catalog.DropTable(MainTable("Member_Claims_Prod"), "admin")!;

        Assert.Equal((t.Id, t.Location), (dropped.Id, dropped.Location));
        Assert.Equal((Start.AddMinutes(10), "admin"), (dropped.DroppedAt!.Value, dropped.DroppedBy!));
        Assert.Null(Catalog.FindTable(t.Name));
        Assert.Equal(dropped, Catalog.FindTableById(t.Id));
        Assert.NotEqual(t.Id, CreateManaged("member_claims_prod").Id);
    }

    [Fact]
    public void DropTable_WhenMissing_ThrowsTableOrViewNotFound_UnlessIfExists()
    {
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.DropTable(MainTable("nosuch"), User));
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.DropTable(new TableName("main", "nosuch", "t"), User));
        Assert.Null(Catalog.DropTable(MainTable("nosuch"), User, ifExists: true));

        CreateManaged("t");
        Catalog.DropTable(MainTable("t"), User);
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.DropTable(MainTable("t"), User));
    }

    [Fact]
    public void UndropTable_WithinTheRetention_RestoresTheSameTable()
    {
        // The notebook's step 6-7: DROP TABLE member_claims_prod; UNDROP TABLE member_claims_prod.
        var prod = CreateManaged("member_claims_prod", comment: "claims");
        Catalog.DropTable(prod.Name, User);
        Clock.Advance(TimeSpan.FromSeconds(30));

        var restored = Catalog.UndropTable(MainTable("MEMBER_CLAIMS_PROD"));

        Assert.Equal((prod.Id, prod.Name, prod.Location, prod.Comment, prod.CreatedAt), (restored.Id, restored.Name, restored.Location, restored.Comment, restored.CreatedAt));
        Assert.False(restored.IsDropped);
        Assert.Null(restored.DroppedBy);
        Assert.Equal(Start.AddSeconds(30), restored.UpdatedAt);
        Assert.Equal(restored, Catalog.GetTable(prod.Name));
    }

    [Fact]
    public void UndropTable_OneTickBeforeTheRetentionEnds_Succeeds()
    {
        var t = CreateManaged("t");
        Catalog.DropTable(t.Name, User);
        Clock.Advance(Week - TimeSpan.FromTicks(1));
        Assert.Equal(t.Id, Catalog.UndropTable(t.Name).Id);
    }

    [Fact]
    public void UndropTable_OnceTheRetentionHasPassed_ThrowsNotFoundSayingWhen()
    {
        var t = CreateManaged("t");
        Catalog.DropTable(t.Name, User);
        Clock.Advance(Week);

        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(t.Name));
        Assert.Equal(
            "The table `main`.`default`.`t` cannot be undropped: it was dropped at 2025-11-05 17:28:51Z, more than the retention period of 7 days ago, and can no longer be recovered. SHOW TABLES DROPPED lists the tables that can be recovered.",
            e.Detail);
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(t.Id));
        Assert.True(Catalog.FindTableById(t.Id)!.IsDropped);
    }

    [Fact]
    public void UndropTable_WhenNothingWasDropped_ThrowsNotFound()
    {
        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(MainTable("never")));
        Assert.Contains("within the retention period of 7 days", e.Detail, StringComparison.Ordinal);
        CreateManaged("live");
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(MainTable("live")));
        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.UndropTable(new TableName("main", "nosuch", "t")));
    }

    [Fact]
    public void UndropTable_AfterTheNameWasTakenAgain_ThrowsAlreadyExists_UntilTheNewTableIsRenamed()
    {
        var old = CreateManaged("member_claims_prod");
        Catalog.DropTable(old.Name, User);
        var replacement = CreateManaged("member_claims_prod");

        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewAlreadyExists, () => Catalog.UndropTable(old.Name));
        Assert.Contains("ALTER TABLE `main`.`default`.`member_claims_prod` RENAME TO", e.Detail, StringComparison.Ordinal);
        Assert.Equal(replacement, Catalog.GetTable(old.Name));
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewAlreadyExists, () => Catalog.UndropTable(old.Id));

        Catalog.RenameTable(old.Name, MainTable("member_claims_prod_new"));
        Assert.Equal(old.Id, Catalog.UndropTable(old.Name).Id);
        Assert.Equal(replacement.Id, Catalog.GetTable(MainTable("member_claims_prod_new")).Id);
    }

    [Fact]
    public void UndropTable_ByName_RestoresTheMostRecentlyDropped_AndWithIdAnOlderOne()
    {
        var first = CreateManaged("t");
        Catalog.DropTable(first.Name, User);
        Clock.Advance(TimeSpan.FromHours(1));
        var second = CreateManaged("t");
        Catalog.DropTable(second.Name, User);
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(second.Id, Catalog.UndropTable(MainTable("t")).Id);
        Catalog.DropTable(MainTable("t"), User);
        Assert.Equal(first.Id, Catalog.UndropTable(first.Id).Id);
        Assert.True(Catalog.FindTableById(second.Id)!.IsDropped);
    }

    [Fact]
    public void UndropTable_WithId_OfALiveOrUnknownTable_ThrowsNotFound()
    {
        var live = CreateManaged("t");
        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(live.Id));
        Assert.Contains("is not dropped", e.Detail, StringComparison.Ordinal);
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(Guid.NewGuid()));
    }

    [Fact]
    public void ListDroppedTables_ShowsRecoverableTablesWithIds_MostRecentFirst()
    {
        var a = CreateManaged("a");
        var b = CreateManaged("b");
        var c = CreateManaged("c");
        Catalog.DropTable(a.Name, User);                 // day 0
        Clock.Advance(TimeSpan.FromDays(1));
        Catalog.DropTable(b.Name, User);                 // day 1
        Clock.Advance(TimeSpan.FromDays(1));
        Catalog.DropTable(c.Name, User);                 // day 2

        Assert.Equal([c.Id, b.Id, a.Id], Catalog.ListDroppedTables(MainDefault).Select(t => t.Id));
        Clock.Advance(TimeSpan.FromDays(5.5));           // day 7.5: a has expired
        var listed = Catalog.ListDroppedTables(new SchemaName("MAIN", "DEFAULT"));
        Assert.Equal([c.Id, b.Id], listed.Select(t => t.Id));
        Assert.All(listed, t => Assert.Equal(User, t.DroppedBy));
        CatalogAssert.Throws(CatalogErrorClass.SchemaNotFound, () => Catalog.ListDroppedTables(new SchemaName("main", "nosuch")));
    }

    [Fact]
    public void Purge_RemovesOnlyEntriesPastTheRetention_AndReturnsTheirLocations()
    {
        var managed = CreateManaged("managed");
        var external = Catalog.CreateTable(TableDefinition.External(MainTable("external"), "/data/landing/external"), User);
        var recent = CreateManaged("recent");
        var live = CreateManaged("live");
        Catalog.DropTable(managed.Name, User);
        Catalog.DropTable(external.Name, User);
        Clock.Advance(TimeSpan.FromDays(3));
        Catalog.DropTable(recent.Name, User);

        Clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromTicks(1));
        Assert.Empty(Catalog.PurgeExpiredDroppedTables());

        Clock.Advance(TimeSpan.FromTicks(1));            // exactly 7 days after the first two drops
        Assert.Equal(new[] { external.Id, managed.Id }.Order(), Catalog.ListExpiredDroppedTables().Select(t => t.Id).Order());
        var purged = Catalog.PurgeExpiredDroppedTables();

        Assert.Equal(
            new[] { (external.Id, TableKind.External, "/data/landing/external"), (managed.Id, TableKind.Managed, managed.Location) }.OrderBy(x => x.Item1),
            purged.Select(t => (t.Id, t.Kind, t.Location)).OrderBy(x => x.Item1));
        Assert.Null(Catalog.FindTableById(managed.Id));
        Assert.Null(Catalog.FindTableById(external.Id));
        Assert.True(Catalog.FindTableById(recent.Id)!.IsDropped);
        Assert.NotNull(Catalog.FindTable(live.Name));
        Assert.Empty(Catalog.PurgeExpiredDroppedTables());
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.UndropTable(managed.Id));
    }

    [Fact]
    public void ListExpiredDroppedTables_RemovesNothing_AndDeleteTableEntryRemovesOne()
    {
        var t = CreateManaged("t");
        Catalog.DropTable(t.Name, User);
        Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(t.Id, Assert.Single(Catalog.ListExpiredDroppedTables()).Id);
        Assert.Equal(t.Id, Assert.Single(Catalog.ListExpiredDroppedTables()).Id);
        Assert.True(Catalog.DeleteTableEntry(t.Id));
        Assert.False(Catalog.DeleteTableEntry(t.Id));
        Assert.Empty(Catalog.ListExpiredDroppedTables());

        var live = CreateManaged("undo-me");
        Assert.True(Catalog.DeleteTableEntry(live.Id));    // undoing a CREATE whose first commit failed
        Assert.Null(Catalog.FindTable(live.Name));
    }

    [Fact]
    public void DropRetention_IsConfigurable()
    {
        using var hourly = Open(o => o with { DropRetention = TimeSpan.FromHours(1) });
        var t = hourly.CreateTable(TableDefinition.Managed(MainTable("t")), User);
        hourly.DropTable(t.Name, User);
        Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Single(hourly.ListDroppedTables(MainDefault));
        Assert.Single(Catalog.ListDroppedTables(MainDefault));     // the 7-day view of the same warehouse
        Clock.Advance(TimeSpan.FromMinutes(1));
        var e = CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => hourly.UndropTable(t.Name));
        Assert.Contains("retention period of 1 hour", e.Detail, StringComparison.Ordinal);
        Assert.Empty(Catalog.ListExpiredDroppedTables());
        Assert.Single(hourly.PurgeExpiredDroppedTables());
    }

    [Fact]
    public void ZeroRetention_MakesADropImmediatelyPurgeable()
    {
        using var none = Open(o => o with { DropRetention = TimeSpan.Zero });
        var t = none.CreateTable(TableDefinition.Managed(MainTable("t")), User);
        none.DropTable(t.Name, User);
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => none.UndropTable(t.Name));
        Assert.Equal(t.Id, Assert.Single(none.PurgeExpiredDroppedTables()).Id);
    }
}
