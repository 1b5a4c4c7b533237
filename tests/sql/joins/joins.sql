# Joins. Expected rows computed by hand; queries marked duckdb are replayed in DuckDB.

statement ok
CREATE TABLE emp (id INT, name STRING, dept INT) USING DELTA

statement ok
INSERT INTO emp VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', NULL), (4, 'd', 30), (5, 'e', 10)

statement ok
CREATE TABLE dept (id INT, dname STRING) USING DELTA

statement ok
INSERT INTO dept VALUES (10, 'eng'), (20, 'ops'), (40, 'hr'), (NULL, 'nul')

query TT duckdb
SELECT e.name, d.dname FROM emp e JOIN dept d ON e.dept = d.id ORDER BY e.name
----
a	eng
b	ops
e	eng

query TT duckdb
SELECT e.name, d.dname FROM emp e LEFT JOIN dept d ON e.dept = d.id ORDER BY e.name
----
a	eng
b	ops
c	NULL
d	NULL
e	eng

query TT duckdb
SELECT e.name, d.dname FROM emp e RIGHT OUTER JOIN dept d ON e.dept = d.id ORDER BY d.dname, e.name
----
a	eng
e	eng
NULL	hr
NULL	nul
b	ops

query TT duckdb
SELECT e.name, d.dname FROM emp e FULL JOIN dept d ON e.dept = d.id ORDER BY e.name NULLS LAST, d.dname NULLS LAST
----
a	eng
b	ops
c	NULL
d	NULL
e	eng
NULL	hr
NULL	nul

query I duckdb
SELECT count(*) FROM emp CROSS JOIN dept
----
20

query T
SELECT name FROM emp LEFT SEMI JOIN dept ON emp.dept = dept.id ORDER BY name
----
a
b
e

query T
SELECT name FROM emp LEFT ANTI JOIN dept ON emp.dept = dept.id ORDER BY name
----
c
d

query IT duckdb
SELECT dept, name FROM emp JOIN (SELECT id AS dept, dname FROM dept) d USING (dept) ORDER BY name
----
10	a
20	b
10	e

# FULL JOIN USING: the key is coalesced from both sides
query ITT duckdb
SELECT k, a, b FROM (VALUES (1, 'x'), (2, 'y')) l(k, a) FULL JOIN (VALUES (2, 'p'), (3, 'q')) r(k, b) USING (k) ORDER BY k
----
1	x	NULL
2	y	p
3	NULL	q

query TT duckdb
SELECT e.name, d.dname FROM emp e JOIN dept d ON e.dept < d.id ORDER BY e.name, d.dname
----
a	hr
a	ops
b	hr
d	hr
e	hr
e	ops

query TT duckdb
SELECT e.name, d.dname FROM emp e LEFT JOIN dept d ON e.dept = d.id AND d.dname <> 'ops' ORDER BY e.name
----
a	eng
b	NULL
c	NULL
d	NULL
e	eng

query TTT duckdb
SELECT e.name, d.dname, m.name FROM emp e JOIN dept d ON e.dept = d.id JOIN emp m ON m.dept = d.id AND m.id <> e.id ORDER BY 1
----
a	eng	e
e	eng	a

query T duckdb
SELECT e.name FROM emp e, dept d WHERE e.dept = d.id AND d.dname = 'eng' ORDER BY 1
----
a
e

# <=> matches NULL with NULL
query I
SELECT count(*) FROM emp e JOIN dept d ON e.dept <=> d.id
----
4

query TI duckdb
SELECT d.dname, c.n FROM dept d JOIN (SELECT dept, count(*) AS n FROM emp GROUP BY dept) c ON c.dept = d.id ORDER BY 1
----
eng	2
ops	1

query ITT duckdb
SELECT d.*, e.name FROM emp e JOIN dept d ON e.dept = d.id WHERE e.id = 2
----
20	ops	b

# A filter on the nullable side of an outer join must stay above the join
query T duckdb
SELECT e.name FROM emp e LEFT JOIN dept d ON e.dept = d.id WHERE d.dname IS NULL ORDER BY 1
----
c
d

query TT duckdb
SELECT e.name, d.dname FROM emp e LEFT JOIN dept d ON e.dept = d.id WHERE e.name <> 'a' AND coalesce(d.dname, 'none') <> 'ops' ORDER BY 1
----
c	NULL
d	NULL
e	eng

# NATURAL JOIN joins on the columns both sides share (here: id) and shows them once
query ITIT duckdb
SELECT * FROM emp NATURAL JOIN (SELECT id, dname AS extra FROM dept WHERE id IS NOT NULL) d ORDER BY id
----

query ITIT duckdb
SELECT * FROM emp NATURAL JOIN (SELECT 1 AS id, 'one' AS extra UNION ALL SELECT 4, 'four') d ORDER BY id
----
1	a	10	one
4	d	30	four

statement error AMBIGUOUS_REFERENCE at 1:7
SELECT id FROM emp JOIN dept ON emp.dept = dept.id
----
Reference `id` is ambiguous, could be: [`spark_catalog`.`default`.`emp`.`id`, `spark_catalog`.`default`.`dept`.`id`].

statement error UNRESOLVED_USING_COLUMN_FOR_JOIN
SELECT * FROM emp JOIN dept USING (dname)
