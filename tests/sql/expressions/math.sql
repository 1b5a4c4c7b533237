# Math functions (Spark: round is HALF_UP, bround HALF_EVEN; floor/ceil of a double give bigint).

query IIRR
SELECT abs(-5), abs(5), abs(-2.5D), abs(NULL)
----
5	5	2.5	NULL

query DDDD
SELECT round(2.5), round(-2.5), bround(2.5), bround(3.5)
----
3	-3	2	4

query D
SELECT round(1.2345, 2)
----
1.23

query IIRR
SELECT floor(2.7D), ceil(2.1D), pow(2, 10), sqrt(16)
----
2	3	1024.0	4.0

query IIII duckdb
SELECT mod(7, 3), greatest(1, 5, 3), least(4, 2, 8), 17 % 5
----
1	5	2	2

query II
SELECT pmod(-7, 3), -7 % 3
----
2	-1
