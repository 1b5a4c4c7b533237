# Query forms of issue 4 not covered elsewhere (see tests/sql/COVERAGE.md): VALUES as a relation, t.* of one join
# side, window aggregates per partition, OFFSET alone, scalar subqueries in the select list, semi/anti joins with
# NULL keys. Expected rows computed by hand; `duckdb` where both dialects agree.

statement ok
CREATE TABLE sales (id INT, region STRING, amount INT) USING DELTA

statement ok
INSERT INTO sales VALUES (1, 'n', 10), (2, 'n', 30), (3, 's', 20), (4, 's', NULL), (5, 'e', 5), (6, NULL, 7)

statement ok
CREATE TABLE regions (code STRING, name STRING) USING DELTA

statement ok
INSERT INTO regions VALUES ('n', 'North'), ('s', 'South'), ('w', 'West'), (NULL, 'Nowhere')

# VALUES as a relation, with and without a column list; columns are named col1, col2 … without one.
query IT duckdb
SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v(id, name) ORDER BY id
----
1	a
2	b

query IT
SELECT col1, col2 FROM VALUES (3, 'c'), (4, 'd') ORDER BY col1 DESC
----
4	d
3	c

query TT duckdb
SELECT v.x, r.name FROM (VALUES ('n'), ('w')) AS v(x) JOIN regions r ON r.code = v.x ORDER BY v.x
----
n	North
w	West

# t.* of one side of a join, and both sides.
query TT duckdb
SELECT r.* FROM sales s JOIN regions r ON s.region = r.code WHERE s.id = 3
----
s	South

query ITITT duckdb
SELECT s.*, r.* FROM sales s JOIN regions r ON s.region = r.code WHERE s.amount > 15 ORDER BY s.id
----
2	n	30	n	North
3	s	20	s	South

# Window aggregates over partitions: sum / count / avg / min / max.
query ITIIIRII duckdb
SELECT id, region, amount, sum(amount) OVER (PARTITION BY region), count(amount) OVER (PARTITION BY region), avg(amount) OVER (PARTITION BY region), min(amount) OVER (PARTITION BY region), max(amount) OVER (PARTITION BY region) FROM sales WHERE region IS NOT NULL ORDER BY id
----
1	n	10	40	2	20.0	10	30
2	n	30	40	2	20.0	10	30
3	s	20	20	1	20.0	20	20
4	s	NULL	20	1	20.0	20	20
5	e	5	5	1	5.0	5	5

# Running min / max with a ROWS frame, and a count(*) frame that ends before the current row.
query IIII duckdb
SELECT id, min(amount) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), max(amount) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) FROM sales ORDER BY id
----
1	10	30	0
2	10	30	1
3	10	30	2
4	10	20	2
5	5	7	2
6	5	7	2

# OFFSET without LIMIT, and LIMIT with OFFSET.
query I
SELECT id FROM sales ORDER BY id OFFSET 4
----
5
6

query I duckdb
SELECT id FROM sales ORDER BY id LIMIT 2 OFFSET 1
----
2
3

# Scalar subqueries in the select list, one per column (the issue's new_customers shape).
query III duckdb
SELECT (SELECT count(DISTINCT region) FROM sales) - (SELECT count(*) FROM regions WHERE code IS NOT NULL) AS diff, (SELECT max(amount) FROM sales), (SELECT min(id) FROM sales WHERE amount > 100)
----
0	30	NULL

# Correlated scalar subquery in the select list.
query IT duckdb
SELECT s.id, (SELECT r.name FROM regions r WHERE r.code = s.region) FROM sales s ORDER BY s.id
----
1	North
2	North
3	South
4	South
5	NULL
6	NULL

# Semi / anti joins: a NULL key matches nothing (the anti join keeps it).
query I
SELECT id FROM sales s LEFT SEMI JOIN regions r ON s.region = r.code ORDER BY id
----
1
2
3
4

query I
SELECT id FROM sales s LEFT ANTI JOIN regions r ON s.region = r.code ORDER BY id
----
5
6

# NOT IN with a NULL in the subquery is never true; NOT EXISTS is not affected.
query I
SELECT count(*) FROM sales WHERE region NOT IN (SELECT code FROM regions)
----
0

query I duckdb
SELECT count(*) FROM sales s WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = s.region)
----
2

# HAVING on an aggregate not in the select list; ORDER BY an aggregate; NULLS FIRST.
query T duckdb
SELECT region FROM sales GROUP BY region HAVING sum(amount) >= 20 ORDER BY sum(amount) DESC
----
n
s

query TI duckdb
SELECT region, count(*) FROM sales GROUP BY region ORDER BY region NULLS FIRST
----
NULL	1
e	1
n	2
s	2

# CTE referenced twice, and a CTE that uses an earlier one.
query TI duckdb
WITH t AS (SELECT region, sum(amount) AS total FROM sales GROUP BY region), top AS (SELECT max(total) AS m FROM t) SELECT t.region, t.total FROM t, top WHERE t.total = top.m
----
n	40

# Set operations with duplicates and NULLs.
query T rowsort duckdb
SELECT region FROM sales INTERSECT SELECT code FROM regions
----
n
s
NULL

query T rowsort duckdb
SELECT code FROM regions EXCEPT SELECT region FROM sales
----
w

query I duckdb
SELECT count(*) FROM (SELECT region FROM sales UNION ALL SELECT code FROM regions)
----
10
