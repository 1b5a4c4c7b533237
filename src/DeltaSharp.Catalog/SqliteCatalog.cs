using DeltaSharp.Catalog.Storage;
using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog;

/// <summary>
/// <see cref="ICatalog"/> on an embedded SQLite database in the warehouse (<c>&lt;warehouse&gt;/_catalog/catalog.db</c>),
/// in WAL mode so readers never wait for a writer. Every change is one <c>BEGIN IMMEDIATE</c> transaction: writers from
/// any thread or process take turns (waiting up to <see cref="CatalogOptions.BusyTimeout"/>), and a unique index on
/// live names makes exactly one of two concurrent CREATEs of a name win. Thread-safe: each call uses its own pooled
/// connection. Dispose releases the pooled connections (the database file can then be deleted or moved).
/// </summary>
public sealed partial class SqliteCatalog : ICatalog, IDisposable
{
    private readonly CatalogOptions _options;
    private readonly string _connectionString;

    private SqliteCatalog(CatalogOptions options, string databasePath)
    {
        _options = options;
        DatabasePath = databasePath;
        WarehousePath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.WarehousePath));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>
    /// Opens (creating if needed) the catalog of the warehouse in <paramref name="options"/>. A new database starts with
    /// <see cref="CatalogOptions.DefaultCatalog"/> holding an empty <see cref="CatalogOptions.DefaultSchema"/>.
    /// Fails with DELTASHARP_CATALOG_STORE_UNSUPPORTED for a file that is not a catalog database or was written by a
    /// newer layout.
    /// </summary>
    public static SqliteCatalog Open(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.WarehousePath))
            throw new ArgumentException("The warehouse path is empty.", nameof(options));
        if (options.DropRetention < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.DropRetention, "The drop retention cannot be negative.");
        if (options.BusyTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "The busy timeout must be positive.");
        NameRules.Validate(options.DefaultCatalog, "catalog");
        NameRules.Validate(options.DefaultSchema, "schema");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SystemUser);

        var databasePath = options.ResolvedDatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        SqliteNative.EnsureLoaded();
        var catalog = new SqliteCatalog(options, databasePath);
        try
        {
            catalog.Initialize();
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
        return catalog;
    }

    /// <summary>The SQLite file (absolute).</summary>
    public string DatabasePath { get; }

    /// <summary>The native SQLite version in use, e.g. "3.35.5".</summary>
    public static string NativeVersion => SqliteNative.EnsureLoaded();

    public string WarehousePath { get; }

    public string DefaultCatalog => _options.DefaultCatalog;

    public string DefaultSchema => _options.DefaultSchema;

    public TimeSpan DropRetention => _options.DropRetention;

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private long NowTicks() => _options.Time.GetUtcNow().UtcTicks;

    /// <summary>Drops older than this (UTC ticks) are past the retention: recoverable iff dropped_at &gt; cutoff.</summary>
    private long RetentionCutoff(long nowTicks) => nowTicks - _options.DropRetention.Ticks;

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            // SQLite's own wait for a lock held by another connection or process (Microsoft.Data.Sqlite also retries
            // a busy statement until DefaultTimeout).
            pragma.CommandText = $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction (BEGIN IMMEDIATE): it sees the latest committed
    /// state and no other writer can commit in between. An exception rolls everything back.</summary>
    private T Write<T>(Func<SqliteTransaction, T> work)
    {
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction(deferred: false);
        var result = work(tx);
        tx.Commit();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction: one consistent snapshot across its statements.</summary>
    private T Read<T>(Func<SqliteTransaction, T> work)
    {
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var result = work(tx);
        tx.Commit();
        return result;
    }

    private void Initialize()
    {
        try
        {
            using var connection = OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                // Persistent in the file; readers then never block on a writer (and vice versa).
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = wal.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw CatalogErrors.StoreUnsupported(DatabasePath, $"it cannot be switched to WAL mode (journal mode is '{mode}')");
            }
            using var tx = connection.BeginTransaction(deferred: false);
            var version = tx.ScalarLong("PRAGMA user_version;");
            if (version > CatalogStoreSchema.CurrentVersion)
                throw CatalogErrors.StoreUnsupported(DatabasePath,
                    $"its layout version is {version} and this DeltaSharp reads up to {CatalogStoreSchema.CurrentVersion}; use a newer DeltaSharp");
            if (version == 0)
            {
                var foreign = tx.ScalarLong(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';");
                if (foreign > 0)
                    throw CatalogErrors.StoreUnsupported(DatabasePath, "it is a SQLite database of something else (it has tables but no catalog layout version)");
                tx.Execute(CatalogStoreSchema.CreateVersion1);
                var now = NowTicks();
                InsertCatalog(tx, _options.DefaultCatalog, null, _options.SystemUser, now);
                tx.Execute($"PRAGMA user_version = {CatalogStoreSchema.CurrentVersion};");
            }
            tx.Commit();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            throw CatalogErrors.StoreUnsupported(DatabasePath, "it is not a SQLite database or it is damaged", e);
        }
    }
}
