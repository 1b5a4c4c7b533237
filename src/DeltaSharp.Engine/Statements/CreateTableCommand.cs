using System.Text.Encodings.Web;
using System.Text.Json;
using DeltaSharp.Catalog;
using DeltaSharp.Columnar;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;
using CatalogDefinition = DeltaSharp.Catalog.TableDefinition;
using DeltaDefinition = DeltaSharp.Tables.Operations.TableDefinition;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// CREATE TABLE [IF NOT EXISTS], CREATE OR REPLACE TABLE and REPLACE TABLE (with or without AS SELECT) over the
/// catalog: a new managed table reserves its name and id in the catalog first, then writes version 0 at the managed
/// location (the entry is removed again when that fails); LOCATION makes an external table; <c>delta.`/path`</c>
/// creates a path table without the catalog. One commit each, by <see cref="CreateTable"/> /
/// <see cref="CreateOrReplace"/>.
/// </summary>
internal static class CreateTableCommand
{
    public static OperationResult? Run(CreateTableStatement stmt, DeltaTableProvider tables, string user, Func<Query, PreparedQuery> prepare)
    {
        if (stmt.Provider is not null && !stmt.Provider.Equals("delta", StringComparison.OrdinalIgnoreCase))
            throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TABLE_PROVIDER",
                $"Tables are created USING DELTA; USING {stmt.Provider} is not supported.", stmt.Span);

        var prepared = stmt.AsQuery is null ? null : prepare(stmt.AsQuery);
        var definition = Define(stmt, prepared);
        IEnumerable<ColumnBatch>? data = prepared is null ? null : Dense(prepared, definition.Schema);
        var opts = tables.TableOptions;

        if (stmt.Table is PathTableName path)
        {
            if (path.Format != "delta")
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.TABLE_PROVIDER", $"Only delta.`/path` tables can be created, not {path}.", stmt.Span);
            var pathDefinition = definition with { IsManaged = false };
            return stmt.Mode == CreateMode.Create
                ? CreateOrSkip(() => CreateTable.Run(path.Path, pathDefinition, data, opts), stmt.IfNotExists && DeltaTable.ForPath(path.Path, opts).Exists())
                : CreateOrReplace.Run(path.Path, pathDefinition, data, stmt.Mode == CreateMode.CreateOrReplace, opts);
        }

        var name = tables.Qualify(Identifier(stmt.Table));
        var existing = tables.Catalog.FindTable(name);
        if (existing is not null)
        {
            if (stmt.Mode == CreateMode.Create)
            {
                if (stmt.IfNotExists) return null;
                throw CatalogErrors.TableAlreadyExists(name);
            }
            return CreateOrReplace.Run(existing.Location, definition with { IsManaged = existing.Kind == TableKind.Managed }, data, stmt.Mode == CreateMode.CreateOrReplace, opts);
        }
        if (stmt.Mode == CreateMode.Replace)
            throw new DeltaException("DELTA_CANNOT_REPLACE_MISSING_TABLE",
                $"Table {name} cannot be replaced as it does not exist. Use CREATE OR REPLACE TABLE to create the table.");

        var id = Guid.CreateVersion7();
        var external = stmt.Location is not null;
        var entryDefinition = (external ? CatalogDefinition.External(name, Path.GetFullPath(stmt.Location!)) : CatalogDefinition.Managed(name)) with
        {
            Id = id,
            Comment = stmt.Comment,
            Properties = definition.Properties,
        };
        if (!tables.Catalog.TryCreateTable(entryDefinition, user, out var entry))
        {
            if (stmt.IfNotExists && stmt.Mode == CreateMode.Create) return null;
            throw CatalogErrors.TableAlreadyExists(name);
        }
        try
        {
            var def = definition with { IsManaged = !external };
            return stmt.Mode == CreateMode.Create
                ? CreateTable.Run(entry.Location, def, data, opts)
                : CreateOrReplace.Run(entry.Location, def, data, true, opts);
        }
        catch
        {
            tables.Catalog.DeleteTableEntry(id);
            throw;
        }
    }

    public static TableIdentifier Identifier(Sql.Ast.TableName name) => name switch
    {
        CatalogTableName c => TableIdentifier.Named(c.Name.Parts.Select(p => p.Value).ToArray()),
        PathTableName p => TableIdentifier.ForPath(p.Format, p.Path),
        _ => throw new SqlAnalysisException("INTERNAL_ERROR", $"Unknown table reference {name}."),
    };

    private static OperationResult? CreateOrSkip(Func<OperationResult> create, bool skip) => skip ? null : create();

    private static DeltaDefinition Define(CreateTableStatement stmt, PreparedQuery? query)
    {
        StructType schema;
        if (stmt.Columns.Count > 0)
        {
            schema = new StructType(stmt.Columns.Select(Field));
            if (query is not null && query.Schema.Count != schema.Count)
                throw new SqlAnalysisException("INSERT_COLUMN_ARITY_MISMATCH",
                    $"The query of CREATE TABLE … AS SELECT gives {query.Schema.Count} columns; the table declares {schema.Count}.", stmt.Span);
        }
        else if (query is not null)
            schema = new StructType(query.Schema.Fields.Select(f => new StructField(f.Name, f.Type, true)));
        else
            throw new SqlAnalysisException("DELTA_SCHEMA_NOT_PROVIDED",
                "CREATE TABLE needs a column list or AS SELECT: the table schema is not provided.", stmt.Span);

        var partitionBy = stmt.PartitionBy.Select(p =>
        {
            var i = schema.IndexOf(p.Value);
            return i >= 0 ? schema[i].Name : throw new SqlAnalysisException("DELTA_COLUMN_NOT_FOUND_IN_SCHEMA",
                $"Partition column {p.Value} is not a column of the table: {string.Join(", ", schema.Fields.Select(f => f.Name))}.", p.Span);
        }).ToArray();
        // Unknown delta.* keys are refused and known ones take their canonical case before anything is created.
        var properties = DeltaSharp.Tables.Writing.KnownTableProperties.NormalizeForSet(
            stmt.Properties.Select(p => new KeyValuePair<string, string>(p.Key, p.Value ?? "")));
        return new DeltaDefinition(schema)
        {
            PartitionColumns = partitionBy,
            Properties = properties,
            Description = stmt.Comment,
            IsManaged = stmt.Location is null,
        };
    }

    private static StructField Field(ColumnDefinition column)
    {
        if (column.Name.Parts.Count != 1)
            throw new SqlAnalysisException("INVALID_COLUMN_NAME", $"A table column has a one-part name, not {column.Name}.", column.Span);
        Dictionary<string, string>? metadata = null;
        if (column.Comment is not null)
            metadata = new Dictionary<string, string> { ["comment"] = "\"" + JsonEncodedText.Encode(column.Comment, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"" };
        return new StructField(column.Name.Name, column.Type.ToDataType(), !column.NotNull, metadata);
    }

    /// <summary>The AS SELECT rows, dense, in the table's schema.</summary>
    private static IEnumerable<ColumnBatch> Dense(PreparedQuery query, StructType schema)
    {
        foreach (var b in query.Execute())
        {
            var compact = b.Selection is null ? b : Sql.Execution.Vectors.VectorCopier.Compact(b);
            if (compact.RowCount > 0) yield return new ColumnBatch(schema, compact.Columns, compact.RowCount);
        }
    }
}
