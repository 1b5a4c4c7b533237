using System.Globalization;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

// Data types (SqlBaseParser.g4: dataType / type / complexColType). The closing '>' of nested types may arrive as '>>'
// or '>>>' from the lexer; it is split here, as Spark's lexer does with its complex-type counter.
internal sealed partial class SqlParser
{
    private DataTypeSyntax ParseDataType()
    {
        var start = Current;
        if (!Current.IsIdentifier || Current.Kind == TokenKind.QuotedIdentifier)
            throw SyntaxError(Current, "expected a data type");
        Enter();
        var name = Advance().Upper!;
        DataTypeSyntax type;
        switch (name)
        {
            case "ARRAY" when Check(TokenKind.LessThan):
            {
                _pos++;
                var element = ParseDataType();
                ExpectCloseAngle();
                type = new ArrayTypeSyntax(element);
                break;
            }
            case "MAP" when Check(TokenKind.LessThan):
            {
                _pos++;
                var key = ParseDataType();
                Expect(TokenKind.Comma, "',' between the key and value types of MAP");
                var value = ParseDataType();
                ExpectCloseAngle();
                type = new MapTypeSyntax(key, value);
                break;
            }
            case "STRUCT" when Check(TokenKind.NotEqual) && Current.Text == "<>":
                _pos++;
                type = new StructTypeSyntax(NodeList<StructFieldSyntax>.Empty);
                break;
            case "STRUCT" when Check(TokenKind.LessThan):
            {
                _pos++;
                var fields = new List<StructFieldSyntax>();
                if (!IsCloseAngle())
                {
                    do fields.Add(ParseStructField());
                    while (Accept(TokenKind.Comma));
                }
                ExpectCloseAngle();
                type = new StructTypeSyntax(new NodeList<StructFieldSyntax>(fields.ToArray()));
                break;
            }
            case "ARRAY" or "MAP" or "STRUCT":
                throw SyntaxError(Current, $"expected '<' after {name}");
            case "INTERVAL" when IntervalUnitOf(Current) is { } from:
            {
                if (from is not (IntervalUnit.Year or IntervalUnit.Month or IntervalUnit.Day or IntervalUnit.Hour or IntervalUnit.Minute or IntervalUnit.Second)
                    || !Current.Text.EndsWith(from.ToString(), StringComparison.OrdinalIgnoreCase))
                    throw Unsupported(start, "INTERVAL " + Current.Text.ToUpperInvariant());
                _pos++;
                IntervalUnit? to = null;
                if (AcceptWord("TO"))
                {
                    var toToken = Current;
                    to = IntervalUnitOf(toToken);
                    var valid = (from, to) switch
                    {
                        (IntervalUnit.Year, IntervalUnit.Month) => true,
                        (IntervalUnit.Day, IntervalUnit.Hour or IntervalUnit.Minute or IntervalUnit.Second) => true,
                        (IntervalUnit.Hour, IntervalUnit.Minute or IntervalUnit.Second) => true,
                        (IntervalUnit.Minute, IntervalUnit.Second) => true,
                        _ => false,
                    };
                    if (!valid || !toToken.Text.EndsWith(to!.Value.ToString(), StringComparison.OrdinalIgnoreCase))
                        throw Unsupported(start, $"INTERVAL {from.ToString().ToUpperInvariant()} TO {toToken.Text.ToUpperInvariant()}");
                    _pos++;
                }
                type = new IntervalTypeSyntax(from, to);
                break;
            }
            default:
                type = ParsePrimitiveType(name, start);
                break;
        }
        Exit();
        return type with { Span = SpanFrom(start) };
    }

    private DataTypeSyntax ParsePrimitiveType(string name, Token start)
    {
        var parameters = new List<int>();
        if (Check(TokenKind.LeftParen) && Peek().Kind == TokenKind.Integer)
        {
            _pos++;
            do
            {
                var token = Expect(TokenKind.Integer, "an integer type parameter");
                if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    throw Unsupported(start, $"{name}({token.Text})");
                parameters.Add(value);
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen, "')'");
        }
        var written = parameters.Count == 0 ? name : $"{name}({string.Join(',', parameters)})";
        PrimitiveTypeKind? kind = name switch
        {
            "BOOLEAN" => PrimitiveTypeKind.Boolean,
            "TINYINT" or "BYTE" => PrimitiveTypeKind.TinyInt,
            "SMALLINT" or "SHORT" => PrimitiveTypeKind.SmallInt,
            "INT" or "INTEGER" => PrimitiveTypeKind.Int,
            "BIGINT" or "LONG" => PrimitiveTypeKind.BigInt,
            "FLOAT" or "REAL" => PrimitiveTypeKind.Float,
            "DOUBLE" => PrimitiveTypeKind.Double,
            "DATE" => PrimitiveTypeKind.Date,
            "TIMESTAMP" => PrimitiveTypeKind.Timestamp,
            "TIMESTAMP_NTZ" => PrimitiveTypeKind.TimestampNtz,
            "TIMESTAMP_LTZ" => PrimitiveTypeKind.TimestampLtz,
            "STRING" => PrimitiveTypeKind.String,
            "BINARY" => PrimitiveTypeKind.Binary,
            "VOID" => PrimitiveTypeKind.Void,
            "VARIANT" => PrimitiveTypeKind.Variant,
            "INTERVAL" => PrimitiveTypeKind.Interval,
            _ => null,
        };
        if (kind is not null)
        {
            if (parameters.Count > 0) throw Unsupported(start, written);
            return new PrimitiveTypeSyntax(kind.Value);
        }
        switch (name)
        {
            case "DECIMAL" or "DEC" or "NUMERIC":
            {
                if (parameters.Count > 2) throw Unsupported(start, written);
                var precision = parameters.Count > 0 ? parameters[0] : 10;
                var scale = parameters.Count > 1 ? parameters[1] : 0;
                if (precision > 38)
                    throw Fail("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", $"Decimal precision {precision} exceeds max precision 38.", SpanFrom(start));
                if (precision < 1 || scale > precision)
                    throw Fail("UNSUPPORTED_DATATYPE", $"Unsupported data type \"{written}\": the precision must be between 1 and 38 and the scale between 0 and the precision.", SpanFrom(start));
                return new DecimalTypeSyntax(precision, scale);
            }
            case "CHAR" or "CHARACTER" or "VARCHAR":
                if (parameters.Count == 0)
                    throw Fail("DATATYPE_MISSING_SIZE", $"DataType \"{name}\" requires a length parameter, for example \"{name}(10)\". Please specify the length.", SpanFrom(start));
                if (parameters.Count > 1 || parameters[0] < 1) throw Unsupported(start, written);
                return new CharTypeSyntax(parameters[0], Varying: name == "VARCHAR");
            default:
                throw Unsupported(start, written);
        }
    }

    private SqlParseException Unsupported(Token start, string written) =>
        Fail("UNSUPPORTED_DATATYPE", $"Unsupported data type \"{written}\".", SpanFrom(start));

    private StructFieldSyntax ParseStructField()
    {
        var start = Current;
        var name = ParseIdentifier("a field name");
        Accept(TokenKind.Colon);
        var type = ParseDataType();
        var notNull = false;
        if (IsWord("NOT") && IsWordAt(1, "NULL"))
        {
            _pos += 2;
            notNull = true;
        }
        string? comment = null;
        if (AcceptWord("COMMENT")) comment = ParseStringValue("a comment string");
        return new StructFieldSyntax(name, type, notNull, comment) { Span = SpanFrom(start) };
    }

    private bool IsCloseAngle() => Current.Kind is TokenKind.GreaterThan or TokenKind.ShiftRight or TokenKind.ShiftRightUnsigned;

    private void ExpectCloseAngle()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.GreaterThan:
                _pos++;
                return;
            case TokenKind.ShiftRight or TokenKind.ShiftRightUnsigned:
                // Consume one '>' and leave the rest as a shorter token.
                var rest = token.Kind == TokenKind.ShiftRight ? TokenKind.GreaterThan : TokenKind.ShiftRight;
                _tokens[_pos] = new Token(rest, token.Offset + 1, token.Length - 1, token.Line, token.Column + 1, token.Text[1..]);
                return;
            default:
                throw SyntaxError(token, "missing '>'");
        }
    }
}
