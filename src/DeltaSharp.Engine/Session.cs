using DeltaSharp.Catalog;
using DeltaSharp.Compute;
using DeltaSharp.Engine.Statements;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary>
/// The C# entry point: a warehouse (catalog + managed tables) and session state (current catalog and schema,
/// <c>SET</c> values, the version of this session's last commit). <see cref="Sql"/> runs one statement: queries and
/// EXPLAIN through the SQL engine, DDL / DML / commands here, each change as one Delta commit with the operation's
/// history entry. One statement at a time (not thread-safe); dispose to close the catalog.
/// </summary>
public sealed class Session : IDisposable
{
    private readonly SqliteCatalog _catalog;
    private readonly SessionOptions _options;
    private readonly SessionSettings _settings;
    private readonly DeltaTableProvider _tables;

    private Session(SqliteCatalog catalog, SessionOptions options)
    {
        _catalog = catalog;
        _options = options;
        _settings = new SessionSettings(options.Settings);
        CurrentCatalog = catalog.DefaultCatalog;
        CurrentSchema = catalog.DefaultSchema;
        var tableOptions = DeltaTableOptions.Default with
        {
            Time = options.Time, UserName = options.UserName, UserId = options.UserId,
            // CHECK constraints see the session's time zone and ANSI mode, as the statement's own expressions do.
            CheckConstraints = new Constraints.SqlCheckConstraintCompiler(NewContext),
        };
        _tables = new DeltaTableProvider(catalog, () => (CurrentCatalog, CurrentSchema), tableOptions, OnCommit);
    }

    /// <summary>Opens (creating when needed) the warehouse at <paramref name="warehousePath"/>.</summary>
    public static Session Open(string warehousePath, SessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(warehousePath);
        options ??= SessionOptions.Default;
        var catalog = SqliteCatalog.Open(new CatalogOptions
        {
            WarehousePath = Path.GetFullPath(warehousePath),
            Time = options.Time,
            DropRetention = options.DropRetention,
        });
        return new Session(catalog, options);
    }

    /// <summary>The catalog of the warehouse (catalogs, schemas, table entries).</summary>
    public ICatalog Catalog => _catalog;

    /// <summary><c>current_catalog()</c>; changed by <c>USE CATALOG</c>.</summary>
    public string CurrentCatalog { get; private set; }

    /// <summary><c>current_schema()</c>; changed by <c>USE SCHEMA</c>.</summary>
    public string CurrentSchema { get; private set; }

    /// <summary>The version of the last commit this session made (any table), or null before the first.</summary>
    public long? LastCommitVersion { get; private set; }

    /// <summary>The table provider the SQL engine reads through (for callers that run <see cref="SqlExecutor"/> themselves).</summary>
    public ITableProvider Tables => _tables;

    /// <summary>Parses and runs one statement.</summary>
    public QueryResult Sql(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statement = Parser.ParseStatement(sql);
        try
        {
            return Run(statement, sql);
        }
        catch (SqlAnalysisException e)
        {
            throw e.WithSql(sql);
        }
    }

    private QueryResult Run(Statement statement, string sql)
    {
        var context = NewContext();
        switch (statement)
        {
            case QueryStatement or ExplainStatement { Statement: QueryStatement }:
                return SqlExecutor.Execute(statement, _tables, context, sql, options: QueryOptions());
            case SetStatement set:
                return Set(set);
            case ResetStatement reset:
                _settings.Reset(reset.Key);
                return ResultRows.Empty;
            case UseStatement use:
                return Use(use);
            case CreateSchemaStatement cs:
            {
                var name = SchemaOf(cs.Name);
                _catalog.CreateSchema(name, _options.UserName, cs.Comment, cs.IfNotExists);
                return ResultRows.Empty;
            }
            case CreateTableStatement create:
            {
                var result = CreateTableCommand.Run(create, _tables, _options.UserName, q => SqlExecutor.Prepare(q, _tables, context, sql));
                if (result is not null) OnCommit(result);
                return ResultRows.Empty;
            }
            case InsertStatement insert:
                return InsertCommand.Run(insert, _tables, _settings.Get(InsertCommand.PartitionOverwriteModeKey), context, sql, OnCommit, () => NotFound(insert.Table, sql));
            case AlterTableStatement alter:
                OnCommit(AlterTableCommand.Run(alter, Require(alter.Table), _tables, sql)); return ResultRows.Empty;
            case DescribeHistoryStatement history:
                return HistoryCommand.Run(Require(history.Table).Location, _tables.TableOptions, history.Limit);
            case DropTableStatement drop:
                return Drop(drop);
            case UndropTableStatement undrop:
                _catalog.UndropTable(_tables.Qualify(CatalogName(undrop.Table)));
                return ResultRows.Empty;
            case DeleteStatement delete:
            {
                var result = RowLevelCommand.Delete(delete, Require(delete.Table), _tables, context);
                OnCommit(result);
                return Affected(result, "num_deleted_rows", "numDeletedRows");
            }
            case UpdateStatement update:
            {
                var result = RowLevelCommand.Update(update, Require(update.Table), _tables, context);
                OnCommit(result);
                return Affected(result, "num_updated_rows", "numUpdatedRows");
            }
            case MergeStatement merge:
            {
                var result = MergeCommand.Run(merge, Require(merge.Target), _tables, context);
                OnCommit(result);
                var m = result.Metrics;
                long Get(string key) => m.TryGetValue(key, out var t) && long.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0L;
                var schema = ResultRows.Columns(("num_affected_rows", DataType.Long), ("num_updated_rows", DataType.Long), ("num_deleted_rows", DataType.Long), ("num_inserted_rows", DataType.Long));
                var (u, d, i) = (Get("numTargetRowsUpdated"), Get("numTargetRowsDeleted"), Get("numTargetRowsInserted"));
                return ResultRows.From(schema, [[u + d + i, u, d, i]]);
            }
            case DropSchemaStatement ds:
                _catalog.DropSchema(SchemaOf(ds.Name), _options.UserName, ds.Cascade, ds.IfExists);
                return ResultRows.Empty;
            case ShowTablesStatement st:
            {
                var schemaName = st.Schema is null ? new SchemaName(CurrentCatalog, CurrentSchema) : SchemaOf(st.Schema);
                var schema = ResultRows.Columns(("namespace", DataType.String), ("tableName", DataType.String), ("isTemporary", DataType.Boolean));
                return ResultRows.From(schema, _catalog.ListTables(schemaName, st.Pattern).Select(t => new object?[] { t.Name.Schema, t.Name.Table, false }).ToList());
            }
            case ShowSchemasStatement ss:
            {
                var catalogName = ss.Catalog?.Name ?? CurrentCatalog;
                var schema = ResultRows.Columns(("databaseName", DataType.String));
                return ResultRows.From(schema, _catalog.ListSchemas(catalogName, ss.Pattern).Select(x => new object?[] { x.Name.Schema }).ToList());
            }
            case DescribeTableStatement dt when dt.Column is null:
            {
                var table = Require(dt.Table);
                var snapshot = DeltaTable.ForPath(table.Location, _tables.TableOptions).Latest();
                var schema = ResultRows.Columns(("col_name", DataType.String), ("data_type", DataType.String), ("comment", DataType.String));
                var rows = snapshot.Schema.Fields.Select(f => new object?[] { f.Name, f.Type.SimpleString, Comment(f) }).ToList();
                if (snapshot.PartitionColumns.Count > 0)
                {
                    rows.Add(["# Partition Information", "", ""]);
                    rows.Add(["# col_name", "data_type", "comment"]);
                    foreach (var p in snapshot.PartitionColumns)
                    {
                        var f = snapshot.Schema[snapshot.Schema.IndexOf(p)];
                        rows.Add([f.Name, f.Type.SimpleString, Comment(f)]);
                    }
                }
                return ResultRows.From(schema, rows);
            }
            case RestoreTableStatement restore:
                return RestoreCommand.Run(restore, Require(restore.Table).Location, _tables, context, sql, OnCommit, string.Equals(_settings.Get("spark.sql.files.ignoreMissingFiles"), "true", StringComparison.OrdinalIgnoreCase));
            case TruncateTableStatement truncate:
            {
                var table = Require(truncate.Table);
                OnCommit(Truncate.Run(DeltaTable.ForPath(table.Location, _tables.TableOptions).Latest()));
                return ResultRows.Empty;
            }
            default:
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.STATEMENT",
                    $"{statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal)} statements are not supported by the session yet.",
                    statement.Span, sql);
        }
    }

    private SqlExecutionOptions? QueryOptions() =>
        _options.MaxDegreeOfParallelism is { } threads ? new SqlExecutionOptions { MaxDegreeOfParallelism = Math.Max(1, threads) } : null;

    private EvaluationContext NewContext()
    {
        // current_timestamp() is evaluated once per statement, with microsecond precision (Spark).
        var now = _options.Time.GetUtcNow();
        var micros = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        return new EvaluationContext { StatementTimestamp = micros, SessionTimeZone = _settings.TimeZone(), AnsiMode = _settings.Ansi() };
    }

    private void OnCommit(OperationResult result)
    {
        if (result.Version is not { } version) return;
        LastCommitVersion = version;
        _settings.Set(SessionSettings.LastCommitVersionKey, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A column COMMENT (field metadata "comment", a JSON string), or null.</summary>
    private static string? Comment(StructField field)
    {
        if (!field.Metadata.TryGetValue("comment", out var json)) return null;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.String ? doc.RootElement.GetString() : json;
    }

    /// <summary>The one-row result of DELETE / UPDATE (Databricks: num_affected_rows and the operation's count).</summary>
    private static QueryResult Affected(OperationResult result, string column, string metric)
    {
        var n = result.Metrics.TryGetValue(metric, out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0L;
        var schema = ResultRows.Columns(("num_affected_rows", DataType.Long), (column, DataType.Long));
        return ResultRows.From(schema, [[n, n]]);
    }

    private QueryResult Drop(DropTableStatement drop)
    {
        if (drop.Table is PathTableName)
            throw new SqlAnalysisException("UNSUPPORTED_FEATURE.DROP_PATH_TABLE", $"DROP TABLE needs a catalog table, not the path table {drop.Table}.", drop.Span);
        _catalog.DropTable(_tables.Qualify(CatalogName(drop.Table)), _options.UserName, drop.IfExists);
        return ResultRows.Empty;
    }

    private QueryResult Use(UseStatement use)
    {
        var parts = use.Name.Parts.Select(p => p.Value).ToArray();
        switch (use.Target)
        {
            case UseTarget.Catalog:
                if (parts.Length != 1)
                    throw new SqlAnalysisException("INVALID_SCHEMA_OR_RELATION_NAME", $"A catalog has a one-part name, not {use.Name}.", use.Span);
                if (_catalog.FindCatalog(parts[0]) is null) throw CatalogErrors.CatalogNotFound(parts[0]);
                CurrentCatalog = parts[0];
                CurrentSchema = _catalog.DefaultSchema;
                break;
            default:
            {
                var schema = SchemaOf(use.Name);
                if (_catalog.FindSchema(schema) is null) throw CatalogErrors.SchemaNotFound(schema);
                CurrentCatalog = schema.Catalog;
                CurrentSchema = schema.Schema;
                break;
            }
        }
        return ResultRows.Empty;
    }

    private QueryResult Set(SetStatement set)
    {
        var schema = ResultRows.Columns(("key", DataType.String), ("value", DataType.String));
        if (set.Key is null)
            return ResultRows.From(schema, _settings.All.Select(kv => new object?[] { kv.Key, kv.Value }).ToList());
        if (set.Value is not null) _settings.Set(set.Key, set.Value);
        // "If no commits have been made by the SparkSession, querying the key returns an empty value."
        var value = _settings.Get(set.Key) ?? (set.Key == SessionSettings.LastCommitVersionKey ? "" : SessionSettings.Undefined);
        return ResultRows.From(schema, [[set.Key, value]]);
    }

    private SchemaName SchemaOf(QualifiedName name) => name.Parts.Count switch
    {
        1 => new SchemaName(CurrentCatalog, name.Parts[0].Value),
        2 => new SchemaName(name.Parts[0].Value, name.Parts[1].Value),
        _ => throw new SqlAnalysisException("REQUIRES_SINGLE_PART_NAMESPACE", $"A schema is named schema or catalog.schema, not {name}.", name.Span),
    };

    private static TableIdentifier CatalogName(Sql.Ast.TableName name) => CreateTableCommand.Identifier(name);

    private ResolvedTable Require(Sql.Ast.TableName name) =>
        _tables.Resolve(CreateTableCommand.Identifier(name)) ?? throw NotFound(name, null);

    private Exception NotFound(Sql.Ast.TableName name, string? sql) =>
        name is PathTableName
            ? new DeltaException("DELTA_TABLE_NOT_FOUND", $"{name} is not a Delta table.")
            : CatalogErrors.TableNotFound(_tables.Qualify(CatalogName(name)));

    public void Dispose() => _catalog.Dispose();
}
