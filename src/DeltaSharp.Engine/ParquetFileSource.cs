using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Parquet;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary><c>parquet.`/path/file.parquet`</c>: one Parquet file read directly (column projection and row-group
/// skipping with the pushed predicate). No versions; time travel is refused by the provider.</summary>
internal sealed class ParquetFileSource : ITableSource
{
    private readonly string _path;

    public ParquetFileSource(string path)
    {
        _path = path;
        using var reader = ParquetFileReader.Open(path);
        Schema = reader.Schema;
        EstimatedRowCount = reader.RowCount;
    }

    public string DisplayName => $"parquet.`{_path}`";

    public StructType Schema { get; }

    public IReadOnlyList<string> PartitionColumns => [];

    public long? EstimatedRowCount { get; }

    public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) return CountOnly.Rows(Read(Schema.Count > 0 ? [Schema[0].Name] : [], pushedPredicate));
        return Read(columns, pushedPredicate);
    }

    public string Explain(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        using var reader = ParquetFileReader.Open(_path);
        var kept = reader.SelectRowGroups(new ParquetReadOptions { Filter = pushedPredicate }).Count;
        return $"parquet {_path}: row groups kept {kept} of {reader.RowGroupCount}";
    }

    private IEnumerable<ColumnBatch> Read(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        using var reader = ParquetFileReader.Open(_path);
        foreach (var batch in reader.ReadBatches(new ParquetReadOptions { Columns = columns, Filter = pushedPredicate }))
            yield return batch;
    }
}
