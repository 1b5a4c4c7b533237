using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>Short constructors for writing expected syntax trees by hand.</summary>
internal static class Trees
{
    public static ColumnReference Col(params string[] parts) => new(parts);

    public static IntegerLiteral Int(long value) => new(value);

    public static IntegerLiteral Big(long value) => new(value, IntegerLiteralType.BigInt);

    public static StringLiteral Str(string value) => new(value);

    public static DecimalLiteral Dec(string value, int precision, int scale) => new(value, precision, scale);

    public static BinaryExpression Bin(BinaryOperator op, SqlExpression left, SqlExpression right) => new(op, left, right);

    public static BinaryExpression And(SqlExpression left, SqlExpression right) => new(BinaryOperator.And, left, right);

    public static BinaryExpression Or(SqlExpression left, SqlExpression right) => new(BinaryOperator.Or, left, right);

    public static BinaryExpression Eq(SqlExpression left, SqlExpression right) => new(BinaryOperator.Equal, left, right);

    public static BinaryExpression Add(SqlExpression left, SqlExpression right) => new(BinaryOperator.Add, left, right);

    public static BinaryExpression Sub(SqlExpression left, SqlExpression right) => new(BinaryOperator.Subtract, left, right);

    public static BinaryExpression Mul(SqlExpression left, SqlExpression right) => new(BinaryOperator.Multiply, left, right);

    public static UnaryExpression Not(SqlExpression operand) => new(UnaryOperator.Not, operand);

    public static UnaryExpression Neg(SqlExpression operand) => new(UnaryOperator.Negate, operand);

    public static FunctionCall Fn(string name, params SqlExpression[] args) => new(name, args);

    public static SelectItem Item(SqlExpression expression, string? alias = null) => new(expression, alias is null ? null : new Identifier(alias));

    public static TableRelation Table(string name, TimeTravelSpec? timeTravel = null, string? alias = null) =>
        new(new CatalogTableName(name.Split('.')), timeTravel, alias is null ? null : new TableAlias(alias));

    public static TimeTravelSpec Version(long version) => new(TimeTravelKind.Version, new IntegerLiteral(version));

    public static TimeTravelSpec AsOfTimestamp(SqlExpression value) => new(TimeTravelKind.Timestamp, value);

    public static SelectQuery Select(NodeList<SelectItem> items, NodeList<Relation> from, SqlExpression? where = null) =>
        new(false, items, from, where);

    public static Query Q(QueryBody body) => new(body);

    public static QueryStatement Stmt(QueryBody body) => new(new Query(body));

    public static TableName Name(string name) => new CatalogTableName(name.Split('.'));

    public static QualifiedName QName(string name) => new(name.Split('.'));
}
