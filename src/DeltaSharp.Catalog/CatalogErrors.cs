using System.Globalization;

namespace DeltaSharp.Catalog;

/// <summary>
/// Builds every <see cref="CatalogException"/>: Spark's wording where Spark has the error class, with what to do next.
/// </summary>
internal static class CatalogErrors
{
    public static CatalogException CatalogNotFound(string catalog) => new(
        CatalogErrorClass.CatalogNotFound,
        $"The catalog {NameRules.Quote(catalog)} cannot be found. Verify the spelling of the catalog name; SHOW CATALOGS lists the catalogs and CREATE CATALOG creates one.",
        Params("catalogName", NameRules.Quote(catalog)));

    public static CatalogException CatalogAlreadyExists(string catalog) => new(
        CatalogErrorClass.CatalogAlreadyExists,
        $"Cannot create catalog {NameRules.Quote(catalog)} because it already exists.\nChoose a different name, drop the existing catalog, or add the IF NOT EXISTS clause to tolerate a pre-existing catalog.",
        Params("catalogName", NameRules.Quote(catalog)));

    public static CatalogException CatalogNotEmpty(string catalog, int schemas, int tables) => new(
        CatalogErrorClass.CatalogNotEmpty,
        $"Cannot drop catalog {NameRules.Quote(catalog)} because it contains objects ({Count(schemas, "schema")} besides an empty `default`, {Count(tables, "table")}).\nUse DROP CATALOG ... CASCADE to drop the catalog and all its objects.",
        Params("catalogName", NameRules.Quote(catalog)));

    public static CatalogException SchemaNotFound(SchemaName schema) => new(
        CatalogErrorClass.SchemaNotFound,
        $"The schema {schema} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.",
        Params("schemaName", schema.ToString()));

    public static CatalogException SchemaAlreadyExists(SchemaName schema) => new(
        CatalogErrorClass.SchemaAlreadyExists,
        $"Cannot create schema {schema} because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema.",
        Params("schemaName", schema.ToString()));

    public static CatalogException SchemaNotEmpty(SchemaName schema) => new(
        CatalogErrorClass.SchemaNotEmpty,
        $"Cannot drop a schema {schema} because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects.",
        Params("schemaName", schema.ToString()));

    public static CatalogException TableNotFound(TableName table) => new(
        CatalogErrorClass.TableOrViewNotFound,
        $"The table or view {table} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
        Params("relationName", table.ToString()));

    public static CatalogException TableIdNotFound(Guid id) => new(
        CatalogErrorClass.TableOrViewNotFound,
        $"The table with id '{id:D}' cannot be found. Table ids are shown by DESCRIBE DETAIL and SHOW TABLES DROPPED.",
        Params("relationName", $"'{id:D}'"));

    public static CatalogException TableAlreadyExists(TableName table) => new(
        CatalogErrorClass.TableOrViewAlreadyExists,
        $"Cannot create table or view {table} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.",
        Params("relationName", table.ToString()));

    public static CatalogException RenameTargetExists(TableName from, TableName to) => new(
        CatalogErrorClass.TableOrViewAlreadyExists,
        $"Cannot rename table {from} to {to} because a table or view {to} already exists.\nChoose a different name, or drop or rename the existing object first.",
        Params("relationName", to.ToString()));

    public static CatalogException UndropNameTaken(TableName table, Guid droppedId) => new(
        CatalogErrorClass.TableOrViewAlreadyExists,
        $"Cannot undrop table {table} (id '{droppedId:D}') because a table or view with that name already exists.\nRename the existing table with ALTER TABLE {table} RENAME TO <new name>, then run UNDROP TABLE again.",
        Params("relationName", table.ToString()));

    public static CatalogException NothingToUndrop(TableName table, TimeSpan retention, DateTimeOffset? expiredDropAt) => new(
        CatalogErrorClass.TableOrViewNotFound,
        expiredDropAt is { } at
            ? $"The table {table} cannot be undropped: it was dropped at {Instant(at)}, more than the retention period of {Duration(retention)} ago, and can no longer be recovered. SHOW TABLES DROPPED lists the tables that can be recovered."
            : $"The table {table} cannot be undropped: no table of that name was dropped within the retention period of {Duration(retention)}. Verify the spelling and correctness of the schema and catalog; SHOW TABLES DROPPED lists the tables that can be recovered.",
        Params("relationName", table.ToString()));

    public static CatalogException NothingToUndropById(Guid id, TimeSpan retention, DateTimeOffset? expiredDropAt, bool isLive) => new(
        CatalogErrorClass.TableOrViewNotFound,
        isLive
            ? $"The table with id '{id:D}' cannot be undropped because it is not dropped."
            : expiredDropAt is { } at
                ? $"The table with id '{id:D}' cannot be undropped: it was dropped at {Instant(at)}, more than the retention period of {Duration(retention)} ago, and can no longer be recovered."
                : $"No dropped table with id '{id:D}' can be recovered. SHOW TABLES DROPPED lists the tables that can be recovered, with their ids.",
        Params("relationName", $"'{id:D}'"));

    public static CatalogException RenameAcrossSchema(TableName from, TableName to) => new(
        CatalogErrorClass.CannotRenameAcrossSchema,
        $"Renaming a table across schemas is not allowed: {from} cannot be renamed to {to}.\nRename it within {from.SchemaName}, or copy it to the other schema with CREATE TABLE ... DEEP CLONE.",
        Params("type", "table"));

    public static CatalogException InvalidName(string name, string what, string why) => new(
        CatalogErrorClass.InvalidSchemaOrRelationName,
        $"{NameRules.Quote(name)} is not a valid {what} name: {why}. A name has 1 to {NameRules.MaxLength} characters and none of period, space, slash, backslash or control characters.",
        Params("name", NameRules.Quote(name)));

    public static CatalogException StoreUnsupported(string path, string why, Exception? inner = null) => new(
        CatalogErrorClass.CatalogStoreUnsupported,
        $"The catalog database {path} cannot be used: {why}.",
        Params("path", path), inner);

    /// <summary>A retention or age in the largest whole unit that states it exactly: "7 days", "36 hours", "90 minutes".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0) return Count((long)span.TotalDays, "day");
        if (span.Ticks % TimeSpan.TicksPerHour == 0) return Count((long)span.TotalHours, "hour");
        if (span.Ticks % TimeSpan.TicksPerMinute == 0) return Count((long)span.TotalMinutes, "minute");
        return span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " seconds";
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Count(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static Dictionary<string, string> Params(string key, string value) => new(StringComparer.Ordinal) { [key] = value };
}
