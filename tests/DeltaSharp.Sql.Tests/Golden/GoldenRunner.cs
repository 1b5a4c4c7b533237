using System.Text;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Golden;

/// <summary>A clock for table versions: starts at 2025-01-01T00:00:00Z and moves one hour per reading.</summary>
internal sealed class SteppingClock : TimeProvider
{
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now = _now.AddHours(1);
        return now;
    }
}

/// <summary>
/// Runs one golden file against a fresh <see cref="InMemoryTableProvider"/>. CREATE TABLE, CREATE TABLE AS, INSERT
/// and DROP TABLE are handled here (the in-memory catalog); every other statement goes to <see cref="SqlExecutor"/>.
/// Statements run with a fixed statement time (2025-06-15 12:34:56.789 UTC) and session time zone UTC.
/// </summary>
internal sealed class GoldenRunner
{
    public static readonly DateTimeOffset StatementTime = new(2025, 6, 15, 12, 34, 56, 789, TimeSpan.Zero);

    private readonly InMemoryTableProvider _tables = new(new SteppingClock());
    private readonly EvaluationContext _context = new() { StatementTimestamp = StatementTime, SessionTimeZone = TimeZoneInfo.Utc, AnsiMode = true };

    public InMemoryTableProvider Tables => _tables;

    /// <summary>Runs every record; returns the failures (empty when the file passes).</summary>
    public IReadOnlyList<string> Run(string text, string file)
    {
        var failures = new List<string>();
        foreach (var record in GoldenScript.Parse(text, file))
        {
            var where = $"{file}:{record.Line}";
            try
            {
                switch (record)
                {
                    case StatementOk s:
                        Execute(s.Sql);
                        break;
                    case StatementError e:
                        CheckError(e, where, failures);
                        break;
                    case QueryRecord q:
                        CheckQuery(q, where, failures);
                        break;
                }
            }
            catch (Exception ex) when (record is not StatementError)
            {
                failures.Add($"{where}: unexpected {ex.GetType().Name}: {ex.Message}\n  SQL: {record.Sql}");
            }
        }
        return failures;
    }

    private void CheckError(StatementError e, string where, List<string> failures)
    {
        try
        {
            var result = Execute(e.Sql);
            failures.Add($"{where}: expected error {e.ErrorClass} but the statement succeeded ({result?.RowCount ?? 0} rows).\n  SQL: {e.Sql}");
            return;
        }
        catch (Exception ex)
        {
            var (cls, line, pos) = ex switch
            {
                SqlAnalysisException a => (a.ErrorClass, a.Span.Line, a.Span.SparkPos),
                SqlParseException p => (p.ErrorClass, p.Span.Line, p.Span.SparkPos),
                ComputeException c => (c.ErrorClass, 0, 0),
                _ => (ex.GetType().Name, 0, 0),
            };
            if (cls != e.ErrorClass)
            {
                failures.Add($"{where}: expected error {e.ErrorClass}, got {cls}: {ex.Message}\n  SQL: {e.Sql}");
                return;
            }
            if (e.ErrorLine is { } el && (el != line || e.ErrorPos != pos))
                failures.Add($"{where}: expected {e.ErrorClass} at {el}:{e.ErrorPos}, got {line}:{pos}: {ex.Message}");
            foreach (var part in e.MessageParts)
                if (!ex.Message.Contains(part, StringComparison.Ordinal))
                    failures.Add($"{where}: the message lacks \"{part}\": {ex.Message}");
        }
    }

    private void CheckQuery(QueryRecord q, string where, List<string> failures)
    {
        var result = Execute(q.Sql) ?? throw new InvalidOperationException("The statement returned no rows.");
        if (result.Schema.Count != q.Types.Length)
            failures.Add($"{where}: expected {q.Types.Length} column(s) ({q.Types}), got {result.Schema.Count}: {string.Join(", ", result.Schema.Fields.Select(f => f.Name + " " + f.Type.SimpleString))}");
        else
            for (var c = 0; c < q.Types.Length; c++)
                if (!TypeMatches(q.Types[c], result.Schema[c].Type))
                    failures.Add($"{where}: column {c + 1} ({result.Schema[c].Name}) is {result.Schema[c].Type.SimpleString}, expected type letter {q.Types[c]}");
        var actual = new List<string>();
        foreach (var b in result.Batches)
            for (var i = 0; i < b.LiveRowCount; i++)
            {
                var r = b.RowIndex(i);
                actual.Add(string.Join('\t', b.Columns.Select(col => GoldenFormatter.Format(col, r))));
            }
        var expected = q.Expected.ToList();
        if (q.RowSort)
        {
            actual.Sort(StringComparer.Ordinal);
            expected.Sort(StringComparer.Ordinal);
        }
        if (!actual.SequenceEqual(expected))
        {
            var sb = new StringBuilder();
            sb.Append(where).Append(": wrong result\n  SQL: ").Append(q.Sql.Replace("\n", "\n       ", StringComparison.Ordinal)).Append("\n  expected:\n");
            foreach (var l in expected) sb.Append("    ").Append(l).Append('\n');
            sb.Append("  actual:\n");
            foreach (var l in actual) sb.Append("    ").Append(l).Append('\n');
            failures.Add(sb.ToString());
        }
    }

    private static bool TypeMatches(char letter, DataType type) => letter switch
    {
        'I' => type is ByteType or ShortType or IntegerType or LongType,
        'R' => type is FloatType or DoubleType,
        'D' => type is DecimalType,
        'T' => type is StringType,
        'B' => type is BooleanType,
        'A' => type is DateType,
        'S' => type is TimestampType or TimestampNtzType,
        'X' => true,
        _ => false,
    };

    /// <summary>Runs one statement; DDL and INSERT go to the in-memory catalog.</summary>
    public QueryResult? Execute(string sql)
    {
        var statement = Parser.ParseStatement(sql);
        switch (statement)
        {
            case CreateTableStatement c:
            {
                var name = Identifier(c.Table);
                if (c.Mode != CreateMode.Create || _tables.GetTable(name) is not null && !c.IfNotExists)
                {
                    if (c.Mode == CreateMode.Create)
                        throw new SqlAnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", $"Cannot create table or view {name} because it already exists.", c.Table.Span, sql);
                    _tables.DropTable(name);
                }
                if (_tables.GetTable(name) is not null) return null;
                if (c.AsQuery is not null)
                {
                    var prepared = SqlExecutor.Prepare(c.AsQuery, _tables, _context, sql);
                    var table = _tables.CreateTable(name, prepared.Schema, c.PartitionBy.Select(p => p.Value).ToArray());
                    table.Write(prepared.Execute(), TableWriteMode.Append);
                    return null;
                }
                var schema = new StructType(c.Columns.Select(col => new StructField(col.Name.Name, col.Type.ToDataType(), !col.NotNull)));
                _tables.CreateTable(name, schema, c.PartitionBy.Select(p => p.Value).ToArray());
                return null;
            }
            case InsertStatement ins:
            {
                var name = Identifier(ins.Table);
                var table = _tables.GetTable(name)
                    ?? throw new SqlAnalysisException("TABLE_OR_VIEW_NOT_FOUND", $"The table or view {name} cannot be found.", ins.Table.Span, sql);
                if (ins.Columns.Count > 0 || ins.ByName || ins.ReplaceWhere is not null || ins.Partition.Count > 0)
                    throw new NotSupportedException("The golden harness supports INSERT INTO t VALUES/SELECT only.");
                var prepared = SqlExecutor.PrepareInsertSource(ins.Source, table.Schema, _tables, _context, sql, name.ToString());
                table.Write(prepared.Execute(), ins.Overwrite ? TableWriteMode.Overwrite : TableWriteMode.Append);
                return null;
            }
            case DropTableStatement d:
            {
                if (!_tables.DropTable(Identifier(d.Table)) && !d.IfExists)
                    throw new SqlAnalysisException("TABLE_OR_VIEW_NOT_FOUND", $"The table or view {Identifier(d.Table)} cannot be found.", d.Table.Span, sql);
                return null;
            }
            default:
                return SqlExecutor.Execute(statement, _tables, _context, sql);
        }
    }

    private static TableIdentifier Identifier(TableName name) => name switch
    {
        CatalogTableName c => TableIdentifier.Named(c.Name.Parts.Select(p => p.Value).ToArray()),
        PathTableName p => TableIdentifier.ForPath(p.Format, p.Path),
        _ => throw new NotSupportedException(name.ToString()),
    };
}
