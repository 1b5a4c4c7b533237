# Basic SELECT / WHERE / ORDER BY / LIMIT over a small table. Expected rows computed by hand.

statement ok
CREATE TABLE people (id INT, name STRING, age INT, city STRING) USING DELTA

statement ok
INSERT INTO people VALUES (1, 'Ann', 34, 'Oslo'), (2, 'Bob', NULL, 'Paris'), (3, 'Cid', 25, 'Oslo'), (4, 'Dee', 41, NULL), (5, 'Eve', 25, 'Rome')

query ITIT duckdb
SELECT * FROM people ORDER BY id
----
1	Ann	34	Oslo
2	Bob	NULL	Paris
3	Cid	25	Oslo
4	Dee	41	NULL
5	Eve	25	Rome

query TI duckdb
SELECT name, age + 1 AS next FROM people WHERE age > 30 ORDER BY name
----
Ann	35
Dee	42

query T rowsort duckdb
SELECT name FROM people WHERE city = 'Oslo'
----
Ann
Cid

# NULL never compares equal or unequal
query I duckdb
SELECT count(*) FROM people WHERE age <> 25
----
2

query TI duckdb
SELECT name, age FROM people ORDER BY age DESC, name LIMIT 3
----
Dee	41
Ann	34
Cid	25

# ASC puts NULL first, DESC puts it last (Spark's defaults; DuckDB puts NULL last for ASC, so not cross-checked)
query I
SELECT age FROM people ORDER BY age
----
NULL
25
25
34
41

query I duckdb
SELECT age FROM people ORDER BY age DESC
----
41
34
25
25
NULL

query I duckdb
SELECT age FROM people ORDER BY age ASC NULLS LAST
----
25
25
34
41
NULL

query T
SELECT name FROM people ORDER BY id LIMIT 2 OFFSET 1
----
Bob
Cid

query T
SELECT p.name FROM people AS p WHERE p.id IN (1, 3, 99) ORDER BY 1
----
Ann
Cid

query IT
SELECT DISTINCT age, city FROM people WHERE age = 25 ORDER BY city
----
25	Oslo
25	Rome

statement error UNRESOLVED_COLUMN.WITH_SUGGESTION at 1:7
SELECT nme FROM people
----
`nme` cannot be resolved. Did you mean one of the following? [`spark_catalog`.`default`.`people`.`name`

statement error TABLE_OR_VIEW_NOT_FOUND at 1:14
SELECT * FROM nobody

query I duckdb
SELECT 1 + 2
----
3
