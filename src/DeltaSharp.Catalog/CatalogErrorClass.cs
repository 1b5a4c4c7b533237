namespace DeltaSharp.Catalog;

/// <summary>
/// The error classes a <see cref="CatalogException"/> carries: Spark's where Spark has one, Unity Catalog's API codes
/// for catalogs (Spark's open-source catalog has no CREATE/DROP CATALOG), and one of our own for the store itself.
/// </summary>
public static class CatalogErrorClass
{
    /// <summary>Spark: a catalog named in a statement does not exist (SQLSTATE 42P08).</summary>
    public const string CatalogNotFound = "CATALOG_NOT_FOUND";

    /// <summary>Unity Catalog API: CREATE CATALOG of a name in use (SQLSTATE 42P04).</summary>
    public const string CatalogAlreadyExists = "CATALOG_ALREADY_EXISTS";

    /// <summary>Unity Catalog API: DROP CATALOG … RESTRICT of a catalog that holds schemas or tables (SQLSTATE 2BP01).</summary>
    public const string CatalogNotEmpty = "CATALOG_NOT_EMPTY";

    /// <summary>Spark: the schema does not exist (SQLSTATE 42704).</summary>
    public const string SchemaNotFound = "SCHEMA_NOT_FOUND";

    /// <summary>Spark: CREATE SCHEMA of a name in use (SQLSTATE 42P06).</summary>
    public const string SchemaAlreadyExists = "SCHEMA_ALREADY_EXISTS";

    /// <summary>Spark: DROP SCHEMA … RESTRICT of a schema that holds tables (SQLSTATE 2BP01).</summary>
    public const string SchemaNotEmpty = "SCHEMA_NOT_EMPTY";

    /// <summary>Spark: the table does not exist, or (UNDROP) no dropped table can be recovered (SQLSTATE 42P01).</summary>
    public const string TableOrViewNotFound = "TABLE_OR_VIEW_NOT_FOUND";

    /// <summary>Spark: the name is taken by a live table (CREATE, RENAME TO, UNDROP) (SQLSTATE 42P07).</summary>
    public const string TableOrViewAlreadyExists = "TABLE_OR_VIEW_ALREADY_EXISTS";

    /// <summary>Spark: ALTER TABLE … RENAME TO a name in another schema or catalog (SQLSTATE 0AKNC).</summary>
    public const string CannotRenameAcrossSchema = "CANNOT_RENAME_ACROSS_SCHEMA";

    /// <summary>Spark: a catalog, schema or table name that cannot be used (SQLSTATE 42602).</summary>
    public const string InvalidSchemaOrRelationName = "INVALID_SCHEMA_OR_RELATION_NAME";

    /// <summary>Ours: the catalog database was written by a newer DeltaSharp or is not a catalog database (SQLSTATE 58030).</summary>
    public const string CatalogStoreUnsupported = "DELTASHARP_CATALOG_STORE_UNSUPPORTED";

    /// <summary>The SQLSTATE of each class above.</summary>
    internal static string SqlStateOf(string errorClass) => errorClass switch
    {
        CatalogNotFound => "42P08",
        CatalogAlreadyExists => "42P04",
        CatalogNotEmpty => "2BP01",
        SchemaNotFound => "42704",
        SchemaAlreadyExists => "42P06",
        SchemaNotEmpty => "2BP01",
        TableOrViewNotFound => "42P01",
        TableOrViewAlreadyExists => "42P07",
        CannotRenameAcrossSchema => "0AKNC",
        InvalidSchemaOrRelationName => "42602",
        CatalogStoreUnsupported => "58030",
        _ => "42000",
    };
}
