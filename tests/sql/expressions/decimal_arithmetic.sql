# Decimal and integral arithmetic with Spark's result types (ANSI mode). Values worked out by hand from Spark's
# rules: + and - give scale max(s1, s2) and precision max(p1-s1, p2-s2) + scale + 1; * gives (p1+p2+1, s1+s2);
# / gives scale max(6, s1+p2+1) and precision p1-s1+s2+scale; beyond 38 digits the scale is cut to no less than 6.
# Integer columns meet decimals as decimal(10,0) (int) / decimal(20,0) (bigint); an integer LITERAL next to a
# decimal takes its minimum precision (Spark's DecimalPrecision with spark.sql.legacy.literal.pickMinimumPrecision,
# default true): 3 is decimal(1,0), so 10.00 / 3 is decimal(8,6) and 1.5 + 1 is decimal(3,1).

query D
SELECT CAST(1.10 AS DECIMAL(10,2)) + CAST(2.205 AS DECIMAL(10,3))
----
3.305

query T
SELECT typeof(CAST(1.10 AS DECIMAL(10,2)) + CAST(2.205 AS DECIMAL(10,3)))
----
decimal(12,3)

query TTTTT
SELECT typeof(10.00 / 3), typeof(1.5 * 2.25), typeof(7 / 2), typeof(7 div 2), typeof(1.5 + 1)
----
decimal(8,6)	decimal(6,3)	double	bigint	decimal(3,1)

query TTT
SELECT typeof(sum(1)), typeof(avg(CAST(1 AS DECIMAL(10,2)))), typeof(sum(CAST(1 AS DECIMAL(30,5))))
----
bigint	decimal(14,6)	decimal(38,5)

query D
SELECT CAST(1.5 AS DECIMAL(3,1)) * CAST(2.25 AS DECIMAL(4,2))
----
3.375

query D
SELECT CAST(1 AS DECIMAL(10,2)) / CAST(3 AS DECIMAL(10,2))
----
0.3333333333333

query D
SELECT 10.00 / 3
----
3.333333

query D
SELECT 1.5 + 1
----
2.5

# Exact decimals against binary doubles
query BB
SELECT 0.1 + 0.2 = 0.3, 0.1D + 0.2D = 0.3D
----
true	false

query RIII
SELECT 7 / 2, 7 div 2, 7 % 3, -7 % 3
----
3.5	3	1	-1

query I
SELECT 2147483647L + 1
----
2147483648

statement error ARITHMETIC_OVERFLOW
SELECT 2147483647 + 1

statement error DIVIDE_BY_ZERO
SELECT 1 div 0

# ANSI: a double divided by zero is an error too (try_divide gives NULL)
statement error DIVIDE_BY_ZERO
SELECT 1.0D / 0

query R
SELECT try_divide(1.0D, 0)
----
NULL

statement error NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION
SELECT CAST(99999999999999999999.99 AS DECIMAL(22,2)) * CAST(99999999999999999999.99 AS DECIMAL(22,2))

query D
SELECT CAST(12.345 AS DECIMAL(5,3)) * 10
----
123.450

statement ok
CREATE TABLE money (id INT, amount DECIMAL(10,2)) USING DELTA

statement ok
INSERT INTO money VALUES (1, 10.25), (2, 0.10), (3, NULL), (4, 99999999.99)

query DDD
SELECT sum(amount), avg(amount), max(amount) - min(amount) FROM money
----
100000010.34	33333336.780000	99999999.89

query ID
SELECT id, amount * 2 FROM money ORDER BY id
----
1	20.50
2	0.20
3	NULL
4	199999999.98
