using System.Globalization;
using DeltaSharp.Columnar;
using DeltaSharp.Tables.Constraints;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Tables.Tests.Writing;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>The C# side of ALTER TABLE and of constraint enforcement: <see cref="AlterTable"/> without the SQL engine,
/// the constraint hook on <see cref="DeltaTableOptions.CheckConstraints"/> (a hand-written evaluator of
/// <c>column &gt; number</c> stands in for the engine), nested NOT NULL, and the refusal to write tables with CHECK
/// constraints when no evaluator is supplied.</summary>
public sealed class AlterTableOperationTests : IDisposable
{
    private readonly OpsTable _table = new();

    public void Dispose() => _table.Dispose();

    /// <summary>Evaluates <c>col &gt; n</c> over long columns (NULL passes): enough to exercise the hook.</summary>
    private sealed class GreaterThanCompiler : ICheckConstraintCompiler
    {
        public ICompiledCheck Compile(StructType schema, string name, string expression)
        {
            var parts = expression.Split('>', StringSplitOptions.TrimEntries);
            var column = schema.IndexOf(parts[0]);
            if (parts.Length != 2 || column < 0) throw new DeltaException("DELTA_NON_BOOLEAN_CHECK_CONSTRAINT", $"CHECK constraint '{name}' ({expression}) should be a boolean expression.");
            return new Check(column, schema[column].Name, long.Parse(parts[1], CultureInfo.InvariantCulture), $"({expression})");
        }

        private sealed class Check(int column, string name, long bound, string sql) : ICompiledCheck
        {
            public string Sql => sql;

            public IReadOnlyList<int> Violations(ColumnBatch batch)
            {
                var v = (PrimitiveVector<long>)batch.Columns[column];
                var rows = new List<int>();
                for (var i = 0; i < batch.LiveRowCount; i++)
                {
                    var r = batch.RowIndex(i);
                    if (!v.IsNull(r) && v[r] <= bound) rows.Add(r);
                }
                return rows;
            }

            public IReadOnlyList<KeyValuePair<string, string>> Values(ColumnBatch batch, int row) =>
                [new(name, ((PrimitiveVector<long>)batch.Columns[column])[row].ToString(CultureInfo.InvariantCulture))];
        }
    }

    [Fact]
    public void AddConstraint_WithoutAnEvaluator_IsRefused()
    {
        _table.Create();
        var e = Assert.Throws<DeltaException>(() => AlterTable.AddConstraint(_table.Latest(), "positive", "id > 0"));
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE", e.ErrorClass);
        Assert.Equal(0L, _table.Latest().Version);
    }

    [Fact]
    public void CheckConstraint_ThroughTheHook_RefusesViolatingAppends_AndCommitsNothing()
    {
        _table.Options = _table.Options with { CheckConstraints = new GreaterThanCompiler() };
        _table.Create();
        _table.Append(1, 2);
        var violated = Assert.Throws<DeltaException>(() => AlterTable.AddConstraint(_table.Latest(), "Big", "id > 1", tableName: "t"));
        Assert.Equal("[DELTA_NEW_CHECK_CONSTRAINT_VIOLATION] 1 rows in t violate the new CHECK constraint (id > 1)", violated.Message);

        var added = AlterTable.AddConstraint(_table.Latest(), "Positive", "id > 0");
        Assert.Equal(2L, added.Version);
        Assert.Equal("id > 0", _table.Latest().Metadata.Configuration["delta.constraints.positive"]);
        Assert.True(_table.Latest().Protocol.HasWriterFeature("checkConstraints"));

        var e = Assert.Throws<DeltaException>(() => _table.Append(5, 0));
        Assert.Equal("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", e.ErrorClass);
        Assert.Equal("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint positive (id > 0) violated by row with values:\n - id : 0", e.Message);
        Assert.Equal(2L, _table.Latest().Version);
        Assert.Equal(2L, DeltaReplay.Read(_table.Root).NumRows);

        _table.Append(3);
        Assert.Equal(3L, _table.Latest().Version);

        // The same table opened without an evaluator is not written.
        _table.Options = _table.Options with { CheckConstraints = null };
        var refused = Assert.Throws<DeltaException>(() => _table.Append(4));
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE", refused.ErrorClass);
        Assert.Equal(3L, _table.Latest().Version);
    }

    [Fact]
    public void AddConstraint_RacingAnAppend_NeitherSlipsAViolatingRowIn()
    {
        _table.Options = _table.Options with { CheckConstraints = new GreaterThanCompiler() };
        _table.Create();
        _table.Append(1);

        // An append that read the table before the constraint was added loses to the metadata change.
        var beforeConstraint = _table.Latest();
        AlterTable.AddConstraint(_table.Latest(), "positive", "id > 0");
        var e = Assert.Throws<DeltaConcurrentModificationException>(() => Append.Run(beforeConstraint, [OpsTable.Batch(0)]));
        // (The first constraint also adds the checkConstraints feature, so the protocol changed as well.)
        Assert.Contains(e.Kind, new[] { ConflictKind.MetadataChanged, ConflictKind.ProtocolChanged });
        AlterTable.DropConstraint(_table.Latest(), "positive");

        // A constraint validated on a snapshot loses to an append committed after that snapshot.
        var beforeAppend = _table.Latest();
        _table.Append(0);
        var c = Assert.Throws<DeltaConcurrentModificationException>(() => AlterTable.AddConstraint(beforeAppend, "positive", "id > 0"));
        Assert.Equal(ConflictKind.ConcurrentAppend, c.Kind);
        Assert.False(_table.Latest().Metadata.Configuration.ContainsKey("delta.constraints.positive"));
    }

    [Fact]
    public void NestedNotNull_IsCheckedWhereTheParentStructIsPresent()
    {
        var schema = new StructType(
            new StructField("id", DataType.Long, false),
            new StructField("s", new StructType(new StructField("a", DataType.Long, false), new StructField("b", DataType.String)), true));
        CreateTable.Run(_table.Root, new TableDefinition(schema), null, _table.Options);
        Append.Run(_table.Latest(), [TestBatches.Build(schema, [1L, new object?[] { 10L, "x" }], [2L, null])]);
        var e = Assert.Throws<DeltaException>(() => Append.Run(_table.Latest(), [TestBatches.Build(schema, [3L, new object?[] { null, "y" }])]));
        Assert.Equal("[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated for column: s.a.", e.Message);
        Assert.Equal(1L, _table.Latest().Version);
        Assert.Equal(2L, DeltaReplay.Read(_table.Root).NumRows);
    }

    [Fact]
    public void SetProperties_LegacyVersions_UpgradeTheProtocol_AndAreNotStored()
    {
        _table.Create(new Dictionary<string, string> { ["delta.minReaderVersion"] = "1", ["delta.minWriterVersion"] = "2" });
        Assert.Equal(2, _table.Latest().Protocol.MinWriterVersion);
        AlterTable.SetProperties(_table.Latest(), [new("delta.minReaderVersion", "2"), new("delta.minWriterVersion", "5")]);
        var snapshot = _table.Latest();
        Assert.Equal((2, 5), (snapshot.Protocol.MinReaderVersion, snapshot.Protocol.MinWriterVersion));
        Assert.False(snapshot.Metadata.Configuration.ContainsKey("delta.minWriterVersion"));
        var downgrade = Assert.Throws<DeltaException>(() => AlterTable.SetProperties(_table.Latest(), [new("delta.minWriterVersion", "3")]));
        Assert.Equal("DELTA_INVALID_PROTOCOL_DOWNGRADE", downgrade.ErrorClass);
    }

    [Fact]
    public void SetProperties_FeatureSupported_AddsTheFeature()
    {
        _table.Create(new Dictionary<string, string> { ["delta.minReaderVersion"] = "1", ["delta.minWriterVersion"] = "2" });
        AlterTable.SetProperties(_table.Latest(), [new("delta.feature.deletionVectors", "supported")]);
        var p = _table.Latest().Protocol;
        Assert.Equal((3, 7), (p.MinReaderVersion, p.MinWriterVersion));
        Assert.Contains("deletionVectors", p.ReaderFeatures!);
        Assert.Contains("deletionVectors", p.WriterFeatures!);
        Assert.Contains("invariants", p.WriterFeatures!); // implied by the old writer version 2
        Assert.False(_table.Latest().Metadata.Configuration.ContainsKey("delta.feature.deletionVectors"));
    }

    [Fact]
    public void AddRenameDropColumns_ThroughTheApi_ReadBackInTheOracle()
    {
        _table.Create(new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name" });
        _table.Append(1, 2);
        AlterTable.AddColumns(_table.Latest(), [new NewColumn([], new StructField("score", DataType.Long))]);
        AlterTable.RenameColumn(_table.Latest(), ["name"], "label");
        AlterTable.DropColumns(_table.Latest(), [["part"]]);
        var schema = _table.Latest().Schema;
        Assert.Equal(["id", "label", "score"], schema.Fields.Select(f => f.Name));
        Append.Run(_table.Latest(), [TestBatches.Build(schema, [3L, "n3", 30L])]);
        var oracle = DeltaReplay.Read(_table.Root);
        Assert.Equal(["id", "label", "score"], oracle.Columns!.Select(c => c.Name));
        Assert.Equal(
            OpsTable.Rows(schema, [[1L, "n1", null], [2L, "n2", null], [3L, "n3", 30L]]).Order(StringComparer.Ordinal),
            oracle.Rows!.Order(StringComparer.Ordinal));
        var history = DeltaTable.ForPath(_table.Root, _table.Options).History();
        Assert.Equal(["WRITE", "DROP COLUMNS", "RENAME COLUMN", "ADD COLUMNS"], history.Take(4).Select(h => h.CommitInfo.Operation));
    }
}
