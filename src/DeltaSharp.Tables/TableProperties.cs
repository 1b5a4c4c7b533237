using System.Globalization;

namespace DeltaSharp.Tables;

/// <summary>
/// Typed view of metaData.configuration with Delta's defaults. Intervals are parsed as Spark does
/// ("interval 30 days", "30 days", "1 week", "168 hours"). Immutable. A malformed value is reported when its
/// property is read (DeltaException naming the key and the accepted form), not when the view is built.
/// </summary>
public sealed class TableProperties
{
    private TableProperties(IReadOnlyDictionary<string, string> raw) => Raw = raw;

    public IReadOnlyDictionary<string, string> Raw { get; }

    public static TableProperties From(IReadOnlyDictionary<string, string> configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration);
    }

    /// <summary>delta.checkpointInterval (default 10).</summary>
    public int CheckpointInterval => Int("delta.checkpointInterval", 10, min: 1);

    /// <summary>delta.logRetentionDuration (default 30 days).</summary>
    public TimeSpan LogRetentionDuration => Interval("delta.logRetentionDuration", TimeSpan.FromDays(30));

    /// <summary>delta.deletedFileRetentionDuration (default 7 days: Spark's "interval 1 week").</summary>
    public TimeSpan DeletedFileRetentionDuration => Interval("delta.deletedFileRetentionDuration", TimeSpan.FromDays(7));

    /// <summary>delta.enableExpiredLogCleanup (default true).</summary>
    public bool EnableExpiredLogCleanup => Bool("delta.enableExpiredLogCleanup", true);

    /// <summary>delta.dataSkippingNumIndexedCols (default 32; -1 = all).</summary>
    public int DataSkippingNumIndexedCols => Int("delta.dataSkippingNumIndexedCols", 32, min: -1);

    /// <summary>delta.dataSkippingStatsColumns (null when unset): the comma-separated column names, trimmed, kept
    /// as written (backtick quoting and nested "a.b" paths are not resolved here; commas inside backticks are kept).</summary>
    public IReadOnlyList<string>? DataSkippingStatsColumns =>
        Raw.TryGetValue("delta.dataSkippingStatsColumns", out var v) ? SplitColumnList(v) : null;

    /// <summary>delta.enableDeletionVectors (default false).</summary>
    public bool EnableDeletionVectors => Bool("delta.enableDeletionVectors", false);

    /// <summary>delta.enableInCommitTimestamps (default false).</summary>
    public bool EnableInCommitTimestamps => Bool("delta.enableInCommitTimestamps", false);

    /// <summary>delta.inCommitTimestampEnablementVersion (null when unset).</summary>
    public long? InCommitTimestampEnablementVersion => NullableLong("delta.inCommitTimestampEnablementVersion");

    /// <summary>delta.inCommitTimestampEnablementTimestamp (ms since epoch; null when unset).</summary>
    public long? InCommitTimestampEnablementTimestamp => NullableLong("delta.inCommitTimestampEnablementTimestamp");

    /// <summary>delta.columnMapping.mode: "none", "name" or "id" (default "none"; compared case-insensitively).</summary>
    public string ColumnMappingMode
    {
        get
        {
            if (!Raw.TryGetValue("delta.columnMapping.mode", out var v)) return "none";
            var mode = v.Trim().ToLowerInvariant();
            return mode is "none" or "name" or "id"
                ? mode
                : throw Invalid("delta.columnMapping.mode", v, "one of 'none', 'name', 'id'");
        }
    }

    /// <summary>delta.columnMapping.maxColumnId (0 when unset).</summary>
    public long ColumnMappingMaxColumnId => NullableLong("delta.columnMapping.maxColumnId") ?? 0;

    /// <summary>delta.appendOnly (default false).</summary>
    public bool AppendOnly => Bool("delta.appendOnly", false);

    /// <summary>delta.enableChangeDataFeed (default false).</summary>
    public bool EnableChangeDataFeed => Bool("delta.enableChangeDataFeed", false);

    /// <summary>delta.checkpointPolicy: "classic" (default) or "v2".</summary>
    public string CheckpointPolicy => Raw.TryGetValue("delta.checkpointPolicy", out var v) ? v.Trim().ToLowerInvariant() : "classic";

    /// <summary>delta.checkpoint.writeStatsAsJson (default true).</summary>
    public bool CheckpointWriteStatsAsJson => Bool("delta.checkpoint.writeStatsAsJson", true);

    /// <summary>delta.checkpoint.writeStatsAsStruct (default false).</summary>
    public bool CheckpointWriteStatsAsStruct => Bool("delta.checkpoint.writeStatsAsStruct", false);

    /// <summary>Parses a Spark calendar interval string ("interval 2 weeks", "30 days", "interval 1 day 12 hours",
    /// "1.5 seconds"). Units: week, day, hour, minute, second, millisecond, microsecond (singular or plural,
    /// case-insensitive; only seconds may have a fraction). Months and years are refused as Delta refuses them
    /// (their length varies); so are negative totals. Throws DeltaException DELTA_INVALID_INTERVAL (naming the text)
    /// when it cannot be parsed.</summary>
    public static TimeSpan ParseInterval(string text) =>
        IntervalParser.TryParse(text, out var micros, out var problem)
            ? TimeSpan.FromMicroseconds(micros)
            : throw new DeltaException("DELTA_INVALID_INTERVAL",
                $"Cannot parse interval '{text}': {problem}. Use a calendar interval such as 'interval 7 days' or '2 weeks' " +
                "(units week, day, hour, minute, second, millisecond, microsecond; months and years are not accepted, use '365 days' for a year).");

    private TimeSpan Interval(string key, TimeSpan fallback) =>
        Raw.TryGetValue(key, out var v) ? ParseInterval(v) : fallback;

    private bool Bool(string key, bool fallback)
    {
        if (!Raw.TryGetValue(key, out var v)) return fallback;
        return bool.TryParse(v.Trim(), out var b) ? b : throw Invalid(key, v, "true or false");
    }

    private int Int(string key, int fallback, int min)
    {
        if (!Raw.TryGetValue(key, out var v)) return fallback;
        return int.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && i >= min
            ? i
            : throw Invalid(key, v, $"an integer ≥ {min}");
    }

    private long? NullableLong(string key)
    {
        if (!Raw.TryGetValue(key, out var v)) return null;
        return long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : throw Invalid(key, v, "an integer");
    }

    private static DeltaException Invalid(string key, string value, string expected) =>
        new("DELTA_VIOLATE_TABLE_PROPERTY_VALIDATION_FAILED",
            $"Table property '{key}' has the invalid value '{value}'; it must be {expected}. Fix it with ALTER TABLE SET TBLPROPERTIES.");

    private static List<string> SplitColumnList(string value)
    {
        var result = new List<string>();
        var start = 0;
        var inBackticks = false;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] == '`') inBackticks = !inBackticks;
            if (i == value.Length || (value[i] == ',' && !inBackticks))
            {
                var item = value[start..i].Trim();
                if (item.Length > 0) result.Add(item);
                start = i + 1;
            }
        }
        return result;
    }

    /// <summary>Spark's IntervalUtils.stringToInterval for the unit form: "[interval] (&lt;signed number&gt; &lt;unit&gt;)+".</summary>
    private static class IntervalParser
    {
        private const long MicrosPerSecond = 1_000_000;

        private static readonly (string Unit, long Micros)[] Units =
        [
            ("microsecond", 1),
            ("millisecond", 1_000),
            ("second", MicrosPerSecond),
            ("minute", 60 * MicrosPerSecond),
            ("hour", 3_600 * MicrosPerSecond),
            ("day", 86_400 * MicrosPerSecond),
            ("week", 7 * 86_400 * MicrosPerSecond),
        ];

        public static bool TryParse(string? text, out long micros, out string problem)
        {
            micros = 0;
            problem = "";
            if (string.IsNullOrWhiteSpace(text))
            {
                problem = "it is empty";
                return false;
            }
            var tokens = text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var i = tokens[0] == "interval" ? 1 : 0;
            if (i == tokens.Length)
            {
                problem = "it has no value and unit";
                return false;
            }
            var total = 0L;
            for (; i < tokens.Length; i += 2)
            {
                if (i + 1 == tokens.Length)
                {
                    problem = $"the value '{tokens[i]}' has no unit";
                    return false;
                }
                if (!TryUnit(tokens[i + 1], out var unitMicros, out problem)) return false;
                if (!TryValue(tokens[i], unitMicros, out var part, out problem)) return false;
                try
                {
                    total = checked(total + part);
                }
                catch (OverflowException)
                {
                    problem = "it is too large";
                    return false;
                }
            }
            if (total < 0)
            {
                problem = "it is negative";
                return false;
            }
            micros = total;
            return true;
        }

        private static bool TryUnit(string word, out long micros, out string problem)
        {
            var unit = word.EndsWith('s') ? word[..^1] : word;
            foreach (var (name, m) in Units)
            {
                if (unit == name)
                {
                    micros = m;
                    problem = "";
                    return true;
                }
            }
            micros = 0;
            problem = unit is "month" or "year"
                ? "months and years are not accepted because their length varies"
                : $"unknown unit '{word}'";
            return false;
        }

        private static bool TryValue(string word, long unitMicros, out long micros, out string problem)
        {
            micros = 0;
            problem = $"invalid value '{word}'";
            var span = word.AsSpan();
            var negative = false;
            if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
            {
                negative = span[0] == '-';
                span = span[1..];
            }
            var dot = span.IndexOf('.');
            var whole = dot < 0 ? span : span[..dot];
            var fraction = dot < 0 ? [] : span[(dot + 1)..];
            if (whole.Length == 0 && fraction.Length == 0) return false;
            if (!IsDigits(whole) || !IsDigits(fraction)) return false;
            if (dot >= 0 && unitMicros != MicrosPerSecond)
            {
                problem = $"'{word}' cannot have a fractional part (only seconds can)";
                return false;
            }
            if (fraction.Length > 9)
            {
                problem = $"'{word}' has more than nanosecond precision";
                return false;
            }
            try
            {
                var value = whole.Length == 0 ? 0 : long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
                micros = checked(value * unitMicros);
                if (fraction.Length > 0)
                {
                    // Seconds' fraction: keep microseconds, drop finer digits (Spark truncates nanoseconds).
                    Span<char> six = stackalloc char[6];
                    six.Fill('0');
                    fraction[..Math.Min(6, fraction.Length)].CopyTo(six);
                    micros = checked(micros + int.Parse(six, NumberStyles.None, CultureInfo.InvariantCulture));
                }
                if (negative) micros = -micros;
                problem = "";
                return true;
            }
            catch (OverflowException)
            {
                problem = $"'{word}' is too large";
                return false;
            }
        }

        private static bool IsDigits(ReadOnlySpan<char> s)
        {
            foreach (var c in s)
                if (c is < '0' or > '9') return false;
            return true;
        }
    }
}
