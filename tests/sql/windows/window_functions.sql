# Window functions: ranking, running and sliding frames, offsets, windows over aggregates.

statement ok
CREATE TABLE w (grp STRING, ord INT, val INT) USING DELTA

statement ok
INSERT INTO w VALUES ('a', 1, 10), ('a', 2, 20), ('a', 3, 20), ('a', 4, NULL), ('b', 1, 5), ('b', 2, 7), ('c', 1, NULL)

query TIIII duckdb
SELECT grp, ord, row_number() OVER (PARTITION BY grp ORDER BY val NULLS FIRST, ord) AS rn, rank() OVER (PARTITION BY grp ORDER BY val NULLS FIRST) AS rk, dense_rank() OVER (PARTITION BY grp ORDER BY val NULLS FIRST) AS dr FROM w ORDER BY grp, ord
----
a	1	2	2	2
a	2	3	3	3
a	3	4	3	3
a	4	1	1	1
b	1	1	1	1
b	2	2	2	2
c	1	1	1	1

# Without NULLS FIRST: Spark's ASC puts NULL first
query II
SELECT ord, rank() OVER (ORDER BY val) FROM w WHERE grp = 'a' ORDER BY ord
----
1	2
2	3
3	3
4	1

query TII duckdb
SELECT grp, ord, sum(val) OVER (PARTITION BY grp ORDER BY ord) FROM w ORDER BY grp, ord
----
a	1	10
a	2	30
a	3	50
a	4	50
b	1	5
b	2	12
c	1	NULL

# The default frame with ORDER BY is RANGE ... CURRENT ROW: peers (equal keys) are included together
query III duckdb
SELECT ord, val, sum(ord) OVER (ORDER BY val NULLS FIRST) FROM w WHERE grp = 'a' ORDER BY ord
----
1	10	5
2	20	10
3	20	10
4	NULL	4

query TIII duckdb
SELECT grp, ord, count(*) OVER (PARTITION BY grp), max(val) OVER (PARTITION BY grp) FROM w ORDER BY grp, ord
----
a	1	4	20
a	2	4	20
a	3	4	20
a	4	4	20
b	1	2	7
b	2	2	7
c	1	1	NULL

query II duckdb
SELECT ord, sum(val) OVER (ORDER BY ord ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w WHERE grp = 'a' ORDER BY ord
----
1	30
2	50
3	40
4	20

query III duckdb
SELECT ord, lag(val) OVER (ORDER BY ord), lead(val, 2, -1) OVER (ORDER BY ord) FROM w WHERE grp = 'a' ORDER BY ord
----
1	NULL	20
2	10	NULL
3	20	-1
4	20	-1

query II duckdb
SELECT ord, ntile(3) OVER (ORDER BY ord) FROM w WHERE grp = 'a' ORDER BY ord
----
1	1
2	1
3	2
4	3

query IRR duckdb
SELECT ord, percent_rank() OVER (ORDER BY val NULLS FIRST), cume_dist() OVER (ORDER BY val NULLS FIRST) FROM w WHERE grp = 'a' ORDER BY ord
----
1	0.3333333333333333	0.5
2	0.6666666666666666	1.0
3	0.6666666666666666	1.0
4	0.0	0.25

query TII duckdb
SELECT grp, sum(val), rank() OVER (ORDER BY sum(val) DESC NULLS LAST) FROM w GROUP BY grp ORDER BY grp
----
a	50	1
b	12	2
c	NULL	3

query III duckdb
SELECT ord, first_value(val) OVER (ORDER BY ord), last_value(val) OVER (ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM w WHERE grp = 'a' ORDER BY ord
----
1	10	NULL
2	10	NULL
3	10	NULL
4	10	NULL

query TIB duckdb
SELECT grp, ord, avg(val) OVER (PARTITION BY grp ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) IS NOT NULL FROM w ORDER BY grp, ord
----
a	1	true
a	2	true
a	3	true
a	4	true
b	1	true
b	2	true
c	1	false

query TI
SELECT grp, row_number() OVER w1 FROM w WHERE ord = 1 WINDOW w1 AS (ORDER BY grp DESC) ORDER BY grp
----
a	3
b	2
c	1

# RANGE frames with value offsets: rows whose ORDER BY value lies within the offsets of the current row's
query III duckdb
SELECT ord, val, sum(val) OVER (ORDER BY val RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) FROM w WHERE val IS NOT NULL ORDER BY ord, grp
----
1	10	22
1	5	22
2	20	40
2	7	22
3	20	40

query II duckdb
SELECT val, count(*) OVER (ORDER BY val DESC RANGE BETWEEN CURRENT ROW AND 3 FOLLOWING) FROM w WHERE val IS NOT NULL ORDER BY val, ord
----
5	1
7	2
10	2
20	2
20	2

statement error WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE at 1:7
SELECT row_number() FROM w

statement error WINDOW_FUNCTION_FRAME_NOT_ORDERED at 1:7
SELECT rank() OVER (PARTITION BY grp) FROM w
