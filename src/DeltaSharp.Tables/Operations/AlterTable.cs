using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Constraints;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// ALTER TABLE on a Delta table, one metadata commit each (with a protocol action when the change starts using a
/// table feature), recorded with Delta's operation names and parameters (DeltaOperations: ADD COLUMNS,
/// SET TBLPROPERTIES, UNSET TBLPROPERTIES, RENAME COLUMN, DROP COLUMNS, CHANGE COLUMN, ADD CONSTRAINT,
/// DROP CONSTRAINT) and no metrics. RENAME and DROP COLUMN need column mapping (PROTOCOL.md "Column Mapping": data
/// files keep physical names, so only the logical schema changes). A metadata commit conflicts with every concurrent
/// commit that changed metadata or protocol (ConflictChecker). <paramref name="tableName"/> arguments only name the
/// table in messages (the folder when null). Stateless.
/// </summary>
public static class AlterTable
{
    public const string AddColumnsOperation = "ADD COLUMNS";
    public const string SetPropertiesOperation = "SET TBLPROPERTIES";
    public const string UnsetPropertiesOperation = "UNSET TBLPROPERTIES";
    public const string RenameColumnOperation = "RENAME COLUMN";
    public const string DropColumnsOperation = "DROP COLUMNS";
    public const string ChangeColumnOperation = "CHANGE COLUMN";
    public const string AddConstraintOperation = "ADD CONSTRAINT";
    public const string DropConstraintOperation = "DROP CONSTRAINT";

    private const string CommentKey = "comment";

    // ───────────────────────────── columns ─────────────────────────────

    /// <summary>ADD COLUMNS: appends (or places) nullable columns; a NOT NULL column is refused as Delta does (existing
    /// rows would hold nulls). Under column mapping the new fields get ids and physical names.</summary>
    public static OperationResult AddColumns(Snapshot snapshot, IReadOnlyList<NewColumn> columns, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("ADD COLUMNS needs at least one column.", nameof(columns));
        var schema = snapshot.Schema;
        foreach (var c in columns)
        {
            if (!c.Field.Nullable)
                throw new DeltaException("DELTA_OPERATION_NOT_ALLOWED",
                    $"Operation not allowed: `NOT NULL in ALTER TABLE ADD COLUMNS` is not supported for Delta tables (column {Display([.. c.Parent, c.Field.Name])}: existing rows have no value for it). Add the column as nullable.");
            IReadOnlyList<string> parentNames = [];
            StructType parentType = schema;
            if (c.Parent.Count > 0)
            {
                var parent = SchemaEdit.Find(schema, c.Parent) ?? throw ColumnNotFound(c.Parent, schema);
                if (parent.Field.Type is not StructType st)
                    throw new DeltaException("DELTA_ADD_COLUMN_PARENT_NOT_STRUCT",
                        $"Cannot add {c.Field.Name} because its parent {Display(parent.Path)} is not a StructType but {parent.Field.Type.SimpleString}. Add nested columns to struct columns only.");
                parentNames = parent.Path;
                parentType = st;
            }
            if (parentType.IndexOf(c.Field.Name) >= 0)
                throw new DeltaException("FIELD_ALREADY_EXISTS",
                    $"Cannot add column, because {Display([.. parentNames, c.Field.Name])} already exists in {(parentNames.Count == 0 ? "root" : Display(parentNames))}. Choose another name.");
            if (c.Placement?.After is { } after && parentType.IndexOf(after) < 0)
                throw ColumnNotFound([.. parentNames, after], schema);
            var placement = c.Placement?.After is { } a ? new ColumnPlacement(parentType[parentType.IndexOf(a)].Name) : c.Placement;
            schema = SchemaEdit.Insert(schema, parentNames, c.Field, placement);
        }
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["columns"] = Json(w =>
            {
                w.WriteStartArray();
                foreach (var c in columns)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("column");
                    WriteField(w, [.. c.Parent, c.Field.Name], c.Field);
                    if (c.Placement is not null) w.WriteString("position", c.Placement.ToString());
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }),
        };
        return Commit(snapshot, AddColumnsOperation, parameters, WithSchema(snapshot.Metadata, schema), null, options);
    }

    /// <summary>RENAME COLUMN (column mapping only): the field keeps its id and physical name; partition columns,
    /// and CHECK constraints that name the column are refused (DELTA_CONSTRAINT_DEPENDENT_COLUMN_CHANGE).</summary>
    public static OperationResult RenameColumn(Snapshot snapshot, IReadOnlyList<string> path, string newName, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        if (!PhysicalSchema.IsMapped(snapshot.Properties.ColumnMappingMode))
            throw new DeltaException("DELTA_UNSUPPORTED_RENAME_COLUMN", "Column rename is not supported for your Delta table. " + ColumnMappingAdvice);
        var found = SchemaEdit.Find(snapshot.Schema, path) ?? throw ColumnNotFound(path, snapshot.Schema);
        var names = found.Path;
        var parent = names.Take(names.Count - 1).ToList();
        var siblings = parent.Count == 0 ? snapshot.Schema : (StructType)SchemaEdit.Find(snapshot.Schema, parent)!.Value.Field.Type;
        var existing = siblings.IndexOf(newName);
        if (existing >= 0 && !string.Equals(siblings[existing].Name, found.Field.Name, StringComparison.OrdinalIgnoreCase))
            throw new DeltaException("FIELD_ALREADY_EXISTS",
                $"Cannot rename column, because {Display([.. parent, newName])} already exists in {(parent.Count == 0 ? "root" : Display(parent))}. Choose another name.");
        EnsureNoDependentConstraint(snapshot, names, "rename");
        var schema = SchemaEdit.Replace(snapshot.Schema, names, f => new StructField(newName, f.Type, f.Nullable, f.Metadata));
        var metadata = WithSchema(snapshot.Metadata, schema);
        if (names.Count == 1)
            metadata = metadata with { PartitionColumns = [.. snapshot.PartitionColumns.Select(p => string.Equals(p, names[0], StringComparison.OrdinalIgnoreCase) ? newName : p)] };
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["oldColumnPath"] = Display(names),
            ["newColumnPath"] = Display([.. parent, newName]),
        };
        return Commit(snapshot, RenameColumnOperation, parameters, metadata, null, options);
    }

    /// <summary>DROP COLUMNS (column mapping only): removes the fields from the logical schema (data files keep them);
    /// missing columns are skipped with <paramref name="ifExists"/> (no commit when none is left). Partition columns,
    /// the last column and columns named by CHECK constraints are refused.</summary>
    public static OperationResult DropColumns(Snapshot snapshot, IReadOnlyList<IReadOnlyList<string>> paths, bool ifExists = false, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(paths);
        if (!PhysicalSchema.IsMapped(snapshot.Properties.ColumnMappingMode))
            throw new DeltaException("DELTA_UNSUPPORTED_DROP_COLUMN", "DROP COLUMN is not supported for your Delta table. " + ColumnMappingAdvice);
        var schema = snapshot.Schema;
        var dropped = new List<IReadOnlyList<string>>();
        foreach (var path in paths)
        {
            var found = SchemaEdit.Find(schema, path);
            if (found is null)
            {
                if (ifExists) continue;
                throw ColumnNotFound(path, schema);
            }
            var names = found.Value.Path;
            if (names.Count == 1 && snapshot.PartitionColumns.Contains(names[0], StringComparer.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_UNSUPPORTED_DROP_PARTITION_COLUMN",
                    $"Dropping partition columns ({names[0]}) is not allowed. Partition columns: [{string.Join(", ", snapshot.PartitionColumns)}].");
            EnsureNoDependentConstraint(snapshot, names, "drop");
            schema = SchemaEdit.Replace(schema, names, _ => null);
            if (schema.Count == 0)
                throw new DeltaException("DELTA_DROP_COLUMN_ON_SINGLE_FIELD_SCHEMA",
                    $"Cannot drop column from a schema with a single column. Schema:\n{snapshot.Schema.SimpleString}. A table keeps at least one column.");
            dropped.Add(names);
        }
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["columns"] = CommitInfoBuilder.JsonArray(dropped.Select(Display)),
        };
        if (dropped.Count == 0) return new OperationResult(DropColumnsOperation, parameters, OperationMetrics.None(), null);
        return Commit(snapshot, DropColumnsOperation, parameters, WithSchema(snapshot.Metadata, schema), null, options);
    }

    /// <summary>ALTER COLUMN c COMMENT '…' (CHANGE COLUMN): sets the field's comment metadata.</summary>
    public static OperationResult SetColumnComment(Snapshot snapshot, IReadOnlyList<string> path, string comment, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return ChangeColumn(snapshot, path, f => f.WithMetadata(CommentKey, JsonString(comment)), options);
    }

    /// <summary>ALTER COLUMN c DROP NOT NULL (CHANGE COLUMN).</summary>
    public static OperationResult DropNotNull(Snapshot snapshot, IReadOnlyList<string> path, OperationOptions? options = null) =>
        ChangeColumn(snapshot, path, f => new StructField(f.Name, f.Type, true, f.Metadata), options);

    /// <summary>ALTER COLUMN c SET NOT NULL (CHANGE COLUMN): refused with DELTA_NEW_NOT_NULL_VIOLATION when existing
    /// rows hold nulls in the column (a nested field counts where its parent struct is present).</summary>
    public static OperationResult SetNotNull(Snapshot snapshot, IReadOnlyList<string> path, OperationOptions? options = null, string? tableName = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(path);
        var found = SchemaEdit.Find(snapshot.Schema, path) ?? throw ColumnNotFound(path, snapshot.Schema);
        if (found.Field.Nullable)
        {
            var nulls = CountNulls(snapshot, found.Path);
            if (nulls > 0)
                throw new DeltaException("DELTA_NEW_NOT_NULL_VIOLATION",
                    $"{nulls} rows in {tableName ?? snapshot.TableRoot} violate the new NOT NULL constraint on {Display(found.Path)}. Update or delete those rows first.");
        }
        return ChangeColumn(snapshot, path, f => new StructField(f.Name, f.Type, false, f.Metadata), options);
    }

    /// <summary>ALTER COLUMN c TYPE t where t is the column's current type (Delta accepts it as a CHANGE COLUMN that
    /// changes nothing); any other type is DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP.</summary>
    public static OperationResult SetColumnType(Snapshot snapshot, IReadOnlyList<string> path, DataType type, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ChangeColumn(snapshot, path, f => f.Type.Equals(type) ? f : throw new DeltaException("DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP",
            $"ALTER TABLE ALTER COLUMN is not supported for changing column {Display(path)} from {f.Type.SimpleString} to {type.SimpleString}."), options);
    }

    /// <summary>ALTER COLUMN c FIRST | AFTER x (CHANGE COLUMN with a position): reorders the logical schema (data files
    /// are read by name or field id, so they are not touched).</summary>
    public static OperationResult MoveColumn(Snapshot snapshot, IReadOnlyList<string> path, ColumnPlacement placement, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(placement);
        var found = SchemaEdit.Find(snapshot.Schema, path) ?? throw ColumnNotFound(path, snapshot.Schema);
        var names = found.Path;
        var parent = names.Take(names.Count - 1).ToList();
        var without = SchemaEdit.Replace(snapshot.Schema, names, _ => null);
        var siblings = parent.Count == 0 ? without : (StructType)SchemaEdit.Find(without, parent)!.Value.Field.Type;
        if (placement.After is { } after && siblings.IndexOf(after) < 0) throw ColumnNotFound([.. parent, after], snapshot.Schema);
        var resolved = placement.After is { } a ? new ColumnPlacement(siblings[siblings.IndexOf(a)].Name) : placement;
        var schema = SchemaEdit.Insert(without, parent, found.Field, resolved);
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["column"] = Json(w => WriteField(w, names, found.Field)),
            ["position"] = resolved.ToString(),
        };
        return Commit(snapshot, ChangeColumnOperation, parameters, WithSchema(snapshot.Metadata, schema), null, options);
    }

    private static OperationResult ChangeColumn(Snapshot snapshot, IReadOnlyList<string> path, Func<StructField, StructField> change, OperationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(path);
        var found = SchemaEdit.Find(snapshot.Schema, path) ?? throw ColumnNotFound(path, snapshot.Schema);
        var changed = change(found.Field);
        var schema = SchemaEdit.Replace(snapshot.Schema, found.Path, _ => changed);
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["column"] = Json(w => WriteField(w, found.Path, changed)),
        };
        return Commit(snapshot, ChangeColumnOperation, parameters, WithSchema(snapshot.Metadata, schema), null, options);
    }

    // ───────────────────────────── properties ─────────────────────────────

    /// <summary>SET TBLPROPERTIES: merges the properties into the configuration (validated; logRetentionDuration must
    /// not be shorter than deletedFileRetentionDuration). <c>comment</c> sets the table description;
    /// <c>delta.minReaderVersion</c> / <c>delta.minWriterVersion</c> / <c>delta.feature.&lt;name&gt; = 'supported'</c>
    /// upgrade the protocol and are not stored; enabling a feature (deletion vectors, change data feed, column mapping,
    /// …) adds it to the protocol. CHECK constraints must use ADD CONSTRAINT (DELTA_ADD_CONSTRAINTS).</summary>
    public static OperationResult SetProperties(Snapshot snapshot, IReadOnlyList<KeyValuePair<string, string>> properties, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(properties);
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration, StringComparer.Ordinal);
        var description = snapshot.Metadata.Description;
        var protocol = snapshot.Protocol;
        int? reader = null, writer = null;
        var features = new List<string>();
        var recorded = new List<KeyValuePair<string, string>>(properties.Count);
        foreach (var (rawKey, value) in properties)
        {
            if (rawKey.StartsWith(TableConstraints.Prefix, StringComparison.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_ADD_CONSTRAINTS", "Please use ALTER TABLE ADD CONSTRAINT to add CHECK constraints.");
            var key = KnownTableProperties.NormalizeForSet(rawKey);
            recorded.Add(new KeyValuePair<string, string>(key, value));
            if (key.Equals("location", StringComparison.OrdinalIgnoreCase) || key.Equals("provider", StringComparison.OrdinalIgnoreCase))
                throw new DeltaException("UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY",
                    $"The feature is not supported: {key.ToLowerInvariant()} is a reserved table property and cannot be set with SET TBLPROPERTIES.");
            if (key.Equals(CommentKey, StringComparison.OrdinalIgnoreCase)) { description = value; continue; }
            if (key == "delta.minReaderVersion") { reader = ProtocolVersion(key, value); continue; }
            if (key == "delta.minWriterVersion") { writer = ProtocolVersion(key, value); continue; }
            if (key.StartsWith("delta.feature.", StringComparison.OrdinalIgnoreCase))
            {
                if (!value.Equals("supported", StringComparison.OrdinalIgnoreCase) && !value.Equals("enabled", StringComparison.OrdinalIgnoreCase))
                    throw new DeltaException("DELTA_UNSUPPORTED_FEATURE_STATUS",
                        $"Table feature property {key} must be 'supported' (or 'enabled'), not '{value}'. Dropping a feature needs ALTER TABLE … DROP FEATURE.");
                features.Add(key["delta.feature.".Length..]);
                continue;
            }
            config[key] = value;
        }
        protocol = UpgradeVersions(protocol, reader, writer);
        if (features.Count > 0) protocol = ProtocolUpgrade.WithFeatures(protocol, features.Select(FeatureName));
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Delta records the keys as normalised (known keys canonical, delta.feature.* lower-cased).
            ["properties"] = CommitInfoBuilder.JsonObject(recorded),
        };
        var metadata = snapshot.Metadata with { Configuration = config, Description = description };
        return Commit(snapshot, SetPropertiesOperation, parameters, metadata, ProtocolMerge.SameAs(protocol, snapshot.Protocol) ? null : protocol, options);
    }

    /// <summary>UNSET TBLPROPERTIES [IF EXISTS]: removes the keys (<c>comment</c> clears the description); a missing key
    /// without IF EXISTS is DELTA_UNSET_NON_EXISTENT_PROPERTY.</summary>
    public static OperationResult UnsetProperties(Snapshot snapshot, IReadOnlyList<string> keys, bool ifExists = false, OperationOptions? options = null, string? tableName = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(keys);
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration, StringComparer.Ordinal);
        var description = snapshot.Metadata.Description;
        foreach (var rawKey in keys)
        {
            var key = rawKey.StartsWith("delta.", StringComparison.OrdinalIgnoreCase) ? CanonicalDeltaKey(rawKey) : rawKey;
            if (key.StartsWith(TableConstraints.Prefix, StringComparison.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_ADD_CONSTRAINTS", "Please use ALTER TABLE DROP CONSTRAINT to remove CHECK constraints.");
            if (key.Equals(CommentKey, StringComparison.OrdinalIgnoreCase))
            {
                if (description is null && !ifExists) throw Unset(key, snapshot, tableName);
                description = null;
                continue;
            }
            if (!config.Remove(key) && !ifExists) throw Unset(rawKey, snapshot, tableName);
        }
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["properties"] = CommitInfoBuilder.JsonArray(keys),
            ["ifExists"] = ifExists ? "true" : "false",
        };
        var metadata = snapshot.Metadata with { Configuration = config, Description = description };
        return Commit(snapshot, UnsetPropertiesOperation, parameters, metadata, null, options);
    }

    private static DeltaException Unset(string key, Snapshot snapshot, string? tableName) =>
        new("DELTA_UNSET_NON_EXISTENT_PROPERTY",
            $"Attempted to unset non-existent property '{key}' in table {tableName ?? snapshot.TableRoot}. Use UNSET TBLPROPERTIES IF EXISTS to ignore missing keys.");

    // ───────────────────────────── constraints ─────────────────────────────

    /// <summary>ADD CONSTRAINT name CHECK (expr): stores <c>delta.constraints.&lt;name&gt;</c> = the expression text
    /// (adding the checkConstraints feature) after checking every existing row with the
    /// <see cref="DeltaTableOptions.CheckConstraints"/> evaluator (DELTA_NEW_CHECK_CONSTRAINT_VIOLATION with the count
    /// of rows for which the expression is FALSE).</summary>
    public static OperationResult AddConstraint(Snapshot snapshot, string name, string expression, OperationOptions? options = null, string? tableName = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var key = TableConstraints.KeyFor(name);
        if (snapshot.Metadata.Configuration.TryGetValue(key, out var old))
            throw new DeltaException("DELTA_CONSTRAINT_ALREADY_EXISTS",
                $"Constraint '{name}' already exists. Please delete the old constraint first.\nOld constraint:\n{old}");
        var compiler = snapshot.Options.CheckConstraints
            ?? throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE",
                "ADD CONSTRAINT needs a CHECK expression evaluator to validate the existing rows; set DeltaTableOptions.CheckConstraints (the SQL engine's session does).");
        var check = compiler.Compile(snapshot.Schema, name, expression);
        long violations = 0;
        if (snapshot.ActiveFiles.Count > 0)
            foreach (var batch in snapshot.Scan().Build().ReadBatches())
                violations += check.Violations(batch).Count;
        if (violations > 0)
            throw new DeltaException("DELTA_NEW_CHECK_CONSTRAINT_VIOLATION",
                $"{violations} rows in {tableName ?? snapshot.TableRoot} violate the new CHECK constraint ({expression})");
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration, StringComparer.Ordinal) { [key] = expression };
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal) { ["name"] = name, ["expr"] = expression };
        var txn = snapshot.StartTransaction(AddConstraintOperation);
        // The commit depends on every row it validated: a concurrent write must not slip a violating row in.
        txn.ReadWholeTable();
        return Commit(txn, parameters, snapshot.Metadata with { Configuration = config }, null, options);
    }

    /// <summary>DROP CONSTRAINT [IF EXISTS] name: removes <c>delta.constraints.&lt;name&gt;</c>; a missing constraint
    /// without IF EXISTS is DELTA_CONSTRAINT_DOES_NOT_EXIST (with IF EXISTS Delta still commits, existed = false).</summary>
    public static OperationResult DropConstraint(Snapshot snapshot, string name, bool ifExists = false, OperationOptions? options = null, string? tableName = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = TableConstraints.KeyFor(name);
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration, StringComparer.Ordinal);
        var existed = config.Remove(key, out var expression);
        if (!existed && !ifExists)
            throw new DeltaException("DELTA_CONSTRAINT_DOES_NOT_EXIST",
                $"Cannot drop nonexistent constraint {name} from table {tableName ?? snapshot.TableRoot}. To avoid throwing an error, provide the parameter IF EXISTS or set the SQL session configuration spark.databricks.delta.constraints.assumesDropIfExists.enabled to true.");
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal) { ["name"] = name };
        if (existed) parameters["expr"] = expression;
        parameters["existed"] = existed ? "true" : "false";
        return Commit(snapshot, DropConstraintOperation, parameters, snapshot.Metadata with { Configuration = config }, null, options);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    private const string ColumnMappingAdvice =
        "Please enable Column Mapping for your Delta table with mapping mode 'name'. You can use the following command:\n\n" +
        "ALTER TABLE <table_name> SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')\n\n" +
        "Note, if your table is not on the required protocol version it will be upgraded.";

    private static OperationResult Commit(Snapshot snapshot, string operation, IReadOnlyDictionary<string, string?> parameters, Metadata metadata, Protocol? protocol, OperationOptions? options) =>
        Commit(snapshot.StartTransaction(operation), parameters, metadata, protocol, options);

    private static OperationResult Commit(Transaction txn, IReadOnlyDictionary<string, string?> parameters, Metadata metadata, Protocol? protocol, OperationOptions? options)
    {
        options ??= OperationOptions.Default;
        options.Configure?.Invoke(txn);
        if (protocol is not null) txn.UpdateProtocol(protocol);
        txn.UpdateMetadata(metadata);
        OperationParameters.ApplyTo(txn, parameters);
        var metrics = OperationMetrics.None();
        txn.WithOperationMetrics(metrics);
        // Databricks records metadata-only ALTER commits as Serializable (SET TBLPROPERTIES commits of the corpus).
        txn.WithIsolationLevel(IsolationLevel.Serializable);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(txn.Operation, parameters, metrics, txn.Commit());
    }

    private static Metadata WithSchema(Metadata metadata, StructType schema) => metadata with { SchemaString = SchemaJson.Serialize(schema) };

    private static int ProtocolVersion(string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v
            : throw new DeltaException("DELTA_INVALID_PROTOCOL_VERSION", $"{key} must be a positive integer, not '{value}'.");

    /// <summary>Legacy version properties: only upgrades (DELTA_INVALID_PROTOCOL_DOWNGRADE otherwise); a table-features
    /// protocol already covers every legacy version.</summary>
    private static Protocol UpgradeVersions(Protocol current, int? reader, int? writer)
    {
        if (reader is null && writer is null) return current;
        var r = reader ?? current.MinReaderVersion;
        var w = writer ?? current.MinWriterVersion;
        if (r < current.MinReaderVersion || w < current.MinWriterVersion)
        {
            if (current.SupportsWriterFeatures) return current;
            throw new DeltaException("DELTA_INVALID_PROTOCOL_DOWNGRADE",
                $"Protocol version cannot be downgraded from ({current.MinReaderVersion},{current.MinWriterVersion}) to ({r},{w}). Set versions at least as high as the current ones.");
        }
        if (r > 3 || w > 7)
            throw new DeltaException("DELTA_UNSUPPORTED_PROTOCOL_VERSION", $"Protocol ({r},{w}) is not supported: reader versions go up to 3, writer versions up to 7.");
        if (w == 7 || r == 3)
        {
            // Table features: the legacy versions' implied features become explicit.
            if (current.SupportsWriterFeatures) return current;
            var writerFeatures = ProtocolUpgrade.ImpliedWriterFeatures(current.MinWriterVersion);
            var readerFeatures = ProtocolUpgrade.ImpliedReaderFeatures(current.MinReaderVersion);
            var readerVersion = r >= 3 || readerFeatures.Count > 0 ? 3 : current.MinReaderVersion;
            return new Protocol(readerVersion, 7, readerVersion >= 3 ? readerFeatures : null, writerFeatures);
        }
        return new Protocol(Math.Max(r, current.MinReaderVersion), Math.Max(w, current.MinWriterVersion));
    }

    /// <summary>Feature names of <c>delta.feature.X</c> as the protocol spells them (the key may be lower case).</summary>
    private static string FeatureName(string name)
    {
        foreach (var known in WriteProtocolCheck.KnownWriterFeatures)
            if (known.Equals(name, StringComparison.OrdinalIgnoreCase)) return known;
        throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_IN_CONFIG",
            $"Table feature '{name}' is not known to this engine; known features: {string.Join(", ", WriteProtocolCheck.KnownWriterFeatures.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Delta table property keys are case-insensitive; known ones take their canonical spelling.</summary>
    private static string CanonicalDeltaKey(string key) =>
        key.StartsWith(TableConstraints.Prefix, StringComparison.OrdinalIgnoreCase)
            ? TableConstraints.Prefix + key[TableConstraints.Prefix.Length..].ToLowerInvariant()
            : KnownTableProperties.Canonical(key);

    private static long CountNulls(Snapshot snapshot, IReadOnlyList<string> path)
    {
        if (snapshot.ActiveFiles.Count == 0) return 0;
        // Ordinals of the nested path inside the one selected top-level column.
        var ordinals = new List<(string, int)> { (path[0], 0) };
        DataType type = snapshot.Schema[snapshot.Schema.IndexOf(path[0])].Type;
        for (var d = 1; d < path.Count; d++)
        {
            var st = (StructType)type;
            var i = st.IndexOf(path[d]);
            ordinals.Add((path[d], i));
            type = st[i].Type;
        }
        long count = 0;
        foreach (var batch in snapshot.Scan().Select(path[0]).Build().ReadBatches())
            count += WriteConstraints.CountNullRows(batch, ordinals);
        return count;
    }

    private static void EnsureNoDependentConstraint(Snapshot snapshot, IReadOnlyList<string> path, string verb)
    {
        var dependent = TableConstraints.Checks(snapshot.Metadata.Configuration)
            .Where(c => ConstraintReferences.Mentions(c.Expression, path))
            .Select(c => $"{c.Name} -> {c.Expression}")
            .ToList();
        if (dependent.Count > 0)
            throw new DeltaException("DELTA_CONSTRAINT_DEPENDENT_COLUMN_CHANGE",
                $"Cannot {verb} column {Display(path)} because this column is referenced by the following check constraint(s):\n{string.Join("\n", dependent)}\nDrop those constraints first.");
    }

    private static DeltaException ColumnNotFound(IReadOnlyList<string> path, StructType schema) =>
        new("UNRESOLVED_COLUMN.WITH_SUGGESTION",
            $"A column or function parameter with name {string.Join(".", path.Select(p => "`" + p + "`"))} cannot be resolved. Did you mean one of the following? [{string.Join(", ", schema.Fields.Select(f => "`" + f.Name + "`"))}].");

    /// <summary>A column path as Spark prints it (UnresolvedAttribute.name): parts joined by dots, a part with a dot or
    /// backquote quoted.</summary>
    internal static string Display(IReadOnlyList<string> path) =>
        string.Join(".", path.Select(p => p.Contains('.', StringComparison.Ordinal) || p.Contains('`', StringComparison.Ordinal) ? "`" + p.Replace("`", "``", StringComparison.Ordinal) + "`" : p));

    /// <summary>Delta's structFieldToMap: name, type (Spark's typeName), nullable, metadata.</summary>
    private static void WriteField(Utf8JsonWriter w, IReadOnlyList<string> path, StructField field)
    {
        w.WriteStartObject();
        w.WriteString("name", Display(path));
        w.WriteString("type", TypeName(field.Type));
        w.WriteBoolean("nullable", field.Nullable);
        w.WritePropertyName("metadata");
        w.WriteStartObject();
        foreach (var (k, raw) in field.Metadata)
        {
            w.WritePropertyName(k);
            w.WriteRawValue(raw);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string TypeName(DataType type) => type switch
    {
        StructType => "struct",
        ArrayType => "array",
        MapType => "map",
        _ => SchemaJson.SerializeType(type).Trim('"'),
    };

    private static string JsonString(string value) => Json(w => w.WriteStringValue(value));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
