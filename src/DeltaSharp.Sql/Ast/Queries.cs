namespace DeltaSharp.Sql.Ast;

// ───────────────────────────── queries ─────────────────────────────

/// <summary>
/// A complete query: <c>[WITH ctes] body [ORDER BY …] [LIMIT n] [OFFSET m]</c>. ORDER BY / LIMIT / OFFSET apply to
/// the whole body (after a set operation, to its result). Used for statements, subqueries, INSERT sources and CTEs.
/// </summary>
public sealed record Query(
    NodeList<CommonTableExpression> With,
    QueryBody Body,
    NodeList<SortItem> OrderBy,
    SqlExpression? Limit = null,
    SqlExpression? Offset = null) : SqlNode
{
    /// <summary>A query that is just <paramref name="body"/>.</summary>
    public Query(QueryBody body) : this(NodeList<CommonTableExpression>.Empty, body, NodeList<SortItem>.Empty) { }
}

/// <summary><c>name [(col, …)] AS (query)</c> in a WITH clause.</summary>
public sealed record CommonTableExpression(Identifier Name, NodeList<Identifier> Columns, Query Query) : SqlNode;

/// <summary>The body of a query: a SELECT block, a set operation, VALUES, <c>TABLE t</c>, or a parenthesised query.</summary>
public abstract record QueryBody : SqlNode;

/// <summary>
/// <c>SELECT [DISTINCT] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [WINDOW …]</c>. Several FROM relations
/// (<c>FROM a, b</c>) are an implicit cross join, as in Spark.
/// </summary>
public sealed record SelectQuery(
    bool Distinct,
    NodeList<SelectItem> Items,
    NodeList<Relation> From,
    SqlExpression? Where = null,
    GroupByClause? GroupBy = null,
    SqlExpression? Having = null) : QueryBody
{
    /// <summary>Named windows of the WINDOW clause; empty when absent.</summary>
    public NodeList<NamedWindow> Windows { get; init; } = NodeList<NamedWindow>.Empty;
}

/// <summary>One select-list entry: an expression (possibly a <see cref="StarExpression"/>) with an optional alias.</summary>
public sealed record SelectItem(SqlExpression Expression, Identifier? Alias = null) : SqlNode;

/// <summary>
/// <c>GROUP BY e1, e2</c> (integer literals are ordinals, resolved by the binder) or <c>GROUP BY ALL</c>
/// (<see cref="All"/> true, no expressions). <c>ROLLUP(…)</c> / <c>CUBE(…)</c> arrive as function calls.
/// </summary>
public sealed record GroupByClause(NodeList<SqlExpression> Expressions, bool All = false) : SqlNode;

/// <summary><c>WINDOW name AS (spec)</c>.</summary>
public sealed record NamedWindow(Identifier Name, WindowSpec Spec) : SqlNode;

/// <summary>The set operators. <c>MINUS</c> is EXCEPT.</summary>
public enum SetOperator
{
    Union,
    Intersect,
    Except,
}

/// <summary>
/// <c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c> (DISTINCT is the default). INTERSECT binds tighter than
/// UNION and EXCEPT, which associate to the left (Spark's default precedence).
/// </summary>
public sealed record SetOperation(SetOperator Operator, bool All, QueryBody Left, QueryBody Right) : QueryBody;

/// <summary>A parenthesised query used as a set-operation operand or body: <c>(SELECT … ORDER BY … LIMIT 1)</c>.</summary>
public sealed record NestedQuery(Query Query) : QueryBody;

/// <summary><c>VALUES (1, 'a'), (2, 'b')</c> as a query (a top-level statement or an INSERT source). A row that is not
/// parenthesised has one column.</summary>
public sealed record ValuesQuery(NodeList<NodeList<SqlExpression>> Rows) : QueryBody;

/// <summary><c>TABLE t</c>: all rows of a table.</summary>
public sealed record TableQuery(TableName Table) : QueryBody;

// ───────────────────────────── tables ─────────────────────────────

/// <summary>A table named in a statement: a catalog name or a file path with a format.</summary>
public abstract record TableName : SqlNode;

/// <summary><c>t</c>, <c>schema.t</c>, <c>catalog.schema.t</c>.</summary>
public sealed record CatalogTableName(QualifiedName Name) : TableName
{
    public CatalogTableName(params string[] parts) : this(new QualifiedName(parts)) { }

    public override string ToString() => Name.ToString();
}

/// <summary>
/// A table addressed by path: <c>delta.`/data/t`</c>, <c>parquet.`/data/f.parquet`</c>, or a quoted path in the Delta
/// commands (<c>VACUUM '/data/t'</c>, which means format delta). <see cref="Format"/> is lower case.
/// </summary>
public sealed record PathTableName(string Format, string Path) : TableName
{
    public override string ToString() => $"{Format}.`{Path}`";
}

// ───────────────────────────── relations ─────────────────────────────

/// <summary>An item of a FROM clause or a MERGE source.</summary>
public abstract record Relation : SqlNode;

/// <summary><c>AS name [(col, …)]</c> after a relation.</summary>
public sealed record TableAlias(Identifier Name, NodeList<Identifier> Columns) : SqlNode
{
    public TableAlias(string name) : this(new Identifier(name), NodeList<Identifier>.Empty) { }
}

/// <summary>Which snapshot of a table to read.</summary>
public enum TimeTravelKind
{
    /// <summary><c>VERSION AS OF n</c>, <c>FOR SYSTEM_VERSION AS OF n</c>, <c>t@v123</c>.</summary>
    Version,
    /// <summary><c>TIMESTAMP AS OF expr</c>, <c>FOR SYSTEM_TIME AS OF expr</c>, <c>t@yyyyMMddHHmmssSSS</c>.</summary>
    Timestamp,
}

/// <summary>
/// A time-travel clause. For <see cref="TimeTravelKind.Version"/> the value is an <see cref="IntegerLiteral"/> (or a
/// <see cref="StringLiteral"/>, as Spark allows); for <see cref="TimeTravelKind.Timestamp"/> any expression (the
/// binder checks that it is constant and not a subquery). <c>t@20190101000000000</c> gives a
/// <see cref="TypedLiteral"/> TIMESTAMP <c>'2019-01-01 00:00:00.000'</c> (session time zone, as Delta).
/// </summary>
public sealed record TimeTravelSpec(TimeTravelKind Kind, SqlExpression Value) : SqlNode;

/// <summary>A table in FROM (or a MERGE source) with optional time travel and alias.</summary>
public sealed record TableRelation(TableName Table, TimeTravelSpec? TimeTravel = null, TableAlias? Alias = null) : Relation;

/// <summary><c>(query) [AS] alias</c>.</summary>
public sealed record SubqueryRelation(Query Query, TableAlias? Alias = null) : Relation;

/// <summary><c>VALUES (1, 'a'), (2, 'b') [AS] t(id, name)</c> in FROM.</summary>
public sealed record ValuesRelation(NodeList<NodeList<SqlExpression>> Rows, TableAlias? Alias = null) : Relation;

/// <summary>A table-valued function in FROM: <c>range(10)</c>, <c>explode(array(1, 2)) AS t(x)</c>.</summary>
public sealed record TableFunctionRelation(QualifiedName Name, NodeList<SqlExpression> Arguments, TableAlias? Alias = null) : Relation;

/// <summary>A parenthesised join given an alias: <c>(a JOIN b ON …) AS j</c>.</summary>
public sealed record AliasedRelation(Relation Relation, TableAlias Alias) : Relation;

/// <summary>Join types. <c>SEMI JOIN</c> is LEFT SEMI, <c>ANTI JOIN</c> is LEFT ANTI, a bare JOIN is INNER.</summary>
public enum JoinType
{
    Inner,
    Cross,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftSemi,
    LeftAnti,
}

/// <summary>
/// <c>left [NATURAL] type JOIN right [ON condition | USING (cols)]</c>. At most one of <see cref="Condition"/> and
/// a non-empty <see cref="UsingColumns"/> is set; a NATURAL join has neither.
/// </summary>
public sealed record JoinRelation(
    JoinType Type,
    Relation Left,
    Relation Right,
    SqlExpression? Condition,
    NodeList<Identifier> UsingColumns,
    bool Natural = false) : Relation
{
    public JoinRelation(JoinType type, Relation left, Relation right, SqlExpression? condition = null)
        : this(type, left, right, condition, NodeList<Identifier>.Empty) { }
}
