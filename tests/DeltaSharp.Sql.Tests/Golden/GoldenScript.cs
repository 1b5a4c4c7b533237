namespace DeltaSharp.Sql.Tests.Golden;

/// <summary>One record of a golden SQL file (see tests/sql/README.md).</summary>
internal abstract record GoldenRecord(int Line, string Sql);

/// <summary><c>statement ok</c>: the statement must succeed.</summary>
internal sealed record StatementOk(int Line, string Sql) : GoldenRecord(Line, Sql);

/// <summary><c>statement error CLASS [at L:P]</c>: must fail with that error class (and position, and message parts).</summary>
internal sealed record StatementError(int Line, string Sql, string ErrorClass, int? ErrorLine, int? ErrorPos, IReadOnlyList<string> MessageParts) : GoldenRecord(Line, Sql);

/// <summary><c>query TYPES [rowsort]</c>: the rows, as text, must equal the expected block.</summary>
internal sealed record QueryRecord(int Line, string Sql, string Types, bool RowSort, IReadOnlyList<string> Expected, bool DuckDb = false) : GoldenRecord(Line, Sql);

/// <summary>
/// Reads the golden format: records separated by blank lines; <c>#</c> starts a comment line outside records.
/// A record is a header line, the SQL (one or more lines), and for queries and errors optionally <c>----</c> followed
/// by the expected lines (up to the next blank line).
/// </summary>
internal static class GoldenScript
{
    public static IReadOnlyList<GoldenRecord> Parse(string text, string file)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var records = new List<GoldenRecord>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                i++;
                continue;
            }
            var headerLine = i + 1;
            var header = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            i++;
            var sql = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0 && lines[i].Trim() != "----") sql.Add(lines[i++]);
            var expected = new List<string>();
            var hasExpected = false;
            if (i < lines.Length && lines[i].Trim() == "----")
            {
                hasExpected = true;
                i++;
                while (i < lines.Length && lines[i].Length > 0) expected.Add(lines[i++]);
            }
            var sqlText = string.Join('\n', sql);
            if (sql.Count == 0) throw new FormatException($"{file}:{headerLine}: a record without SQL.");
            switch (header[0])
            {
                case "statement" when header.Length >= 2 && header[1] == "ok":
                    if (hasExpected) throw new FormatException($"{file}:{headerLine}: 'statement ok' takes no expected block.");
                    records.Add(new StatementOk(headerLine, sqlText));
                    break;
                case "statement" when header.Length >= 3 && header[1] == "error":
                {
                    int? errLine = null, errPos = null;
                    if (header.Length >= 5 && header[3] == "at")
                    {
                        var parts = header[4].Split(':');
                        errLine = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                        errPos = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                    }
                    records.Add(new StatementError(headerLine, sqlText, header[2], errLine, errPos, expected));
                    break;
                }
                case "query" when header.Length >= 2:
                    if (!hasExpected) throw new FormatException($"{file}:{headerLine}: a query needs '----' and its expected rows.");
                    records.Add(new QueryRecord(headerLine, sqlText, header[1], header.Skip(2).Contains("rowsort"), expected, header.Skip(2).Contains("duckdb")));
                    break;
                default:
                    throw new FormatException($"{file}:{headerLine}: unknown record header '{line.Trim()}'.");
            }
        }
        return records;
    }
}
