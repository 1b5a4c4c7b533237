namespace DeltaSharp.Sql.Ast;

/// <summary>A complete SQL statement (the root of a parsed tree).</summary>
public abstract record Statement : SqlNode;

/// <summary>A query run as a statement.</summary>
public sealed record QueryStatement(Query Query) : Statement;

// ───────────────────────────── shared pieces ─────────────────────────────

/// <summary>A <c>key = value</c> entry of TBLPROPERTIES / OPTIONS / WITH DBPROPERTIES. Keys are dotted names or strings;
/// values are the text of a string, number or boolean literal (booleans lower case); <see cref="Value"/> is null when
/// only the key was written (UNSET TBLPROPERTIES, <c>SHOW TBLPROPERTIES t ('k')</c>).</summary>
public sealed record TableProperty(string Key, string? Value) : SqlNode;

/// <summary><c>FIRST</c> or <c>AFTER col</c> in ADD COLUMN / ALTER COLUMN.</summary>
public sealed record ColumnPosition(Identifier? After) : SqlNode
{
    /// <summary>True for <c>FIRST</c>.</summary>
    public bool IsFirst => After is null;
}

/// <summary><c>GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(START WITH n INCREMENT BY m)]</c>.</summary>
public sealed record IdentityColumnSpec(bool Always, long? Start = null, long? Increment = null) : SqlNode;

/// <summary>
/// A column in CREATE TABLE (single-part <see cref="Name"/>) or ALTER TABLE ADD COLUMNS (possibly nested:
/// <c>address.zip</c>), with its options: NOT NULL, COMMENT, DEFAULT, GENERATED ALWAYS AS (expr), identity, and
/// (ADD COLUMNS only) a position.
/// </summary>
public sealed record ColumnDefinition(
    QualifiedName Name,
    DataTypeSyntax Type,
    bool NotNull = false,
    string? Comment = null,
    SqlExpression? Default = null,
    SqlExpression? GeneratedAs = null) : SqlNode
{
    public ColumnDefinition(string name, DataTypeSyntax type, bool notNull = false, string? comment = null)
        : this(new QualifiedName(name), type, notNull, comment) { }

    /// <summary>An identity column specification; null when absent.</summary>
    public IdentityColumnSpec? Identity { get; init; }

    /// <summary>FIRST / AFTER in ADD COLUMNS; null when absent.</summary>
    public ColumnPosition? Position { get; init; }
}

/// <summary>How a CREATE statement treats an existing table.</summary>
public enum CreateMode
{
    /// <summary><c>CREATE TABLE</c> (fails, or with IF NOT EXISTS does nothing, when the table exists).</summary>
    Create,
    /// <summary><c>CREATE OR REPLACE TABLE</c>.</summary>
    CreateOrReplace,
    /// <summary><c>REPLACE TABLE</c> (the table must exist).</summary>
    Replace,
}

// ───────────────────────────── DDL ─────────────────────────────

/// <summary>
/// <c>CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [(columns)] [USING fmt] [PARTITIONED BY (…)] [CLUSTER BY (…)]
/// [COMMENT '…'] [TBLPROPERTIES (…)] [OPTIONS (…)] [LOCATION '…'] [[AS] query]</c>, and <c>REPLACE TABLE …</c>.
/// Clauses may come in any order, each at most once.
/// </summary>
public sealed record CreateTableStatement(
    TableName Table,
    CreateMode Mode,
    bool IfNotExists,
    NodeList<ColumnDefinition> Columns,
    string? Provider,
    NodeList<Identifier> PartitionBy,
    string? Comment,
    NodeList<TableProperty> Properties,
    string? Location,
    Query? AsQuery) : Statement
{
    /// <summary><c>CREATE EXTERNAL TABLE</c>.</summary>
    public bool External { get; init; }

    /// <summary>Liquid clustering columns of <c>CLUSTER BY (…)</c>; empty when absent.</summary>
    public NodeList<QualifiedName> ClusterBy { get; init; } = NodeList<QualifiedName>.Empty;

    /// <summary><c>OPTIONS (…)</c>; empty when absent.</summary>
    public NodeList<TableProperty> Options { get; init; } = NodeList<TableProperty>.Empty;
}

/// <summary>
/// <c>CREATE [OR REPLACE] TABLE [IF NOT EXISTS] target [SHALLOW | DEEP] CLONE source [time travel]
/// [TBLPROPERTIES (…)] [LOCATION '…']</c> (or <c>REPLACE TABLE …</c>). A clone is DEEP unless SHALLOW is written.
/// </summary>
public sealed record CloneTableStatement(
    TableName Target,
    CreateMode Mode,
    bool IfNotExists,
    bool Shallow,
    TableName Source,
    TimeTravelSpec? SourceTimeTravel,
    NodeList<TableProperty> Properties,
    string? Location) : Statement;

/// <summary>Actions of ALTER TABLE.</summary>
public abstract record AlterTableAction : SqlNode;

/// <summary><c>ADD COLUMN[S] [(]col type …, …[)]</c>.</summary>
public sealed record AddColumnsAction(NodeList<ColumnDefinition> Columns) : AlterTableAction;

/// <summary><c>DROP COLUMN[S] [IF EXISTS] [(]a, b.c[)]</c>.</summary>
public sealed record DropColumnsAction(NodeList<QualifiedName> Columns, bool IfExists = false) : AlterTableAction;

/// <summary><c>RENAME COLUMN a.b TO c</c>.</summary>
public sealed record RenameColumnAction(QualifiedName Column, Identifier NewName) : AlterTableAction;

/// <summary>What <c>ALTER|CHANGE [COLUMN] col …</c> changes.</summary>
public enum AlterColumnKind
{
    /// <summary><c>TYPE t</c> (<see cref="AlterColumnAction.NewType"/>).</summary>
    Type,
    /// <summary><c>COMMENT '…'</c> (<see cref="AlterColumnAction.Comment"/>).</summary>
    Comment,
    SetNotNull,
    DropNotNull,
    /// <summary><c>FIRST</c> / <c>AFTER x</c> (<see cref="AlterColumnAction.Position"/>).</summary>
    Position,
    /// <summary><c>SET DEFAULT expr</c> (<see cref="AlterColumnAction.Default"/>).</summary>
    SetDefault,
    DropDefault,
}

/// <summary><c>ALTER|CHANGE [COLUMN] col TYPE t | COMMENT '…' | SET NOT NULL | DROP NOT NULL | FIRST | AFTER x | SET DEFAULT e | DROP DEFAULT</c>.</summary>
public sealed record AlterColumnAction(
    QualifiedName Column,
    AlterColumnKind Kind,
    DataTypeSyntax? NewType = null,
    string? Comment = null,
    ColumnPosition? Position = null,
    SqlExpression? Default = null) : AlterTableAction;

/// <summary><c>SET TBLPROPERTIES (…)</c>.</summary>
public sealed record SetTablePropertiesAction(NodeList<TableProperty> Properties) : AlterTableAction;

/// <summary><c>UNSET TBLPROPERTIES [IF EXISTS] ('k', …)</c>.</summary>
public sealed record UnsetTablePropertiesAction(NodeList<string> Keys, bool IfExists = false) : AlterTableAction;

/// <summary><c>ADD CONSTRAINT name CHECK (condition)</c>.</summary>
public sealed record AddCheckConstraintAction(Identifier Name, SqlExpression Condition) : AlterTableAction;

/// <summary><c>DROP CONSTRAINT [IF EXISTS] name</c>.</summary>
public sealed record DropConstraintAction(Identifier Name, bool IfExists = false) : AlterTableAction;

/// <summary><c>RENAME TO new_name</c>.</summary>
public sealed record RenameTableAction(TableName NewName) : AlterTableAction;

/// <summary><c>ALTER TABLE t action</c>.</summary>
public sealed record AlterTableStatement(TableName Table, AlterTableAction Action) : Statement;

/// <summary><c>DROP TABLE [IF EXISTS] t [PURGE]</c>.</summary>
public sealed record DropTableStatement(TableName Table, bool IfExists = false, bool Purge = false) : Statement;

/// <summary><c>UNDROP TABLE t</c>.</summary>
public sealed record UndropTableStatement(TableName Table) : Statement;

/// <summary><c>CREATE SCHEMA|DATABASE [IF NOT EXISTS] name [COMMENT '…'] [LOCATION '…'] [WITH DBPROPERTIES (…)]</c>.</summary>
public sealed record CreateSchemaStatement(
    QualifiedName Name,
    bool IfNotExists,
    string? Comment,
    string? Location,
    NodeList<TableProperty> Properties) : Statement;

/// <summary><c>DROP SCHEMA|DATABASE [IF EXISTS] name [RESTRICT|CASCADE]</c>.</summary>
public sealed record DropSchemaStatement(QualifiedName Name, bool IfExists = false, bool Cascade = false) : Statement;

// ───────────────────────────── DML ─────────────────────────────

/// <summary><c>column = expr</c> in UPDATE and MERGE (<see cref="Column"/> may be qualified or nested).</summary>
public sealed record Assignment(QualifiedName Column, SqlExpression Value) : SqlNode;

/// <summary>A static partition value in <c>INSERT … PARTITION (p = v, q)</c>; <see cref="Value"/> is null for a dynamic column.</summary>
public sealed record PartitionValue(Identifier Column, SqlExpression? Value) : SqlNode;

/// <summary>
/// <c>INSERT INTO|OVERWRITE [TABLE] t [PARTITION (…)] [(cols) | BY NAME] query</c> and
/// <c>INSERT INTO t REPLACE WHERE cond query</c>. A <c>VALUES …</c> source is a <see cref="ValuesQuery"/>; a WITH
/// before INSERT is folded into <see cref="Source"/>.
/// </summary>
public sealed record InsertStatement(
    TableName Table,
    bool Overwrite,
    NodeList<Identifier> Columns,
    bool ByName,
    SqlExpression? ReplaceWhere,
    Query Source) : Statement
{
    /// <summary>The PARTITION clause; empty when absent.</summary>
    public NodeList<PartitionValue> Partition { get; init; } = NodeList<PartitionValue>.Empty;
}

/// <summary><c>UPDATE t [[AS] alias] SET a = e, … [WHERE cond]</c>.</summary>
public sealed record UpdateStatement(TableName Table, TableAlias? Alias, NodeList<Assignment> Assignments, SqlExpression? Where) : Statement;

/// <summary><c>DELETE FROM t [[AS] alias] [WHERE cond]</c>.</summary>
public sealed record DeleteStatement(TableName Table, TableAlias? Alias, SqlExpression? Where) : Statement;

/// <summary><c>TRUNCATE TABLE t</c>.</summary>
public sealed record TruncateTableStatement(TableName Table) : Statement;

/// <summary>Which rows a MERGE WHEN clause applies to.</summary>
public enum MergeClauseKind
{
    /// <summary><c>WHEN MATCHED</c>.</summary>
    Matched,
    /// <summary><c>WHEN NOT MATCHED [BY TARGET]</c>: source rows without a target row.</summary>
    NotMatchedByTarget,
    /// <summary><c>WHEN NOT MATCHED BY SOURCE</c>: target rows without a source row.</summary>
    NotMatchedBySource,
}

/// <summary>What a MERGE WHEN clause does.</summary>
public abstract record MergeAction : SqlNode;

/// <summary><c>UPDATE SET a = e, …</c>.</summary>
public sealed record MergeUpdateAction(NodeList<Assignment> Assignments) : MergeAction;

/// <summary><c>UPDATE SET *</c>.</summary>
public sealed record MergeUpdateAllAction : MergeAction;

/// <summary><c>DELETE</c>.</summary>
public sealed record MergeDeleteAction : MergeAction;

/// <summary><c>INSERT (cols) VALUES (exprs)</c>; the parser checks that the counts agree.</summary>
public sealed record MergeInsertAction(NodeList<QualifiedName> Columns, NodeList<SqlExpression> Values) : MergeAction;

/// <summary><c>INSERT *</c>.</summary>
public sealed record MergeInsertAllAction : MergeAction;

/// <summary><c>WHEN [NOT] MATCHED [BY TARGET|SOURCE] [AND condition] THEN action</c>.</summary>
public sealed record MergeWhenClause(MergeClauseKind Kind, SqlExpression? Condition, MergeAction Action) : SqlNode;

/// <summary>
/// <c>MERGE [WITH SCHEMA EVOLUTION] INTO target [[AS] alias] USING source ON condition WHEN …</c>. The source is a
/// <see cref="TableRelation"/> (with time travel and alias) or a <see cref="SubqueryRelation"/>. Clauses keep their
/// written order; the parser enforces Spark's rules (at least one clause; within each kind only the last clause
/// may omit its condition; actions allowed per kind).
/// </summary>
public sealed record MergeStatement(
    TableName Target,
    TableAlias? TargetAlias,
    Relation Source,
    SqlExpression Condition,
    NodeList<MergeWhenClause> Clauses,
    bool WithSchemaEvolution = false) : Statement;

// ───────────────────────────── Delta utilities ─────────────────────────────

/// <summary><c>RESTORE [TABLE] t [TO] VERSION|TIMESTAMP AS OF …</c>.</summary>
public sealed record RestoreTableStatement(TableName Table, TimeTravelSpec Target) : Statement;

/// <summary><c>VACUUM t|'path' [RETAIN n HOURS] [DRY RUN]</c>.</summary>
public sealed record VacuumStatement(TableName Table, decimal? RetainHours = null, bool DryRun = false) : Statement;

/// <summary><c>OPTIMIZE t|'path' [WHERE predicate] [ZORDER BY (a, b)]</c>.</summary>
public sealed record OptimizeStatement(TableName Table, SqlExpression? Where, NodeList<QualifiedName> ZOrderBy) : Statement;

/// <summary><c>DESCRIBE HISTORY t|'path' [LIMIT n]</c>.</summary>
public sealed record DescribeHistoryStatement(TableName Table, long? Limit = null) : Statement;

/// <summary><c>DESCRIBE DETAIL t|'path'</c>.</summary>
public sealed record DescribeDetailStatement(TableName Table) : Statement;

/// <summary><c>DESCRIBE [TABLE] [EXTENDED|FORMATTED] t [column]</c>.</summary>
public sealed record DescribeTableStatement(TableName Table, bool Extended = false, QualifiedName? Column = null) : Statement;

/// <summary><c>DESCRIBE SCHEMA|DATABASE [EXTENDED] name</c>.</summary>
public sealed record DescribeSchemaStatement(QualifiedName Name, bool Extended = false) : Statement;

/// <summary><c>SHOW TABLES [FROM|IN schema] [[LIKE] 'pattern']</c>.</summary>
public sealed record ShowTablesStatement(QualifiedName? Schema, string? Pattern) : Statement;

/// <summary><c>SHOW SCHEMAS|DATABASES [FROM|IN catalog] [[LIKE] 'pattern']</c>.</summary>
public sealed record ShowSchemasStatement(QualifiedName? Catalog, string? Pattern) : Statement;

/// <summary><c>SHOW TBLPROPERTIES t [(key)]</c>.</summary>
public sealed record ShowTablePropertiesStatement(TableName Table, string? Key) : Statement;

/// <summary><c>SHOW COLUMNS FROM|IN t [FROM|IN schema]</c>.</summary>
public sealed record ShowColumnsStatement(TableName Table, QualifiedName? Schema) : Statement;

/// <summary><c>SHOW CREATE TABLE t</c>.</summary>
public sealed record ShowCreateTableStatement(TableName Table) : Statement;

// ───────────────────────────── session ─────────────────────────────

/// <summary>Output detail of EXPLAIN.</summary>
public enum ExplainMode
{
    Simple,
    Extended,
    Formatted,
    Codegen,
    Cost,
    Logical,
}

/// <summary><c>EXPLAIN [EXTENDED|FORMATTED|CODEGEN|COST|LOGICAL] statement</c>.</summary>
public sealed record ExplainStatement(ExplainMode Mode, Statement Statement) : Statement;

/// <summary>
/// <c>SET</c> (list all: both null), <c>SET -v</c> (<see cref="Verbose"/>), <c>SET key</c> (show one:
/// <see cref="Value"/> null), <c>SET key = value</c>. Keys are dotted names (or backquoted); the value is the raw text
/// up to the end of the statement, trimmed, as Spark keeps it (quotes included).
/// </summary>
public sealed record SetStatement(string? Key, string? Value, bool Verbose = false) : Statement;

/// <summary><c>RESET</c> (all) or <c>RESET key</c>.</summary>
public sealed record ResetStatement(string? Key) : Statement;

/// <summary>What a USE statement switches.</summary>
public enum UseTarget
{
    /// <summary><c>USE name</c>: a schema, optionally qualified by catalog.</summary>
    Default,
    /// <summary><c>USE CATALOG name</c> (also <c>SET CATALOG name</c>).</summary>
    Catalog,
    /// <summary><c>USE SCHEMA|DATABASE|NAMESPACE name</c>.</summary>
    Schema,
}

/// <summary><c>USE [CATALOG|SCHEMA|DATABASE] name</c>.</summary>
public sealed record UseStatement(UseTarget Target, QualifiedName Name) : Statement;
