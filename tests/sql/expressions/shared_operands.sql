# Simple CASE, NULLIF and BETWEEN mention their operand more than once (Spark's CaseWhen / NullIf / Between
# rewrite it into several comparisons) but evaluate it once per row: nesting them must not grow the work
# exponentially. Expected values by hand: t has x = 1, 2, NULL, 5.

statement ok
CREATE TABLE t (id INT, x INT) USING DELTA

statement ok
INSERT INTO t VALUES (1, 1), (2, 2), (3, NULL), (4, 5)

query II
SELECT id, nullif(x + 1, 3) FROM t ORDER BY id
----
1	2
2	NULL
3	NULL
4	6

query IT
SELECT id, CASE x * 2 WHEN 2 THEN 'two' WHEN 4 THEN 'four' ELSE 'other' END FROM t ORDER BY id
----
1	two
2	four
3	other
4	other

query IBB
SELECT id, x + 1 BETWEEN 2 AND 3, x - 1 NOT BETWEEN 0 AND 1 FROM t ORDER BY id
----
1	true	false
2	true	false
3	NULL	NULL
4	false	true

# The same expression twice in a GROUP BY and its select list still matches.
query IT
SELECT count(*), CASE x + 1 WHEN 2 THEN 'a' ELSE 'b' END FROM t GROUP BY CASE x + 1 WHEN 2 THEN 'a' ELSE 'b' END ORDER BY 2
----
1	a
3	b

# 40 nested NULLIFs: with the operand repeated this would evaluate x + 0 2^40 times per row.
query II
SELECT id, nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(nullif(x + 0, -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1), -1) FROM t ORDER BY id
----
1	1
2	2
3	NULL
4	5

# 30 nested simple CASEs with two WHENs each (the operand compared twice per level).
query II
SELECT id, CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE CASE x + 0 WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END WHEN -1 THEN -1 WHEN -2 THEN -2 ELSE 7 END FROM t ORDER BY id
----
1	7
2	7
3	7
4	7

# Nested BETWEENs (one-argument coalesce is the operand itself). Kept shallow: Spark's generated column name
# for BETWEEN spells the operand twice, ((v >= lo) AND (v <= hi)), so naming alone doubles per level.
query IB
SELECT id, coalesce(coalesce(coalesce(coalesce(coalesce(coalesce(coalesce(coalesce(x + 0 BETWEEN 0 AND 10) BETWEEN false AND true) BETWEEN false AND true) BETWEEN false AND true) BETWEEN false AND true) BETWEEN false AND true) BETWEEN false AND true) BETWEEN false AND true) BETWEEN false AND true AS b FROM t ORDER BY id
----
1	true
2	true
3	NULL
4	true
