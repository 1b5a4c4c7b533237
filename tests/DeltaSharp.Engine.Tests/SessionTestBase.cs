using System.Globalization;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>The shared setup of the session tests: a fresh <see cref="TempWarehouse"/>, a <see cref="Engine.Session"/>
/// on it (by default user "tester" and a <see cref="SteppingTime"/> from <see cref="Start"/>, so commit timestamps are
/// known), and the helpers the tests read results and tables with. Both are disposed after each test.</summary>
public abstract class SessionTestBase : IDisposable
{
    /// <summary>The first instant of the default clock: 2025-03-01 12:00 UTC, one second more per reading.</summary>
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Opens the session with user "tester" and a stepping clock from <see cref="Start"/>.</summary>
    protected SessionTestBase()
        : this(new SessionOptions { UserName = "tester", Time = new SteppingTime(Start) })
    {
    }

    /// <summary>Opens the session with <paramref name="options"/>.</summary>
    protected SessionTestBase(SessionOptions options)
    {
        Warehouse = new TempWarehouse();
        Session = Session.Open(Warehouse.Path, options);
    }

    private protected TempWarehouse Warehouse { get; }

    /// <summary>The session under test.</summary>
    protected Session Session { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the session and deletes the warehouse.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }
        Session.Dispose();
        Warehouse.Dispose();
    }

    /// <summary>The rows of <paramref name="sql"/>, each as its values joined by "|" (null as "NULL").</summary>
    protected List<string> Strings(string sql) =>
        Session.Sql(sql).ToRows().Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "NULL"))).ToList();

    /// <summary>The folder of catalog table <paramref name="table"/> in the current catalog and schema.</summary>
    protected string Location(string table) =>
        Session.Catalog.FindTable(new Catalog.TableName(Session.CurrentCatalog, Session.CurrentSchema, table))!.Location;

    /// <summary>The latest snapshot of catalog table <paramref name="table"/>.</summary>
    protected Snapshot Latest(string table) => DeltaTable.ForPath(Location(table)).Latest();

    /// <summary>The commitInfo of the newest commit of catalog table <paramref name="table"/>.</summary>
    protected Tables.Actions.CommitInfo LastCommit(string table) => DeltaTable.ForPath(Location(table)).History()[0].CommitInfo;

    /// <summary>The rows in ordinal order (none for null).</summary>
    protected static List<string> Sorted(IEnumerable<string>? rows) => [.. (rows ?? []).Order(StringComparer.Ordinal)];

    /// <summary>A map column value of DESCRIBE HISTORY (operationParameters, operationMetrics) as a dictionary.</summary>
    protected static Dictionary<string, string?> Map(object? value)
    {
        Assert.NotNull(value);
        var map = new Dictionary<string, string?>();
        foreach (var kv in (System.Collections.IEnumerable)value)
        {
            switch (kv)
            {
                case KeyValuePair<object?, object?> p: map[(string)p.Key!] = (string?)p.Value; break;
                case KeyValuePair<string, object?> p: map[p.Key] = (string?)p.Value; break;
                default: throw new InvalidOperationException($"map entry of type {kv.GetType()}");
            }
        }
        return map;
    }

    /// <summary>Each listed operation metric has the expected value (metrics are decimal strings).</summary>
    protected static void AssertMetricValues(IReadOnlyDictionary<string, string> metrics, params (string Key, long Value)[] expected)
    {
        foreach (var (key, value) in expected)
            Assert.Equal($"{key}={value.ToString(CultureInfo.InvariantCulture)}", $"{key}={(metrics.TryGetValue(key, out var actual) ? actual : "<missing>")}");
    }

    /// <summary>The delta-replay oracle reads <paramref name="expectedRows"/> rows of <paramref name="table"/>, the same
    /// multiset as our SELECT.</summary>
    protected void AssertOracleAgrees(string table, long expectedRows)
    {
        var oracle = DeltaReplay.Read(Location(table));
        Assert.False(oracle.ExpectError, $"{oracle.ErrorKind} {oracle.ErrorReason}");
        Assert.Equal(expectedRows, oracle.NumRows);
        var ours = Session.Sql($"SELECT * FROM {table}");
        var message = JsonRowComparer.Compare(RowJson.FromBatches(ours.Batches), oracle.Rows!, ours.Schema, RowOrder.Multiset);
        Assert.True(message is null, message);
    }

    /// <summary>The delta-replay oracle reads exactly <paramref name="expected"/> (rows as values joined by "|", null as
    /// "NULL", in any order) at <paramref name="version"/> of the table at <paramref name="location"/>.</summary>
    protected static void AssertOracleRows(string location, long version, params string[] expected)
    {
        var oracle = DeltaReplay.Read(location, version);
        Assert.False(oracle.ExpectError, $"oracle refused version {version}: {oracle.ErrorKind} {oracle.ErrorReason}");
        var rows = oracle.Rows!.Select(r =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(r);
            return string.Join("|", doc.RootElement.EnumerateObject().Select(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Null ? "NULL" : p.Value.ToString()));
        });
        Assert.Equal(Sorted(expected), Sorted(rows));
    }

    /// <summary>Runs a write that must fail with <paramref name="errorClass"/> and checks that the table did not
    /// change (same version, same rows).</summary>
    protected DeltaException AssertRejected(string table, string sql, string errorClass)
    {
        var version = Latest(table).Version;
        var rows = Sorted(Strings($"SELECT * FROM {table}"));
        var e = Assert.Throws<DeltaException>(() => Session.Sql(sql));
        Assert.Equal(errorClass, e.ErrorClass);
        Assert.Equal(version, Latest(table).Version);
        Assert.Equal(rows, Sorted(Strings($"SELECT * FROM {table}")));
        return e;
    }
}
