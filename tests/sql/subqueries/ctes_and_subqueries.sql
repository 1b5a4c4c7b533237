# CTEs, subqueries in FROM, scalar / IN / EXISTS subqueries (correlated ones too).

statement ok
CREATE TABLE orders (id INT, cust STRING, amount INT) USING DELTA

statement ok
INSERT INTO orders VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'ann', 30), (4, 'cid', 5), (5, 'bob', NULL)

statement ok
CREATE TABLE custs (name STRING, vip BOOLEAN) USING DELTA

statement ok
INSERT INTO custs VALUES ('ann', true), ('bob', false), ('dan', true)

query TI duckdb
WITH t AS (SELECT cust, sum(amount) AS s FROM orders GROUP BY cust) SELECT cust, s FROM t WHERE s > 10 ORDER BY cust
----
ann	40
bob	20

query I duckdb
WITH a AS (SELECT id FROM orders WHERE amount > 5), b AS (SELECT count(*) AS n FROM a) SELECT n FROM b
----
3

query II duckdb
WITH t(x, y) AS (SELECT id, amount FROM orders) SELECT max(x), min(y) FROM t
----
5	5

query TI duckdb
WITH t AS (SELECT cust, amount FROM orders WHERE amount IS NOT NULL) SELECT a.cust, b.amount FROM t a JOIN t b ON a.cust = b.cust AND a.amount < b.amount
----
ann	30

query TI duckdb
SELECT c, n FROM (SELECT cust AS c, count(*) AS n FROM orders GROUP BY cust) sub WHERE n > 1 ORDER BY c
----
ann	2
bob	2

query I duckdb
SELECT id FROM orders WHERE amount > (SELECT avg(amount) FROM orders) ORDER BY id
----
2
3

query I duckdb
SELECT (SELECT count(DISTINCT cust) FROM orders) - (SELECT count(*) FROM custs WHERE vip)
----
1

query I duckdb
SELECT id FROM orders WHERE cust IN (SELECT name FROM custs WHERE vip) ORDER BY id
----
1
3

query I duckdb
SELECT id FROM orders WHERE cust NOT IN (SELECT name FROM custs) ORDER BY id
----
4

query I duckdb
SELECT id FROM orders WHERE amount NOT IN (SELECT amount FROM orders WHERE amount > 10) ORDER BY id
----
1
4

# NOT IN over a set holding NULL is never true
query I duckdb
SELECT id FROM orders WHERE id NOT IN (SELECT amount FROM orders)
----

query T duckdb
SELECT name FROM custs c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cust = c.name) ORDER BY name
----
ann
bob

query T duckdb
SELECT name FROM custs c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.cust = c.name) ORDER BY name
----
dan

query TI duckdb
SELECT name, (SELECT sum(amount) FROM orders o WHERE o.cust = c.name) AS total FROM custs c ORDER BY name
----
ann	40
bob	20
dan	NULL

query I duckdb
SELECT id FROM orders o WHERE amount IN (SELECT max(amount) FROM orders i WHERE i.cust = o.cust) ORDER BY id
----
2
3
4

# Row values compare field by field
query B
SELECT (1, 'ann') IN ((1, 'ann'), (2, 'bob'))
----
true

query I
SELECT id FROM orders WHERE (id, cust) IN (SELECT id, cust FROM orders WHERE amount >= 20) ORDER BY id
----
2
3

# An uncorrelated scalar subquery without rows is NULL
query I duckdb
SELECT (SELECT id FROM orders WHERE id > 100)
----
NULL

statement error SCALAR_SUBQUERY_TOO_MANY_ROWS
SELECT (SELECT id FROM orders)

statement error INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN at 1:7
SELECT (SELECT id, cust FROM orders LIMIT 1)

statement error UNRESOLVED_COLUMN.WITH_SUGGESTION at 1:41
WITH t AS (SELECT id FROM orders) SELECT cust FROM t
