using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// Literals: numbers with Spark's typing and range checks (AstBuilder.visit*Literal), typed literals, intervals.
internal sealed partial class SqlParser
{
    private static readonly BigInteger MaxDecimalUnscaled = BigInteger.Pow(10, 38) - 1;

    /// <summary>A numeric token (with a leading minus when <paramref name="negative"/>) as Spark types it.</summary>
    private SqlExpression ParseNumber(Token token, bool negative, Token start)
    {
        var span = SpanFrom(start);
        var text = token.Text;
        var sign = negative ? "-" : "";
        switch (token.Kind)
        {
            case TokenKind.Integer:
            {
                if (text.Length <= 18)
                {
                    var small = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) * (negative ? -1 : 1);
                    var smallType = small is >= int.MinValue and <= int.MaxValue ? IntegerLiteralType.Int : IntegerLiteralType.BigInt;
                    return new IntegerLiteral(small, smallType) { Span = span };
                }
                var value = BigInteger.Parse(sign + text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (value >= int.MinValue && value <= int.MaxValue) return new IntegerLiteral((long)value, IntegerLiteralType.Int) { Span = span };
                if (value >= long.MinValue && value <= long.MaxValue) return new IntegerLiteral((long)value, IntegerLiteralType.BigInt) { Span = span };
                return MakeDecimal(sign + text, span);
            }
            case TokenKind.BigIntLiteral:
                return IntegralWithSuffix(sign + text[..^1], long.MinValue, long.MaxValue, "bigint", IntegerLiteralType.BigInt, span);
            case TokenKind.SmallIntLiteral:
                return IntegralWithSuffix(sign + text[..^1], short.MinValue, short.MaxValue, "smallint", IntegerLiteralType.SmallInt, span);
            case TokenKind.TinyIntLiteral:
                return IntegralWithSuffix(sign + text[..^1], sbyte.MinValue, sbyte.MaxValue, "tinyint", IntegerLiteralType.TinyInt, span);
            case TokenKind.Decimal:
            case TokenKind.BigDecimalLiteral:
                return MakeDecimal(sign + (token.Kind == TokenKind.BigDecimalLiteral ? text[..^2] : text), span);
            case TokenKind.Exponent:
            case TokenKind.DoubleLiteral:
            {
                var raw = sign + (token.Kind == TokenKind.DoubleLiteral ? text[..^1] : text);
                var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(value))
                    throw OutOfRange(raw, "-1.7976931348623157E+308", "1.7976931348623157E+308", "double", span);
                return new DoubleLiteral(value) { Span = span };
            }
            case TokenKind.FloatLiteral:
            {
                var raw = sign + text[..^1];
                var value = float.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (float.IsInfinity(value))
                    throw OutOfRange(raw, "-3.4028235E+38", "3.4028235E+38", "float", span);
                return new FloatLiteral(value) { Span = span };
            }
            default:
                throw SyntaxError(token, "expected a number");
        }
    }

    private IntegerLiteral IntegralWithSuffix(string digits, long min, long max, string typeName, IntegerLiteralType type, SourceSpan span)
    {
        var value = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (value < min || value > max)
            throw OutOfRange(digits, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), typeName, span);
        return new IntegerLiteral((long)value, type) { Span = span };
    }

    private SqlParseException OutOfRange(string raw, string min, string max, string typeName, SourceSpan span) => Fail(
        "INVALID_NUMERIC_LITERAL_RANGE",
        $"Numeric literal {raw} is outside the valid range for {typeName} with minimum value of {min} and maximum value of {max}. Please adjust the value accordingly.",
        span);

    /// <summary>
    /// Spark's decimal literal: java.math.BigDecimal of the text, precision = max(digits of the unscaled value, scale).
    /// An exponent gives a negative scale, which Spark normalises to scale 0.
    /// </summary>
    private DecimalLiteral MakeDecimal(string raw, SourceSpan span)
    {
        var negative = raw.StartsWith('-');
        var body = negative ? raw[1..] : raw;
        var exponent = 0;
        var e = body.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(body.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? body : body[..dot] + body[(dot + 1)..];
        var scale = (dot < 0 ? 0 : body.Length - dot - 1) - exponent;
        var unscaled = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (scale < 0)
        {
            unscaled *= BigInteger.Pow(10, -scale);
            scale = 0;
        }
        var unscaledDigits = unscaled.IsZero ? 1 : unscaled.ToString(CultureInfo.InvariantCulture).Length;
        var precision = Math.Max(unscaledDigits, scale);
        if (precision > 38 || unscaled > MaxDecimalUnscaled)
        {
            throw Fail(
                "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                $"Decimal precision {precision} exceeds max precision 38 (literal {Truncate(raw)}).",
                span);
        }
        var text = unscaled.ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            text = text.PadLeft(scale + 1, '0');
            text = text[..^scale] + "." + text[^scale..];
        }
        if (negative && !unscaled.IsZero) text = "-" + text;
        return new DecimalLiteral(text, precision, scale) { Span = span };
    }

    // ───────────────────────────── typed literals ─────────────────────────────

    private SqlExpression ParseTypedLiteral()
    {
        var start = Advance();
        var valueToken = Current;
        var value = ParseStringValue();
        var span = SpanFrom(start);
        var typeName = start.Upper!;
        var (type, ok) = typeName switch
        {
            "DATE" => (TypedLiteralType.Date, DateTimeText.TryParseDate(value, out _)),
            "TIMESTAMP" => (TypedLiteralType.Timestamp, DateTimeText.TryParseTimestamp(value, out _)),
            "TIMESTAMP_LTZ" => (TypedLiteralType.TimestampLtz, DateTimeText.TryParseTimestamp(value, out _)),
            _ => (TypedLiteralType.TimestampNtz, DateTimeText.TryParseTimestamp(value, out var parts) && parts.Zone is null),
        };
        if (!ok) throw InvalidTypedLiteral(typeName, value, SpanFrom(valueToken));
        return new TypedLiteral(type, value) { Span = span };
    }

    private SqlParseException InvalidTypedLiteral(string typeName, string value, SourceSpan span) => Fail(
        "INVALID_TYPED_LITERAL",
        $"The value of the typed literal \"{typeName}\" is invalid: '{value}'.",
        span);

    private SqlExpression ParseBinaryLiteral()
    {
        var start = Advance();
        var valueToken = Current;
        var hex = ParseStringValue();
        var padded = hex.Length % 2 == 1 ? "0" + hex : hex;
        try
        {
            var bytes = Convert.FromHexString(padded);
            return new BinaryLiteral([.. bytes]) { Span = SpanFrom(start) };
        }
        catch (FormatException)
        {
            throw InvalidTypedLiteral("X", hex, SpanFrom(valueToken));
        }
    }

    // ───────────────────────────── intervals ─────────────────────────────

    private static IntervalUnit? IntervalUnitOf(Token token)
    {
        if (token.Kind != TokenKind.Word) return null;
        return token.Upper switch
        {
            "YEAR" or "YEARS" => IntervalUnit.Year,
            "MONTH" or "MONTHS" => IntervalUnit.Month,
            "WEEK" or "WEEKS" => IntervalUnit.Week,
            "DAY" or "DAYS" => IntervalUnit.Day,
            "HOUR" or "HOURS" => IntervalUnit.Hour,
            "MINUTE" or "MINUTES" => IntervalUnit.Minute,
            "SECOND" or "SECONDS" => IntervalUnit.Second,
            "MILLISECOND" or "MILLISECONDS" => IntervalUnit.Millisecond,
            "MICROSECOND" or "MICROSECONDS" => IntervalUnit.Microsecond,
            "NANOSECOND" or "NANOSECONDS" => IntervalUnit.Nanosecond,
            _ => null,
        };
    }

    /// <summary>How many tokens an interval value takes at <paramref name="ahead"/> (sign + number or string), 0 if none.</summary>
    private int IntervalValueLength(int ahead)
    {
        var token = Peek(ahead);
        var signed = token.Kind is TokenKind.Plus or TokenKind.Minus;
        var value = signed ? Peek(ahead + 1) : token;
        if (value.Kind is not (TokenKind.Integer or TokenKind.Decimal or TokenKind.String)) return 0;
        return signed ? 2 : 1;
    }

    private static readonly Regex IntervalNumber = new(@"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>INTERVAL value unit [value unit …]</c>, <c>INTERVAL 'str' from TO to</c> or <c>INTERVAL 'str'</c> (the last is
    /// a <see cref="TypedLiteral"/>).
    /// </summary>
    private SqlExpression ParseIntervalLiteral()
    {
        var start = Advance();
        var fields = new List<IntervalField>();
        while (true)
        {
            var length = IntervalValueLength(0);
            if (length == 0 || IntervalUnitOf(Peek(length)) is null) break;
            var valueStart = Current;
            var negative = Current.Kind == TokenKind.Minus;
            if (length == 2) _pos++;
            var valueToken = Advance();
            var unitToken = Advance();
            var unit = IntervalUnitOf(unitToken)!.Value;
            var value = (negative ? "-" : "") + valueToken.Text;
            if (valueToken.Kind == TokenKind.String)
            {
                if (IsWord("TO") && fields.Count == 0 && !negative)
                    return ParseUnitToUnitInterval(start, valueToken, unit);
                if (!IntervalNumber.IsMatch(valueToken.Text))
                    throw Fail("INVALID_INTERVAL_FORMAT", $"Error parsing '{valueToken.Text}' to interval: the value of {unitToken.Text.ToUpperInvariant()} must be a number.", SpanFrom(valueStart));
                value = (negative ? "-" : "") + valueToken.Text.Trim();
            }
            fields.Add(new IntervalField(value, unit) { Span = SpanFrom(valueStart) });
        }
        if (fields.Count > 0) return new IntervalLiteral(new NodeList<IntervalField>(fields.ToArray())) { Span = SpanFrom(start) };
        if (Check(TokenKind.String))
        {
            var text = ParseStringValue();
            if (!IsCalendarIntervalString(text))
                throw InvalidTypedLiteral("INTERVAL", text, SpanFrom(start));
            return new TypedLiteral(TypedLiteralType.Interval, text) { Span = SpanFrom(start) };
        }
        throw SyntaxError(Peek(IntervalValueLength(0)), "expected an interval unit (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND)");
    }

    private static readonly Regex CalendarIntervalString = new(
        @"^\s*(interval\s+)?([+-]?\s*(\d+(\.\d*)?|\.\d+)\s*(years?|months?|weeks?|days?|hours?|minutes?|seconds?|milliseconds?|microseconds?|nanoseconds?)\s*)+$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static bool IsCalendarIntervalString(string text) => CalendarIntervalString.IsMatch(text);

    private SqlExpression ParseUnitToUnitInterval(Token start, Token valueToken, IntervalUnit from)
    {
        _pos++; // TO
        var toToken = Current;
        var to = IntervalUnitOf(toToken) ?? throw SyntaxError(toToken, "expected the end unit of the interval");
        _pos++;
        var pattern = (from, to) switch
        {
            (IntervalUnit.Year, IntervalUnit.Month) => @"^[+-]?\d+-\d+$",
            (IntervalUnit.Day, IntervalUnit.Hour) => @"^[+-]?\d+ \d+$",
            (IntervalUnit.Day, IntervalUnit.Minute) => @"^[+-]?\d+ \d+:\d+$",
            (IntervalUnit.Day, IntervalUnit.Second) => @"^[+-]?\d+ \d+:\d+:\d+(\.\d*)?$",
            (IntervalUnit.Hour, IntervalUnit.Minute) => @"^[+-]?\d+:\d+$",
            (IntervalUnit.Hour, IntervalUnit.Second) => @"^[+-]?\d+:\d+:\d+(\.\d*)?$",
            (IntervalUnit.Minute, IntervalUnit.Second) => @"^[+-]?\d+:\d+(\.\d*)?$",
            _ => null,
        };
        if (pattern is null)
        {
            throw Fail(
                "INVALID_INTERVAL_FORMAT",
                $"Intervals FROM {from.ToString().ToUpperInvariant()} TO {to.ToString().ToUpperInvariant()} are not supported: use YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND or MINUTE TO SECOND.",
                SpanFrom(start));
        }
        var value = valueToken.Text.Trim();
        if (!Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant))
        {
            throw Fail(
                "INVALID_INTERVAL_FORMAT",
                $"Interval string '{valueToken.Text}' does not match the {from.ToString().ToUpperInvariant()} TO {to.ToString().ToUpperInvariant()} format ({FormatHint(from, to)}).",
                valueToken.Span);
        }
        return new UnitToUnitIntervalLiteral(value, from, to) { Span = SpanFrom(start) };
    }

    private static string FormatHint(IntervalUnit from, IntervalUnit to) => (from, to) switch
    {
        (IntervalUnit.Year, IntervalUnit.Month) => "'[+|-]y-m'",
        (IntervalUnit.Day, IntervalUnit.Hour) => "'[+|-]d h'",
        (IntervalUnit.Day, IntervalUnit.Minute) => "'[+|-]d h:m'",
        (IntervalUnit.Day, IntervalUnit.Second) => "'[+|-]d h:m:s.n'",
        (IntervalUnit.Hour, IntervalUnit.Minute) => "'[+|-]h:m'",
        (IntervalUnit.Hour, IntervalUnit.Second) => "'[+|-]h:m:s.n'",
        _ => "'[+|-]m:s.n'",
    };
}
