# Edge cases: empty inputs, LIMIT 0, HAVING without GROUP BY, ORDER BY over aggregates and aliases, USING with *.

statement ok
CREATE TABLE e (k INT, v STRING) USING DELTA

statement ok
CREATE TABLE f (k INT, w INT) USING DELTA

statement ok
INSERT INTO f VALUES (1, 10), (1, 20), (2, 5)

query I duckdb
SELECT count(*) FROM e JOIN f ON e.k = f.k
----
0

query IT duckdb
SELECT f.k, e.v FROM f LEFT JOIN e ON e.k = f.k ORDER BY f.k, f.w
----
1	NULL
1	NULL
2	NULL

query IT duckdb
SELECT k, v FROM e ORDER BY k
----

query II duckdb
SELECT k, row_number() OVER (ORDER BY k) FROM e
----

query II duckdb
SELECT k, w FROM f ORDER BY w LIMIT 0
----

query I duckdb
SELECT sum(w) FROM f HAVING sum(w) > 30
----
35

query I duckdb
SELECT sum(w) FROM f HAVING sum(w) > 100
----

query II duckdb
SELECT k, sum(w) AS total FROM f GROUP BY k ORDER BY total DESC
----
1	30
2	5

query II duckdb
SELECT k, max(w) FROM f GROUP BY k ORDER BY max(w) - min(w), k
----
2	5
1	20

query II duckdb
SELECT k * 10 AS kk, count(*) FROM f GROUP BY k * 10 ORDER BY kk DESC
----
20	1
10	2

query IIT duckdb
SELECT * FROM f JOIN (SELECT 1 AS k, 'one' AS name) n USING (k) ORDER BY w
----
1	10	one
1	20	one

query I duckdb
SELECT k FROM f WHERE k IN (1, 1, 3, NULL) ORDER BY w
----
1
1

query I duckdb
SELECT count(*) FROM f WHERE w IN (SELECT w FROM f WHERE w > 100)
----
0

query II duckdb
SELECT DISTINCT k, k + 1 FROM f ORDER BY k
----
1	2
2	3

query TI duckdb
SELECT 'all' AS label, count(DISTINCT k) FROM f
----
all	2

query I duckdb
SELECT count(*) FROM (SELECT DISTINCT k FROM f) s
----
2

query II duckdb
SELECT a.k, b.k FROM f a CROSS JOIN f b WHERE a.w = 5 ORDER BY b.w
----
2	2
2	1
2	1

statement error INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE
SELECT k FROM f LIMIT -1

statement error ORDER_BY_POS_OUT_OF_RANGE at 1:25
SELECT k FROM f ORDER BY 3
