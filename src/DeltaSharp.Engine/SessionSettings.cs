namespace DeltaSharp.Engine;

/// <summary>
/// The session's <c>SET</c> values (keys case-sensitive as in Spark; values as written, surrounding quotes removed).
/// Keys the engine reads: <see cref="TimeZoneKey"/>, <see cref="AnsiKey"/>; <see cref="LastCommitVersionKey"/> is
/// maintained by the session after each commit. Not thread-safe (one session, one statement at a time).
/// </summary>
internal sealed class SessionSettings
{
    public const string TimeZoneKey = "spark.sql.session.timeZone";
    public const string AnsiKey = "spark.sql.ansi.enabled";
    public const string LastCommitVersionKey = "spark.databricks.delta.lastCommitVersionInSession";
    public const string Undefined = "<undefined>";

    private readonly IReadOnlyDictionary<string, string> _initial;
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public SessionSettings(IReadOnlyDictionary<string, string> initial)
    {
        _initial = initial;
        Reset(null);
    }

    public IEnumerable<KeyValuePair<string, string>> All => _values;

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public void Set(string key, string value) => _values[key] = Unquote(value.Trim());

    /// <summary>RESET (all: back to the initial values; the last commit version is kept, as Spark keeps it in the
    /// session) or RESET key.</summary>
    public void Reset(string? key)
    {
        if (key is null)
        {
            var last = Get(LastCommitVersionKey);
            _values.Clear();
            foreach (var (k, v) in _initial) _values[k] = v;
            if (last is not null) _values[LastCommitVersionKey] = last;
            return;
        }
        if (_initial.TryGetValue(key, out var initial)) _values[key] = initial;
        else _values.Remove(key);
    }

    public TimeZoneInfo TimeZone()
    {
        var id = Get(TimeZoneKey);
        if (id is null || id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || id == "Z") return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new Sql.SqlAnalysisException("INVALID_CONF_VALUE.TIME_ZONE",
                $"The value '{id}' in the config \"{TimeZoneKey}\" is invalid. Cannot resolve the given timezone; use a region id such as 'America/Los_Angeles' or 'UTC'.");
        }
    }

    public bool Ansi() => !string.Equals(Get(AnsiKey), "false", StringComparison.OrdinalIgnoreCase);

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0] ? value[1..^1] : value;
}
