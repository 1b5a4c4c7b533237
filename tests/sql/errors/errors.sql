# Each error of issue 4 with Spark's error class and the position of the offending text (line, 0-based pos).
# Unknown functions and type errors are reported at bind time (before any row is read).

statement ok
CREATE TABLE t (id INT, name STRING, amount DECIMAL(10,2), d DATE, tags ARRAY<STRING>, attrs MAP<STRING, INT>, s STRUCT<a: INT, b: STRING>) USING DELTA

statement ok
INSERT INTO t VALUES (1, 'a', 1.50, DATE '2025-01-01', array('x'), map('k', 1), named_struct('a', 1, 'b', 'p')), (2, NULL, 0.00, NULL, NULL, NULL, NULL)

# ---- unknown function: UNRESOLVED_ROUTINE at the call ----

statement error UNRESOLVED_ROUTINE at 1:7
SELECT no_such_fn(id) FROM t
----
`no_such_fn`

statement error UNRESOLVED_ROUTINE at 3:4
SELECT id,
       name
  , upperr(name) FROM t
----
`upperr`

statement error UNRESOLVED_ROUTINE at 1:27
SELECT id FROM t WHERE 1 = nope()

# ---- unknown column / table ----

statement error UNRESOLVED_COLUMN.WITH_SUGGESTION at 2:13
SELECT id
FROM t WHERE nme = 'a'
----
`nme`
`name`

statement error UNRESOLVED_COLUMN.WITH_SUGGESTION at 1:7
SELECT t.nope FROM t

statement error TABLE_OR_VIEW_NOT_FOUND at 1:14
SELECT * FROM missing_table

statement error FIELD_NOT_FOUND
SELECT s.zz FROM t

# ---- type errors: DATATYPE_MISMATCH.* ----

statement error DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES at 1:7
SELECT tags = 1 FROM t

statement error DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE at 1:7
SELECT abs(tags) FROM t

# ANSI string promotion: a string argument of a numeric function is cast at run time (CAST_INVALID_INPUT for 'a').
statement error CAST_INVALID_INPUT
SELECT abs(name) FROM t WHERE id = 1

statement error DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES at 1:7
SELECT true + 1 FROM t

statement error DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE at 1:7
SELECT true + false FROM t

statement error DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN
SELECT id FROM t WHERE id

statement error DATATYPE_MISMATCH.DATA_DIFF_TYPES
SELECT coalesce(tags, 1) FROM t

statement error DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION at 1:7
SELECT CAST(tags AS INT) FROM t

# A map has no order (Spark's SortOrder check); before, the sorter failed at run time.
statement error DATATYPE_MISMATCH.INVALID_ORDERING_TYPE at 1:29
SELECT attrs FROM t ORDER BY attrs
----
MAP<STRING, INT>

statement error DATATYPE_MISMATCH.INVALID_ORDERING_TYPE
SELECT id, rank() OVER (ORDER BY attrs) FROM t

# Maps have no equality either: Spark refuses them where rows or keys are compared, at bind time (CheckAnalysis:
# mapColumnInSetOperation for DISTINCT / INTERSECT / EXCEPT / UNION DISTINCT, checkValidGroupingExprs for GROUP BY,
# the `=` type check for join keys). A map nested in a struct or array counts.
statement error UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE at 1:0
SELECT DISTINCT attrs FROM t
----
`attrs`
"MAP<STRING, INT>"

statement error UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE at 1:0
SELECT DISTINCT id, named_struct('m', attrs) AS sm FROM t
----
`sm`

statement error GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE at 1:39
SELECT attrs, count(*) FROM t GROUP BY attrs
----
"attrs"
"MAP<STRING, INT>"

statement error GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE at 1:39
SELECT attrs, count(*) FROM t GROUP BY 1

statement error UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE at 1:0
SELECT attrs FROM t UNION SELECT attrs FROM t

statement error UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE at 1:0
SELECT id, attrs FROM t INTERSECT ALL SELECT id, attrs FROM t

statement error UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE at 1:0
SELECT attrs FROM t EXCEPT SELECT attrs FROM t

statement ok
SELECT attrs FROM t UNION ALL SELECT attrs FROM t

statement error DATATYPE_MISMATCH.INVALID_ORDERING_TYPE at 1:33
SELECT a.id FROM t a JOIN t b ON a.attrs = b.attrs

statement error WRONG_NUM_ARGS.WITHOUT_SUGGESTION at 1:7
SELECT upper('a', 'b')

# ---- ANSI run-time errors ----

statement error DIVIDE_BY_ZERO
SELECT id / 0 FROM t

statement error DIVIDE_BY_ZERO
SELECT amount % 0 FROM t

statement error DIVIDE_BY_ZERO
SELECT 5 div 0

query RR
SELECT try_divide(1, 0), 1 / NULL
----
NULL	NULL

statement error CAST_INVALID_INPUT
SELECT CAST('abc' AS INT)

statement error CAST_INVALID_INPUT
SELECT CAST('2025-13-45' AS DATE)

statement error CAST_OVERFLOW
SELECT CAST(3000000000 AS INT)

statement error NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION
SELECT CAST(12345.678 AS DECIMAL(5,2))

query IAI
SELECT TRY_CAST('abc' AS INT), TRY_CAST('2025-13-45' AS DATE), TRY_CAST(3000000000 AS INT)
----
NULL	NULL	NULL

statement error ARITHMETIC_OVERFLOW
SELECT 2147483647 + id FROM t WHERE id = 1

# ---- aggregation and clauses ----

statement error MISSING_AGGREGATION at 1:7
SELECT name, count(*) FROM t GROUP BY id

# A star in a grouped query: the position is the star's.
statement error MISSING_AGGREGATION at 1:11
SELECT id, * FROM t GROUP BY id

statement error GROUP_BY_POS_OUT_OF_RANGE at 1:36
SELECT id, count(*) FROM t GROUP BY 5

# ---- syntax errors name the position ----

statement error PARSE_SYNTAX_ERROR at 1:9
SELECT * FORM t

# At the end of the input: just after the last token.
statement error PARSE_SYNTAX_ERROR at 2:5
SELECT id FROM t
WHERE
----
end of input

# The position is the literal's value.
statement error INVALID_TYPED_LITERAL at 1:12
SELECT DATE '2025-99-99'

statement error INVALID_NUMERIC_LITERAL_RANGE at 1:7
SELECT 128Y

# Bind time: the errors come before any row is read, so a query that would read no rows fails all the same.
statement error UNRESOLVED_ROUTINE at 1:7
SELECT no_such_fn(id) FROM t WHERE 1 = 0

statement error DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE at 1:7
SELECT abs(tags) FROM t LIMIT 0

statement error DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES
SELECT * FROM t WHERE false AND tags = 1

# Found by fuzzing: an interval literal beyond its range, and lag/lead with an offset or default of the wrong type
# (an interval offset was read as microseconds; an array default reached the cast kernel at run time).
statement error INVALID_INTERVAL_FORMAT at 1:41
SELECT TIMESTAMP '2025-01-01 00:00:00' - INTERVAL 9223372036854775807 HOURS

statement error INVALID_INTERVAL_FORMAT
SELECT INTERVAL 2147483648 DAYS

statement error INVALID_INTERVAL_FORMAT
SELECT TIMESTAMP '2025-01-01 00:00:00' + INTERVAL '1.2.3 10' DAY TO HOUR

statement error DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE at 1:16
SELECT lead(id, INTERVAL '1' DAY) OVER (ORDER BY id) FROM t

statement error DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE at 1:22
SELECT lag(amount, 1, tags) OVER (ORDER BY id) FROM t

query II
SELECT id, lag(id, 1, 0) OVER (ORDER BY id) FROM t ORDER BY id
----
1	0
2	1
