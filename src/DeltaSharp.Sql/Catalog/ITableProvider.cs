namespace DeltaSharp.Sql.Catalog;

/// <summary>
/// How the SQL engine finds tables. The Engine implements it over the catalog and Delta tables; tests use
/// <see cref="InMemoryTableProvider"/>. Implementations must be safe to call from one statement at a time; they
/// may throw their own exceptions (a version that does not exist, a table they cannot read), which reach the
/// caller unchanged.
/// </summary>
public interface ITableProvider
{
    /// <summary>
    /// The table named <paramref name="name"/> at <paramref name="version"/>, or null when no such table exists (the
    /// binder then reports TABLE_OR_VIEW_NOT_FOUND at the name's position). Time travel on a table that does not
    /// support it, or a version / timestamp outside the table's history, is an exception of the provider.
    /// </summary>
    ITableSource? FindTable(TableIdentifier name, TableVersionSpec version);

    /// <summary>The write side of <paramref name="name"/> for INSERT and the other DML statements, or null when the
    /// table does not exist or cannot be written.</summary>
    ITableSink? FindSink(TableIdentifier name) => null;
}
