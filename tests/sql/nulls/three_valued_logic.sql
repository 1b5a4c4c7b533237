# NULL semantics: three-valued AND / OR / NOT, comparisons, IN with NULLs, conditional functions,
# and lazy evaluation (a branch not taken is never evaluated, so it cannot fail).

statement ok
CREATE TABLE b3 (x BOOLEAN, y BOOLEAN) USING DELTA

statement ok
INSERT INTO b3 VALUES (true, true), (true, false), (true, NULL), (false, true), (false, false), (false, NULL), (NULL, true), (NULL, false), (NULL, NULL)

query BBBBB duckdb
SELECT x, y, x AND y, x OR y, NOT x FROM b3 ORDER BY x NULLS FIRST, y NULLS FIRST
----
NULL	NULL	NULL	NULL	NULL
NULL	false	false	NULL	NULL
NULL	true	NULL	true	NULL
false	NULL	false	NULL	true
false	false	false	false	true
false	true	false	true	true
true	NULL	NULL	true	false
true	false	false	true	false
true	true	true	true	false

query I duckdb
SELECT count(*) FROM b3 WHERE x AND y
----
1

query I duckdb
SELECT count(*) FROM b3 WHERE NOT (x AND y)
----
5

query I duckdb
SELECT count(*) FROM b3 WHERE x IS DISTINCT FROM y
----
6

query I duckdb
SELECT count(*) FROM b3 WHERE (x AND y) IS NOT TRUE
----
8

query II duckdb
SELECT count(x), count(*) FROM b3
----
6	9

query BBBB
SELECT NULL = NULL, NULL <=> NULL, 1 <=> NULL, NULL IS NULL
----
NULL	true	false	true

query BBBBB duckdb
SELECT 1 IN (1, NULL), 2 IN (1, NULL), NULL IN (1, 2), 2 NOT IN (1, NULL), 3 NOT IN (1, 2)
----
true	NULL	NULL	NULL	true

query IIITTI
SELECT coalesce(NULL, NULL, 3), nullif(5, 5), nullif(5, 6), nvl(NULL, 'd'), if(1 > 2, 'a', 'b'), ifnull(NULL, 7)
----
3	NULL	5	d	b	7

query I duckdb
SELECT CASE WHEN NULL THEN 1 ELSE 2 END
----
2

query BT duckdb
SELECT x, CASE x WHEN true THEN 'T' WHEN false THEN 'F' ELSE '?' END FROM b3 WHERE y IS NULL ORDER BY x NULLS FIRST
----
NULL	?
false	F
true	T

statement ok
CREATE TABLE nums (a INT, b INT) USING DELTA

statement ok
INSERT INTO nums VALUES (6, 3), (1, 0), (NULL, 2)

query IR duckdb
SELECT a, CASE WHEN b = 0 THEN NULL ELSE a / b END FROM nums ORDER BY a NULLS FIRST
----
NULL	NULL
1	NULL
6	2.0

query I duckdb
SELECT a FROM nums WHERE b <> 0 AND a / b > 1
----
6

query I duckdb
SELECT a FROM nums WHERE b = 0 OR a / b > 1 ORDER BY a
----
1
6

# 1 / 0 is a double division (Spark's / on integers gives double)
query R
SELECT coalesce(b, 1 / 0) FROM nums ORDER BY 1
----
0.0
2.0
3.0

# A filter inside a subquery guards the outer one, also after the optimizer merges them
query R
SELECT r FROM (SELECT a / b AS r FROM nums WHERE b <> 0) s WHERE r > 1
----
2.0

statement error DIVIDE_BY_ZERO
SELECT a / b FROM nums

query I duckdb
SELECT a FROM nums WHERE a BETWEEN 1 AND 5
----
1

query I duckdb
SELECT a FROM nums WHERE a NOT BETWEEN 2 AND 5 ORDER BY a
----
1
6

# Sorting booleans: false before true; NULL first ascending
query B
SELECT DISTINCT x FROM b3 ORDER BY x
----
NULL
false
true
