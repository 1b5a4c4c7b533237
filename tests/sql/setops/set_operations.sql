# UNION / INTERSECT / EXCEPT [ALL]. Rows compare as in grouping: NULL equals NULL.

statement ok
CREATE TABLE s1 (a INT, b STRING) USING DELTA

statement ok
INSERT INTO s1 VALUES (1, 'x'), (2, 'y'), (2, 'y'), (3, NULL), (NULL, NULL)

statement ok
CREATE TABLE s2 (a INT, b STRING) USING DELTA

statement ok
INSERT INTO s2 VALUES (2, 'y'), (3, NULL), (3, NULL), (4, 'z')

query I duckdb
SELECT count(*) FROM (SELECT * FROM s1 UNION ALL SELECT * FROM s2)
----
9

query IT duckdb
SELECT * FROM s1 UNION SELECT * FROM s2 ORDER BY a NULLS FIRST
----
NULL	NULL
1	x
2	y
3	NULL
4	z

query IT duckdb
SELECT * FROM s1 INTERSECT SELECT * FROM s2 ORDER BY a
----
2	y
3	NULL

query IT duckdb
SELECT * FROM s1 EXCEPT SELECT * FROM s2 ORDER BY a NULLS FIRST
----
NULL	NULL
1	x

query IT duckdb
SELECT * FROM s1 INTERSECT ALL SELECT * FROM s2 ORDER BY a
----
2	y
3	NULL

query IT duckdb
SELECT * FROM s1 EXCEPT ALL SELECT * FROM s2 ORDER BY a NULLS FIRST
----
NULL	NULL
1	x
2	y

# The column types widen: int with decimal(2,1) gives decimal(11,1)
query D
SELECT 1 AS v UNION ALL SELECT 2.5 ORDER BY v
----
1.0
2.5

# Names come from the first input; ORDER BY applies to the whole result
query I duckdb
SELECT a AS k FROM s1 WHERE a IS NOT NULL UNION SELECT a FROM s2 ORDER BY k DESC
----
4
3
2
1

# INTERSECT binds tighter than UNION
query I duckdb
SELECT 1 AS n UNION SELECT 2 INTERSECT SELECT 2 ORDER BY n
----
1
2

query I duckdb
(SELECT a FROM s1) UNION ALL (SELECT a FROM s2) ORDER BY a NULLS LAST LIMIT 3
----
1
2
2

statement error NUM_COLUMNS_MISMATCH
SELECT a FROM s1 UNION SELECT a, b FROM s2
----
UNION can only be performed on inputs with the same number of columns, but the first input has 1 columns and the second input has 2 columns.
