# String functions and pattern matching (Spark semantics; NULL in, NULL out).

query TTITTT
SELECT upper('abc'), lower('ABC'), length('héllo'), concat('a', 'b', NULL), concat_ws('-', 'a', NULL, 'b'), 'a' || 'b'
----
ABC	abc	5	NULL	a-b	ab

query TTTTT duckdb
SELECT substring('Spark SQL', 5), substring('Spark SQL', -3), substring('Spark SQL', 2, 3), left('abc', 2), right('abc', 2)
----
k SQL	SQL	par	ab	bc

query TTTTTT
SELECT trim('  x  '), concat('[', ltrim('  x  '), ']'), concat('[', rtrim('  x  '), ']'), lpad('7', 3, '0'), rpad('7', 3, '*'), replace('aXbX', 'X', '-')
----
x	[x  ]	[  x]	007	7**	a-b-

query X
SELECT split('a,b,,c', ',')
----
[a, b, , c]

query ITT
SELECT instr('SparkSQL', 'SQL'), regexp_replace('100-200', '(\\d+)', 'num'), regexp_extract('foo123bar', '(\\d+)', 1)
----
6	num-num	123

query BBBBBB
SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' LIKE 'A%', 'abc' ILIKE 'A%', 'a_c' LIKE 'a\\_c', 'abc' RLIKE '^a.c$'
----
true	true	false	true	true	true

query BBB
SELECT 'abc' LIKE ANY ('x%', 'a%'), 'abc' LIKE ALL ('a%', '%c'), 'abc' NOT LIKE 'a%'
----
true	true	false

query T
SELECT format_string('%05d|%s', 42, 'x')
----
00042|x

statement ok
CREATE TABLE names (id INT, name STRING) USING DELTA

statement ok
INSERT INTO names VALUES (1, 'Alice'), (2, 'alan'), (3, 'Bob'), (4, NULL)

query IT duckdb
SELECT id, name FROM names WHERE name LIKE 'A%' ORDER BY id
----
1	Alice

query IT
SELECT id, name FROM names WHERE name ILIKE 'a%' ORDER BY id
----
1	Alice
2	alan

query I duckdb
SELECT count(*) FROM names WHERE name NOT LIKE '%b%'
----
2

query TI duckdb
SELECT upper(substring(name, 1, 1)) AS initial, count(*) FROM names GROUP BY 1 ORDER BY 1 NULLS LAST
----
A	2
B	1
NULL	1
