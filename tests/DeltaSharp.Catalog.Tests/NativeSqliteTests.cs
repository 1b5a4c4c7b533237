using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog.Tests;

/// <summary>The bundled native SQLite loads on this machine and the store is set up as docs/decisions/0003 says.</summary>
public sealed class NativeSqliteTests : TestWarehouse
{
    [Fact]
    public void NativeLibrary_LoadsAndIsRecentEnoughForPartialIndexes()
    {
        // SQLitePCLRaw.bundle_e_sqlite3 2.0.6 bundles SQLite 3.35.5; partial unique indexes need 3.8.0.
        var parts = SqliteCatalog.NativeVersion.Split('.').Select(int.Parse).ToArray();
        Assert.True(parts[0] == 3 && parts[1] >= 35, $"native SQLite {SqliteCatalog.NativeVersion}");
    }

    [Fact]
    public void Open_PutsTheDatabaseInTheWarehouseInWalMode()
    {
        var expected = Path.Combine(Root, "_catalog", "catalog.db");
        Assert.Equal(expected, Catalog.DatabasePath);
        Assert.True(File.Exists(expected));

        using var connection = new SqliteConnection($"Data Source={expected};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar() as string);
        cmd.CommandText = "PRAGMA user_version;";
        Assert.Equal(1L, cmd.ExecuteScalar());
    }
}
