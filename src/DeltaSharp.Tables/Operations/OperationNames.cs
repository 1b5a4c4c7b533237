namespace DeltaSharp.Tables.Operations;

/// <summary>
/// The <c>commitInfo.operation</c> names Spark/Delta write for the operations of this folder (Delta's
/// DeltaOperations: Write, Delete, Update, Merge, Truncate, CreateTable, ReplaceTable).
/// </summary>
public static class OperationNames
{
    /// <summary>INSERT INTO / INSERT OVERWRITE / DataFrame writes.</summary>
    public const string Write = "WRITE";
    public const string Delete = "DELETE";
    public const string Update = "UPDATE";
    public const string Merge = "MERGE";
    public const string Truncate = "TRUNCATE";
    public const string CreateTable = "CREATE TABLE";
    public const string CreateTableAsSelect = "CREATE TABLE AS SELECT";
    public const string ReplaceTable = "REPLACE TABLE";
    public const string ReplaceTableAsSelect = "REPLACE TABLE AS SELECT";
    public const string CreateOrReplaceTable = "CREATE OR REPLACE TABLE";
    public const string CreateOrReplaceTableAsSelect = "CREATE OR REPLACE TABLE AS SELECT";

    /// <summary>Delta's ReplaceTable name: "[CREATE OR ]REPLACE TABLE[ AS SELECT]".</summary>
    public static string ForReplace(bool orCreate, bool asSelect) =>
        (orCreate ? "CREATE OR " : "") + "REPLACE TABLE" + (asSelect ? " AS SELECT" : "");

    /// <summary>Delta's CreateTable name: "CREATE TABLE[ AS SELECT]".</summary>
    public static string ForCreate(bool asSelect) => asSelect ? CreateTableAsSelect : CreateTable;
}
