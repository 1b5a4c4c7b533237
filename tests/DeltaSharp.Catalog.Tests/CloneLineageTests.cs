namespace DeltaSharp.Catalog.Tests;

/// <summary>Clone edges: which tables were cloned from which, so VACUUM can find the shallow clones that still point
/// at a source's files.</summary>
public sealed class CloneLineageTests : TestWarehouse
{
    [Fact]
    public void RecordClone_ThenListClonesOf_ReturnsTheEdges()
    {
        // The notebook: member_claims_prod_dev SHALLOW CLONE and member_claims_prod_backup DEEP CLONE of prod at v3.
        var prod = CreateManaged("member_claims_prod");
        var dev = CreateManaged("member_claims_prod_dev");
        var backup = CreateManaged("member_claims_prod_backup");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var shallow = Catalog.RecordClone(dev.Id, prod.Id, 3, CloneKind.Shallow, User);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var deep = Catalog.RecordClone(backup.Id, prod.Id, 3, CloneKind.Deep, User);

        Assert.Equal(new CloneEdge(dev.Id, prod.Id, 3, CloneKind.Shallow, Start.AddSeconds(1), User), shallow);
        Assert.Equal([shallow, deep], Catalog.ListClonesOf(prod.Id));
        Assert.Equal([shallow], Catalog.ListClonesOf(prod.Id, CloneKind.Shallow));
        Assert.Equal([deep], Catalog.ListClonesOf(prod.Id, CloneKind.Deep));
        Assert.Equal([shallow], Catalog.ListCloneSources(dev.Id));
        Assert.Empty(Catalog.ListClonesOf(dev.Id));
    }

    [Fact]
    public void ListClonesOf_Transitive_FollowsShallowEdgesOnly()
    {
        var prod = CreateManaged("prod");
        var dev = CreateManaged("dev");             // shallow of prod
        var devOfDev = CreateManaged("dev2");       // shallow of dev: its log points at prod's files too
        var backup = CreateManaged("backup");       // deep of prod: its own files
        var devOfBackup = CreateManaged("dev3");    // shallow of backup: points at backup's files, not prod's
        Catalog.RecordClone(dev.Id, prod.Id, 1, CloneKind.Shallow, User);
        Catalog.RecordClone(devOfDev.Id, dev.Id, 0, CloneKind.Shallow, User);
        Catalog.RecordClone(backup.Id, prod.Id, 1, CloneKind.Deep, User);
        Catalog.RecordClone(devOfBackup.Id, backup.Id, 0, CloneKind.Shallow, User);

        Assert.Equal([dev.Id, devOfDev.Id], Catalog.ListClonesOf(prod.Id, CloneKind.Shallow, transitive: true).Select(e => e.TargetId));
        Assert.Equal([dev.Id], Catalog.ListClonesOf(prod.Id, CloneKind.Shallow).Select(e => e.TargetId));
        Assert.Equal([dev.Id, devOfDev.Id, backup.Id, devOfBackup.Id], Catalog.ListClonesOf(prod.Id, transitive: true).Select(e => e.TargetId));
        Assert.Equal([devOfBackup.Id], Catalog.ListClonesOf(backup.Id, CloneKind.Shallow, transitive: true).Select(e => e.TargetId));
    }

    [Fact]
    public void ListClonesOf_KeepsDroppedClonesUntilTheyArePurged()
    {
        var prod = CreateManaged("prod");
        var dev = CreateManaged("dev");
        Catalog.RecordClone(dev.Id, prod.Id, 2, CloneKind.Shallow, User);
        Catalog.DropTable(dev.Name, User);

        // A dropped clone can be undropped within the retention: VACUUM of prod must still keep its files.
        Assert.Equal(dev.Id, Assert.Single(Catalog.ListClonesOf(prod.Id, CloneKind.Shallow)).TargetId);
        Clock.Advance(TimeSpan.FromDays(7));
        Catalog.PurgeExpiredDroppedTables();
        Assert.Empty(Catalog.ListClonesOf(prod.Id));
    }

    [Fact]
    public void ListClonesOf_ADroppedSource_StillAnswersById()
    {
        // The notebook's step 6: prod is dropped while its shallow clone lives on.
        var prod = CreateManaged("prod");
        var dev = CreateManaged("dev");
        Catalog.RecordClone(dev.Id, prod.Id, 3, CloneKind.Shallow, User);
        Catalog.DropTable(prod.Name, User);
        Assert.Equal(dev.Id, Assert.Single(Catalog.ListClonesOf(prod.Id, CloneKind.Shallow)).TargetId);
        Assert.Equal(prod.Id, Catalog.UndropTable(prod.Name).Id);
        Assert.Single(Catalog.ListClonesOf(prod.Id));
    }

    [Fact]
    public void ListClonesOf_Transitive_StopsOnACycle()
    {
        // CREATE OR REPLACE … CLONE keeps the replaced table's id, so a → b → a is possible.
        var a = CreateManaged("a");
        var b = CreateManaged("b");
        Catalog.RecordClone(b.Id, a.Id, 0, CloneKind.Shallow, User);
        Clock.Advance(TimeSpan.FromSeconds(1));
        Catalog.RecordClone(a.Id, b.Id, 1, CloneKind.Shallow, User);

        Assert.Equal([b.Id], Catalog.ListClonesOf(a.Id, CloneKind.Shallow, transitive: true).Select(e => e.TargetId));
    }

    [Fact]
    public void ListCloneSources_ListsEveryCloneOfATarget_OldestFirst()
    {
        var prod = CreateManaged("prod");
        var dev = CreateManaged("dev");
        Catalog.RecordClone(dev.Id, prod.Id, 3, CloneKind.Shallow, User);
        Clock.Advance(TimeSpan.FromDays(1));
        Catalog.RecordClone(dev.Id, prod.Id, 5, CloneKind.Shallow, User);   // CREATE OR REPLACE TABLE dev SHALLOW CLONE prod
        Assert.Equal([3L, 5L], Catalog.ListCloneSources(dev.Id).Select(e => e.SourceVersion));
    }

    [Fact]
    public void RecordClone_WithAnUnknownTableOrBadArguments_Fails()
    {
        var prod = CreateManaged("prod");
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.RecordClone(Guid.NewGuid(), prod.Id, 0, CloneKind.Shallow, User));
        CatalogAssert.Throws(CatalogErrorClass.TableOrViewNotFound, () => Catalog.RecordClone(prod.Id, Guid.NewGuid(), 0, CloneKind.Shallow, User));
        var dev = CreateManaged("dev");
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.RecordClone(dev.Id, prod.Id, -1, CloneKind.Shallow, User));
        Assert.Throws<ArgumentException>(() => Catalog.RecordClone(prod.Id, prod.Id, 0, CloneKind.Shallow, User));
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.RecordClone(dev.Id, prod.Id, 0, (CloneKind)9, User));
        Assert.Empty(Catalog.ListClonesOf(prod.Id));
    }
}
