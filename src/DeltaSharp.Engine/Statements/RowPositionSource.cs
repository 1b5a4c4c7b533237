using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// The rows of a snapshot with two extra columns, <see cref="FileColumn"/> (index into <see cref="Files"/>) and
/// <see cref="PositionColumn"/> (row position in that file), so that DELETE / UPDATE can run their WHERE through the
/// SQL engine and learn which rows of which file to mark (<see cref="FileRowReader"/>; rows already deleted by a
/// deletion vector are left out).
/// </summary>
internal sealed class RowPositionSource : ITableSource
{
    public const string FileColumn = "__deltasharp_file";
    public const string PositionColumn = "__deltasharp_pos";

    public RowPositionSource(Snapshot snapshot, string displayName)
    {
        Snapshot = snapshot;
        DisplayName = displayName;
        Files = snapshot.ActiveFiles;
        Schema = new StructType([.. snapshot.Schema.Fields, new StructField(FileColumn, DataType.Integer, false), new StructField(PositionColumn, DataType.Long, false)]);
    }

    public Snapshot Snapshot { get; }

    public IReadOnlyList<AddFile> Files { get; }

    public string DisplayName { get; }

    public StructType Schema { get; }

    public IReadOnlyList<string> PartitionColumns => Snapshot.PartitionColumns;

    public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var tableColumns = columns.Where(c => c is not FileColumn and not PositionColumn).ToArray();
        var read = tableColumns.Length > 0 ? tableColumns : Snapshot.Schema.Count > 0 ? [Snapshot.Schema[0].Name] : [];
        var outSchema = new StructType(columns.Select(c => Schema[Schema.IndexOf(c)]));
        for (var f = 0; f < Files.Count; f++)
        {
            foreach (var positioned in FileRowReader.Read(Snapshot, Files[f], read))
            {
                var b = positioned.Batch;
                var cols = new ColumnVector[columns.Count];
                for (var c = 0; c < cols.Length; c++)
                {
                    switch (columns[c])
                    {
                        case FileColumn:
                        {
                            var v = new PrimitiveVector<int>(DataType.Integer, Math.Max(1, b.RowCount));
                            for (var r = 0; r < b.RowCount; r++) v.Append(f);
                            cols[c] = v;
                            break;
                        }
                        case PositionColumn:
                        {
                            var v = new PrimitiveVector<long>(DataType.Long, Math.Max(1, b.RowCount));
                            for (var r = 0; r < b.RowCount; r++) v.Append(positioned.FirstRowPosition + r);
                            cols[c] = v;
                            break;
                        }
                        default:
                            cols[c] = b.Columns[Array.IndexOf(read, columns[c]) is var i and >= 0 ? i : throw new ArgumentException($"No column {columns[c]}.", nameof(columns))];
                            break;
                    }
                }
                yield return new ColumnBatch(outSchema, cols, b.RowCount, b.Selection);
            }
        }
    }
}

/// <summary>A provider that answers one reserved name with a <see cref="RowPositionSource"/> and every other name
/// through the session's provider (subqueries in a DML condition).</summary>
internal sealed class RowPositionProvider(ITableProvider inner, RowPositionSource source) : ITableProvider
{
    public const string TargetName = "__deltasharp_target";

    public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version) =>
        !name.IsPath && name.Parts.Count == 1 && name.Parts[0] == TargetName && version.IsLatest ? source : inner.FindTable(name, version);

    public ITableSink? FindSink(TableIdentifier name) => inner.FindSink(name);
}
