using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;
using DeltaSharp.Values;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>Delta's conflict rules (Spark's ConflictChecker) on hand-built transactions.</summary>
public sealed class ConflictCheckerTests
{
    private static readonly StructType Schema = new(new StructField("x", DataType.Integer), new StructField("p", DataType.String));
    private static readonly Protocol ReadProtocol = new(1, 2);

    private static Metadata Meta(params string[] partitionColumns) =>
        new("id", "{}", partitionColumns, new Dictionary<string, string>(), new FileFormat());

    private static AddFile Add(string path, string? p = null, bool partitioned = false) =>
        new(path, partitioned ? new Dictionary<string, string?> { ["p"] = p } : new Dictionary<string, string?>(), 10, 1, true);

    private static RemoveFile Remove(string path) => new(path, 5, true);

    private static PendingCommit Pending(
        IReadOnlyList<DeltaAction> actions,
        TransactionReads? reads = null,
        IsolationLevel isolation = IsolationLevel.WriteSerializable,
        bool partitioned = false)
    {
        reads ??= TransactionReads.None;
        var blind = !reads.DependsOnFiles && actions.OfType<RemoveFile>().Count() == 0;
        return new PendingCommit(0, Schema, partitioned ? Meta("p") : Meta(), ReadProtocol, false, isolation, blind, reads, actions);
    }

    private static WinningCommit Winner(bool blindAppend, params DeltaAction[] actions) =>
        new(1, [new CommitInfo { Operation = blindAppend ? "WRITE" : "UPDATE", IsBlindAppend = blindAppend }, .. actions]);

    private static TransactionReads Reads(bool wholeTable = false, Expression[]? predicates = null, AddFile[]? files = null, string[]? appIds = null) =>
        new(wholeTable, predicates ?? [], (files ?? []).ToDictionary(f => f.Path), (appIds ?? []).ToHashSet());

    private static DeltaConcurrentModificationException Conflict(PendingCommit pending, WinningCommit winner) =>
        Assert.Throws<DeltaConcurrentModificationException>(() => ConflictChecker.Check(pending, winner));

    private static Expression PEquals(string value) => new Comparison(ComparisonOperator.Equal, new ColumnRef("p"), new Literal(value, DataType.String));

    [Theory]
    [InlineData(IsolationLevel.WriteSerializable)]
    [InlineData(IsolationLevel.Serializable)]
    public void Check_BlindAppendAgainstAppend_NeverConflicts(IsolationLevel isolation)
    {
        ConflictChecker.Check(Pending([Add("mine")], isolation: isolation), Winner(true, Add("theirs")));
        ConflictChecker.Check(Pending([Add("mine")], isolation: isolation), Winner(false, Remove("old"), Add("theirs")));
    }

    [Fact]
    public void Check_ReaderAgainstBlindAppend_ConflictsOnlyWhenSerializable()
    {
        var reads = Reads(wholeTable: true);
        ConflictChecker.Check(Pending([Remove("a"), Add("b")], reads), Winner(true, Add("theirs")));
        var e = Conflict(Pending([Remove("a"), Add("b")], reads, IsolationLevel.Serializable), Winner(true, Add("theirs")));
        Assert.Equal(ConflictKind.ConcurrentAppend, e.Kind);
        Assert.Equal("DELTA_CONCURRENT_APPEND", e.ErrorClass);
        Assert.Equal(1, e.WinningVersion);
        Assert.Contains("the root of the table", e.Message, StringComparison.Ordinal);
        Assert.Contains("try the operation again", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReaderAgainstBlindAppend_ConflictsWhenReaderChangesMetadata()
    {
        var pending = Pending([Meta(), Add("b")], Reads(wholeTable: true));
        Assert.Equal(ConflictKind.ConcurrentAppend, Conflict(pending, Winner(true, Add("theirs"))).Kind);
    }

    [Fact]
    public void Check_ReaderAgainstDataChangingAdd_ThrowsConcurrentAppend()
    {
        var e = Conflict(Pending([Remove("a")], Reads(files: [Add("a")])), Winner(false, Add("theirs")));
        Assert.Equal(ConflictKind.ConcurrentAppend, e.Kind);
    }

    [Fact]
    public void Check_PartitionPredicate_ConflictsOnlyForMatchingPartitions()
    {
        var reads = Reads(predicates: [PEquals("a")], files: [Add("p=a/f", "a", true)]);
        var pending = Pending([Remove("p=a/f")], reads, partitioned: true);
        ConflictChecker.Check(pending, Winner(false, Add("p=b/g", "b", true)));
        ConflictChecker.Check(pending, Winner(false, Add("p=null/g", null, true)));
        var e = Conflict(pending, Winner(false, Add("p=a/g", "a", true)));
        Assert.Equal(ConflictKind.ConcurrentAppend, e.Kind);
        Assert.Contains("partition [p=a]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PredicateOnDataColumn_MatchesEveryPartition()
    {
        var predicate = new Comparison(ComparisonOperator.GreaterThan, new ColumnRef("x"), new Literal(5, DataType.Integer));
        var pending = Pending([Remove("p=a/f")], Reads(predicates: [predicate]), partitioned: true);
        Assert.Equal(ConflictKind.ConcurrentAppend, Conflict(pending, Winner(false, Add("p=z/g", "z", true))).Kind);
    }

    [Fact]
    public void Check_PredicateMixingPartitionAndDataColumns_UsesThePartitionPart()
    {
        var predicate = new And(PEquals("a"), new Comparison(ComparisonOperator.GreaterThan, new ColumnRef("x"), new Literal(5, DataType.Integer)));
        var pending = Pending([Remove("p=a/f")], Reads(predicates: [predicate]), partitioned: true);
        ConflictChecker.Check(pending, Winner(false, Add("p=b/g", "b", true)));
        Assert.Equal(ConflictKind.ConcurrentAppend, Conflict(pending, Winner(false, Add("p=a/g", "a", true))).Kind);
        var or = new Or(PEquals("a"), new Comparison(ComparisonOperator.GreaterThan, new ColumnRef("x"), new Literal(5, DataType.Integer)));
        Assert.Equal(ConflictKind.ConcurrentAppend,
            Conflict(Pending([Remove("p=a/f")], Reads(predicates: [or]), partitioned: true), Winner(false, Add("p=b/g", "b", true))).Kind);
    }

    [Fact]
    public void Check_IsNullAndInListPredicates_FollowSqlNullSemantics()
    {
        var isNull = Pending([Remove("f")], Reads(predicates: [new IsNull(new ColumnRef("p"))]), partitioned: true);
        ConflictChecker.Check(isNull, Winner(false, Add("g", "a", true)));
        Conflict(isNull, Winner(false, Add("g", null, true)));

        var inList = Pending([Remove("f")], Reads(predicates: [new InList(new ColumnRef("p"), [new Literal("a", DataType.String), new Literal(null, DataType.String)])]), partitioned: true);
        ConflictChecker.Check(inList, Winner(false, Add("g", "b", true)));
        ConflictChecker.Check(inList, Winner(false, Add("g", null, true)));
        Conflict(inList, Winner(false, Add("g", "a", true)));
    }

    [Fact]
    public void Check_TypedPartitionComparison_UsesColumnType()
    {
        var schema = new StructType(new StructField("x", DataType.Integer), new StructField("n", DataType.Integer));
        var meta = new Metadata("id", "{}", ["n"], new Dictionary<string, string>(), new FileFormat());
        var predicate = new Comparison(ComparisonOperator.LessThan, new ColumnRef("n"), new Literal(10, DataType.Integer));
        var pending = new PendingCommit(0, schema, meta, ReadProtocol, false, IsolationLevel.WriteSerializable, false,
            Reads(predicates: [predicate]), [Remove("f")]);
        static AddFile AddN(string n) => new("g", new Dictionary<string, string?> { ["n"] = n }, 1, 1, true);
        ConflictChecker.Check(pending, Winner(false, AddN("10")));
        ConflictChecker.Check(pending, Winner(false, AddN("100"))); // "100" < "10" as text, but 100 > 10 as a number
        Conflict(pending, Winner(false, AddN("9")));
    }

    /// <summary>True when a concurrent add to partition <c>v = raw</c> of a table partitioned by v (of
    /// <paramref name="type"/>) conflicts with a transaction that read <paramref name="predicate"/>.</summary>
    private static bool ConflictsOnTyped(DataType type, Expression predicate, string? raw)
    {
        var schema = new StructType(new StructField("x", DataType.Integer), new StructField("v", type));
        var meta = new Metadata("id", "{}", ["v"], new Dictionary<string, string>(), new FileFormat());
        var pending = new PendingCommit(0, schema, meta, ReadProtocol, false, IsolationLevel.WriteSerializable, false,
            Reads(predicates: [predicate]), [Remove("f")]);
        var add = new AddFile("g", new Dictionary<string, string?> { ["v"] = raw }, 1, 1, true);
        try { ConflictChecker.Check(pending, Winner(false, add)); return false; }
        catch (DeltaConcurrentModificationException e) when (e.Kind == ConflictKind.ConcurrentAppend) { return true; }
    }

    private static Expression V(ComparisonOperator op, object? value, DataType type) =>
        new Comparison(op, new ColumnRef("v"), new Literal(value, type));

    [Theory]
    [InlineData("2024-01-05", true)]
    [InlineData("2024-1-5", true)] // the scan's lenient form of the same day
    [InlineData("2024-01-06", false)]
    [InlineData("not-a-date", true)] // unreadable: assume a conflict
    public void Check_DatePartition_ComparesDays(string raw, bool conflicts) =>
        Assert.Equal(conflicts, ConflictsOnTyped(DataType.Date, V(ComparisonOperator.Equal, new DateOnly(2024, 1, 5), DataType.Date), raw));

    [Theory]
    [InlineData("123.45", true)]
    [InlineData("123.450", true)]
    [InlineData("123.4", false)] // 123.40
    [InlineData("-123.45", false)]
    [InlineData("123456789.00", true)] // does not fit decimal(10,2)'s 8 integer digits: unreadable, assume a conflict
    public void Check_DecimalPartition_ComparesExactly(string raw, bool conflicts)
    {
        var type = new DecimalType(10, 2);
        Assert.Equal(conflicts, ConflictsOnTyped(type, V(ComparisonOperator.Equal, new DecimalValue(12345, 2), type), raw));
    }

    [Theory]
    [InlineData("2024-01-01 09:59:59.999999", false)]
    [InlineData("2024-01-01 10:00:00", true)]
    [InlineData("2024-01-01T09:00:00.000000Z", false)]
    [InlineData("2024-01-01T11:30:00+01:00", true)] // 10:30 UTC
    [InlineData("2024-01-01T10:30:00+01:00", false)] // 09:30 UTC
    public void Check_TimestampPartition_ComparesInstants(string raw, bool conflicts)
    {
        var tenUtc = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(conflicts, ConflictsOnTyped(DataType.Timestamp, V(ComparisonOperator.GreaterThanOrEqual, tenUtc, DataType.Timestamp), raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Check_NullPartition_IsNeitherLessNorGreaterButIsNull(string? raw)
    {
        Assert.False(ConflictsOnTyped(DataType.Integer, V(ComparisonOperator.LessThan, 10, DataType.Integer), raw));
        Assert.False(ConflictsOnTyped(DataType.Integer, new Not(V(ComparisonOperator.LessThan, 10, DataType.Integer)), raw));
        Assert.True(ConflictsOnTyped(DataType.Integer, new IsNull(new ColumnRef("v")), raw));
        Assert.False(ConflictsOnTyped(DataType.Date, new IsNotNull(new ColumnRef("v")), raw));
    }

    [Fact]
    public void Check_UnreadableIntegerPartition_AssumesAConflict()
    {
        Assert.True(ConflictsOnTyped(DataType.Integer, V(ComparisonOperator.Equal, 1, DataType.Integer), "x1"));
        Assert.True(ConflictsOnTyped(DataType.Byte, V(ComparisonOperator.Equal, (sbyte)1, DataType.Byte), "300")); // out of range
        Assert.False(ConflictsOnTyped(DataType.Byte, V(ComparisonOperator.Equal, (sbyte)1, DataType.Byte), "-1"));
    }

    [Fact]
    public void Check_StringPartitionValues_AreTheUnescapedText()
    {
        // add.partitionValues hold the value itself; only the path is escaped (PROTOCOL.md "Partition Value Serialization").
        const string value = "a b/c=d%20:é";
        Assert.True(ConflictsOnTyped(DataType.String, V(ComparisonOperator.Equal, value, DataType.String), value));
        Assert.False(ConflictsOnTyped(DataType.String, V(ComparisonOperator.Equal, value, DataType.String), "a%20b%2Fc%3Dd%2520%3A%C3%A9"));
        // Strings order by code point as in a scan: U+1F600 sorts after U+FFFD (UTF-16 order would put it before).
        Assert.False(ConflictsOnTyped(DataType.String, V(ComparisonOperator.LessThan, "\uFFFD", DataType.String), "\U0001F600"));
        Assert.True(ConflictsOnTyped(DataType.String, V(ComparisonOperator.GreaterThan, "\uFFFD", DataType.String), "\U0001F600"));
    }

    [Fact]
    public void Check_StringLiteralAgainstTypedPartition_IsReadAsTheColumnType()
    {
        Assert.False(ConflictsOnTyped(DataType.Date, V(ComparisonOperator.Equal, "2024-01-05", DataType.String), "2024-01-06"));
        Assert.True(ConflictsOnTyped(DataType.Date, V(ComparisonOperator.Equal, "2024-01-05", DataType.String), "2024-01-05"));
        var reversed = new Comparison(ComparisonOperator.LessThan, new Literal("9", DataType.String), new ColumnRef("v"));
        Assert.True(ConflictsOnTyped(DataType.Integer, reversed, "10"));
        Assert.False(ConflictsOnTyped(DataType.Integer, reversed, "9"));
    }

    [Fact]
    public void Check_FileWeReadWasRemoved_ThrowsConcurrentDeleteRead()
    {
        var e = Conflict(Pending([Remove("a"), Add("b")], Reads(files: [Add("a")])), Winner(false, Remove("a")));
        Assert.Equal(ConflictKind.ConcurrentDeleteRead, e.Kind);
        Assert.Equal("DELTA_CONCURRENT_DELETE_READ", e.ErrorClass);
        Assert.Contains("for example a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WholeTableReadAndAnyRemove_ThrowsConcurrentDeleteRead()
    {
        var pending = Pending([Add("b")], Reads(wholeTable: true), IsolationLevel.SnapshotIsolation);
        Assert.Equal(ConflictKind.ConcurrentDeleteRead, Conflict(pending, Winner(false, Remove("zzz"))).Kind);
    }

    [Fact]
    public void Check_BothRemoveSameFile_ThrowsConcurrentDeleteDelete()
    {
        var pending = Pending([Remove("p=a/f")], Reads(predicates: [PEquals("a")]), partitioned: true);
        var e = Conflict(pending, Winner(false, Remove("p=a/f")));
        Assert.Equal(ConflictKind.ConcurrentDeleteDelete, e.Kind);
        Assert.Equal("DELTA_CONCURRENT_DELETE_DELETE", e.ErrorClass);
    }

    [Fact]
    public void Check_RemovesOfOtherFiles_DoNotConflict()
    {
        var pending = Pending([Remove("p=a/f")], Reads(predicates: [PEquals("a")], files: [Add("p=a/f", "a", true)]), partitioned: true);
        ConflictChecker.Check(pending, Winner(false, Remove("p=b/g")));
    }

    [Fact]
    public void Check_WinnerChangedMetadata_ThrowsMetadataChanged()
    {
        var e = Conflict(Pending([Add("mine")]), Winner(false, Meta()));
        Assert.Equal(ConflictKind.MetadataChanged, e.Kind);
        Assert.Equal("DELTA_METADATA_CHANGED", e.ErrorClass);
    }

    [Fact]
    public void Check_WinnerChangedProtocol_ThrowsProtocolChanged()
    {
        var e = Conflict(Pending([Add("mine")]), Winner(false, new Protocol(3, 7, ["deletionVectors"], ["deletionVectors"])));
        Assert.Equal(ConflictKind.ProtocolChanged, e.Kind);
        Assert.Equal("DELTA_PROTOCOL_CHANGED", e.ErrorClass);
        ConflictChecker.Check(Pending([Add("mine")]), Winner(true, new Protocol(1, 2), Add("x")));
        Assert.Equal(ConflictKind.ProtocolChanged, Conflict(Pending([new Protocol(1, 3), Add("mine")]), Winner(true, new Protocol(1, 2))).Kind);
    }

    [Fact]
    public void Check_SameAppIdCommittedConcurrently_ThrowsConcurrentTransaction()
    {
        var e = Conflict(Pending([new SetTransaction("stream-1", 5), Add("mine")]), Winner(true, new SetTransaction("stream-1", 5), Add("x")));
        Assert.Equal(ConflictKind.ConcurrentTransaction, e.Kind);
        Assert.Equal("DELTA_CONCURRENT_TRANSACTION", e.ErrorClass);
        Assert.Contains("stream-1", e.Message, StringComparison.Ordinal);
        Conflict(Pending([Add("mine")], Reads(appIds: ["stream-1"])), Winner(true, new SetTransaction("stream-1", 5)));
        ConflictChecker.Check(Pending([new SetTransaction("stream-2", 1), Add("mine")]), Winner(true, new SetTransaction("stream-1", 5)));
    }

    [Fact]
    public void Check_SameDomainChangedConcurrently_ThrowsConcurrentTransaction()
    {
        var pending = Pending([new DomainMetadata("app.d", "{}", false)]);
        Assert.Equal(ConflictKind.ConcurrentTransaction, Conflict(pending, Winner(false, new DomainMetadata("app.d", "{\"x\":1}", false))).Kind);
        ConflictChecker.Check(pending, Winner(false, new DomainMetadata("app.other", "{}", false)));
    }

    [Fact]
    public void Check_CompactionUnderSnapshotIsolation_IgnoresConcurrentAppends()
    {
        var compact = new AddFile("big", new Dictionary<string, string?>(), 20, 1, false);
        var pending = Pending([new RemoveFile("a", 5, false), compact], Reads(files: [Add("a")]), IsolationLevel.SnapshotIsolation);
        ConflictChecker.Check(pending, Winner(false, Add("new")));
        Assert.Equal(ConflictKind.ConcurrentDeleteRead, Conflict(pending, Winner(false, Remove("a"))).Kind);
    }

    [Fact]
    public void Check_PartitionSets_ConflictExactlyWhenTheAddedPartitionWasRead()
    {
        Prop.ForAll(
            Gen.Elements("a", "b", "c", "d", "e").ArrayOf().ToArbitrary(),
            Gen.Elements("a", "b", "c", "d", "e").ToArbitrary(),
            (read, added) =>
            {
                var predicates = read.Select(PEquals).ToArray();
                var pending = Pending([Remove("f")], Reads(predicates: predicates), partitioned: true);
                var conflicted = false;
                try { ConflictChecker.Check(pending, Winner(false, Add("g", added, true))); }
                catch (DeltaConcurrentModificationException e) when (e.Kind == ConflictKind.ConcurrentAppend) { conflicted = true; }
                return conflicted == read.Contains(added);
            }).QuickCheckThrowOnFailure();
    }
}
