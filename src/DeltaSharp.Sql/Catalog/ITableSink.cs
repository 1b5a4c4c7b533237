using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Catalog;

/// <summary>How a write replaces existing rows.</summary>
public enum TableWriteMode
{
    /// <summary>INSERT INTO: add the rows.</summary>
    Append,
    /// <summary>INSERT OVERWRITE: the rows replace the table's contents.</summary>
    Overwrite,
}

/// <summary>
/// The write side of a table, for the DML statements (provisional: INSERT only so far; UPDATE / DELETE / MERGE
/// will add row-level operations). The SQL engine hands over rows already cast to <see cref="Schema"/> (Spark's
/// store-assignment rules); the implementation commits them as one table version.
/// </summary>
public interface ITableSink
{
    /// <summary>The columns a write must provide, in order.</summary>
    StructType Schema { get; }

    /// <summary>Writes all rows of <paramref name="batches"/> (schema = <see cref="Schema"/>) as one commit and
    /// returns the number of rows written.</summary>
    long Write(IEnumerable<ColumnBatch> batches, TableWriteMode mode);
}
