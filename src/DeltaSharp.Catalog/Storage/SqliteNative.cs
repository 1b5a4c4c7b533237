namespace DeltaSharp.Catalog.Storage;

/// <summary>Loads the bundled native SQLite (SQLitePCLRaw's e_sqlite3) once per process.</summary>
internal static class SqliteNative
{
    private static readonly Lazy<string> Loaded = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_libversion().utf8_to_string();
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Initialises the provider if needed and returns the native library's version, e.g. "3.35.5".</summary>
    public static string EnsureLoaded() => Loaded.Value;
}
