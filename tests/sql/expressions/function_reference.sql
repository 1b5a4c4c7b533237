# The functions named in issue 4, with the examples of Spark's SQL function reference (docs.spark.apache.org
# "Built-in Functions"; values as Spark documents them, session time zone UTC) plus NULL and edge cases computed
# by hand from the documented rules. Complements strings.sql, datetime.sql and math.sql.

# ---- string functions ----

query TTTT duckdb
SELECT concat('Spark', 'SQL'), concat_ws(' ', 'Spark', 'SQL'), upper('SparkSql'), lower('SparkSql')
----
SparkSQL	Spark SQL	SPARKSQL	sparksql

query ITT
SELECT length('Spark SQL '), concat_ws(',', 'a', NULL), concat_ws(NULL, 'a', 'b')
----
10	a	NULL

query TTTT
SELECT substring('Spark SQL', 5, 1), substr('Spark SQL', 5), substring('Spark SQL' FROM 5 FOR 1), substring('Spark SQL', 0, 2)
----
k	k SQL	k	Sp

query TTT
SELECT trim(BOTH 'SL' FROM 'SSparkSQLS'), trim(LEADING 'SL' FROM 'SSparkSQLS'), trim(TRAILING 'SL' FROM 'SSparkSQLS')
----
parkSQ	parkSQLS	SSparkSQ

query TTT
SELECT concat('[', trim('    SparkSQL   '), ']'), concat('[', ltrim('    SparkSQL   '), ']'), concat('[', rtrim('    SparkSQL   '), ']')
----
[SparkSQL]	[SparkSQL   ]	[    SparkSQL]

query TTTTTT
SELECT lpad('hi', 5, '??'), lpad('hi', 1, '??'), concat('[', lpad('hi', 5), ']'), rpad('hi', 5, '??'), rpad('hi', 1, '??'), concat('[', rpad('hi', 5), ']')
----
???hi	h	[   hi]	hi???	h	[hi   ]

query TTTT
SELECT lpad('hi', -1, 'x'), lpad('hi', 5, ''), replace('ABCabc', 'abc', 'DEF'), replace('ABCabc', 'abc')
----
(empty)	hi	ABCDEF	ABC

query XXX
SELECT split('oneAtwoBthreeC', '[ABC]'), split('oneAtwoBthreeC', '[ABC]', -1), split('oneAtwoBthreeC', '[ABC]', 2)
----
[one, two, three, ]	[one, two, three, ]	[one, twoBthreeC]

query TTTT
SELECT regexp_replace('100-200', '(\\d+)', 'num'), regexp_extract('100-200', '(\\d+)-(\\d+)', 1), regexp_extract('100-200', '(\\d+)-(\\d+)', 2), regexp_extract('abc', '(\\d+)', 1)
----
num-num	100	200	(empty)

query IITT
SELECT instr('SparkSQL', 'SQL'), instr('SparkSQL', 'x'), left('Spark SQL', 3), right('Spark SQL', 3)
----
6	0	Spa	SQL

query TTTT
SELECT format_string('Hello World %d %s', 100, 'days'), format_string('%.2f', 3.14159D), format_string('%5s|%-5s|', 'ab', 'cd'), format_string('%x', 255)
----
Hello World 100 days	3.14	   ab|cd   |	ff

query TTT
SELECT upper(NULL), substring(NULL, 1, 2), replace('abc', NULL, 'x')
----
NULL	NULL	NULL

# ---- date / time functions ----

query AAII
SELECT date_add('2016-07-30', 1), date_sub('2016-07-30', 1), datediff('2009-07-31', '2009-07-30'), datediff('2009-07-30', '2009-07-31')
----
2016-07-31	2016-07-29	1	-1

query AARR
SELECT add_months('2016-08-31', 1), add_months(DATE '2024-03-31', -1), months_between('1997-02-28 10:30:00', '1996-10-30'), months_between('1997-02-28 10:30:00', '1996-10-30', false)
----
2016-09-30	2024-02-29	3.94959677	3.9495967741935485

query RR
SELECT months_between(DATE '2025-02-28', DATE '2025-01-31'), months_between(DATE '2025-01-15', DATE '2025-03-15')
----
1.0	-2.0

query IIIIIII
SELECT year('2016-07-30'), month('2016-07-30'), day('2009-07-30'), dayofweek('2009-07-30'), hour('2009-07-30 12:58:59'), minute('2009-07-30 12:58:59'), second('2009-07-30 12:58:59')
----
2016	7	30	5	12	58	59

query SSSS
SELECT date_trunc('YEAR', '2015-03-05T09:32:05.359'), date_trunc('MM', '2015-03-05T09:32:05.359'), date_trunc('DD', '2015-03-05T09:32:05.359'), date_trunc('HOUR', '2015-03-05T09:32:05.359')
----
2015-01-01 00:00:00	2015-03-01 00:00:00	2015-03-05 00:00:00	2015-03-05 09:00:00

query SS
SELECT date_trunc('MILLISECOND', '2015-03-05T09:32:05.123456'), date_trunc('WEEK', TIMESTAMP '2019-08-04 10:00:00')
----
2015-03-05 09:32:05.123	2019-07-29 00:00:00

query AAAA
SELECT trunc('2019-08-04', 'week'), trunc('2019-08-04', 'quarter'), trunc('2009-02-12', 'MM'), trunc('2015-10-27', 'YEAR')
----
2019-07-29	2019-07-01	2009-02-01	2015-01-01

query A
SELECT trunc(DATE '2015-10-27', 'DD')
----
NULL

query AASS
SELECT to_date('2009-07-30 04:17:52'), to_date('2016-12-31', 'yyyy-MM-dd'), to_timestamp('2016-12-31 00:12:00'), to_timestamp('2016-12-31', 'yyyy-MM-dd')
----
2009-07-30	2016-12-31	2016-12-31 00:12:00	2016-12-31 00:00:00

query TTT
SELECT date_format('2016-04-08', 'y'), date_format(TIMESTAMP '2025-06-15 08:05:09', 'dd.MM.yy HH:mm:ss'), date_format(DATE '2025-06-15', 'EEE MMM d')
----
2016	15.06.25 08:05:09	Sun Jun 15

query IITT
SELECT unix_timestamp('2016-04-08', 'yyyy-MM-dd'), unix_timestamp('1970-01-01 00:01:40'), from_unixtime(0, 'yyyy-MM-dd HH:mm:ss'), from_unixtime(1460073600, 'yyyy-MM-dd')
----
1460073600	100	1970-01-01 00:00:00	2016-04-08

query AAA
SELECT make_date(2013, 7, 15), make_date(2019, 7, NULL), make_date(2024, 2, 29)
----
2013-07-15	NULL	2024-02-29

statement error DATETIME_FIELD_OUT_OF_BOUNDS
SELECT make_date(2019, 13, 1)

# Interval literals: the forms of the issue and their types.
query XXXX
SELECT INTERVAL '1' DAY, INTERVAL 12 HOURS, INTERVAL '1-2' YEAR TO MONTH, INTERVAL 3 MONTHS
----
INTERVAL '1' DAY	INTERVAL '12' HOUR	INTERVAL '1-2' YEAR TO MONTH	INTERVAL '3' MONTH

query SSA
SELECT TIMESTAMP '2025-06-15 12:00:00' - INTERVAL '1' DAY, TIMESTAMP '2025-06-15 12:00:00' + INTERVAL 90 MINUTES, DATE '2024-02-29' + INTERVAL '1' YEAR
----
2025-06-14 12:00:00	2025-06-15 13:30:00	2025-02-28

query S
SELECT current_timestamp() - INTERVAL '1 12:00:00' DAY TO SECOND
----
2025-06-14 00:34:56.789

# ---- math ----

query IIDDII
SELECT abs(-1), round(25, -1), round(2.5, 0), bround(2.5, 0), bround(25, -1), bround(35, -1)
----
1	30	3	2	20	40

query DRRD
SELECT bround(-2.5), round(2.675D, 2), bround(0.125D, 2), round(-2.55, 1)
----
-2	2.68	0.12	-2.6

query DIDI
SELECT floor(-0.1), floor(5), ceil(-0.1), ceil(5)
----
-1	5	0	5

query RRRD
SELECT pow(2, 3), power(-2, 3), sqrt(4), mod(2, 1.8)
----
8.0	-8.0	2.0	0.2

query RRII
SELECT sqrt(-1), pow(0, -1), greatest(10, 9, 2, 4, 3), least(10, 9, 2, 4, 3)
----
NaN	Infinity	10	2

# Extreme scales (found by fuzzing: 10^2147483648 overflowed BigInteger.Pow): far left rounds to 0, far right keeps the value.
query RRRI
SELECT round(2.5D, -2147483648), round(2.5D, 2147483647), bround(1.25D, 400), round(123, -2147483648)
----
0.0	2.5	1.25	0

query DD
SELECT round(2.5, -2147483648), round(2.5, 2147483647)
----
0	2.5

query IIT
SELECT greatest(1, NULL, 3), least(NULL, NULL, 2), greatest('b', 'a', 'c')
----
3	2	c

query II
SELECT mod(-7, 3), mod(7, -3)
----
-1	1

statement error DIVIDE_BY_ZERO
SELECT mod(7, 0)

# ---- aggregates ----

statement ok
CREATE TABLE m (g STRING, v INT, d DOUBLE) USING DELTA

statement ok
INSERT INTO m VALUES ('a', 1, 1.0), ('a', 2, 2.0), ('a', 3, 3.0), ('b', 5, NULL), ('b', 5, 4.0), ('b', NULL, NULL)

query TIIIIRII duckdb
SELECT g, count(*), count(v), count(DISTINCT v), sum(v), avg(v), min(v), max(v) FROM m GROUP BY g ORDER BY g
----
a	3	3	3	6	2.0	1	3
b	3	2	1	10	5.0	5	5

query TIRRRR
SELECT g, approx_count_distinct(v), stddev(d), variance(d), stddev_pop(d), var_pop(d) FROM m GROUP BY g ORDER BY g
----
a	3	1.0	1.0	0.816496580927726	0.6666666666666666
b	1	NULL	NULL	0.0	0.0

query TXXI
SELECT g, sort_array(collect_list(v)), sort_array(collect_set(v)), size(collect_list(d)) FROM m GROUP BY g ORDER BY g
----
a	[1, 2, 3]	[1, 2, 3]	3
b	[5, 5]	[5]	1

query IIRR
SELECT first(v), last(v), first(d, true), last(d, true) FROM (SELECT * FROM m WHERE g = 'b' ORDER BY d NULLS FIRST LIMIT 3)
----
5	5	4.0	4.0

query TI
SELECT g, any_value(v) FROM m WHERE v IS NOT NULL AND g = 'b' GROUP BY g
----
b	5

query IRR
SELECT approx_count_distinct(g), stddev_samp(v), var_samp(v) FROM m
----
2	1.7888543819998317	3.2

query IIR
SELECT count(*), sum(v), avg(v) FROM m WHERE v > 100
----
0	NULL	NULL

# ---- struct / array / map ----

query XXXX
SELECT struct(1, 'a'), named_struct('x', 1, 'y', 'b'), array(1, 2, 3), map('k1', 1, 'k2', 2)
----
{1, a}	{1, b}	[1, 2, 3]	{k1 -> 1, k2 -> 2}

query ITIIIIB
SELECT named_struct('x', 1, 'y', 'b').x, named_struct('x', 1, 'y', 'b').y, array(10, 20, 30)[0], element_at(array(10, 20, 30), -1), map('k1', 1, 'k2', 2)['k2'], size(array(1, 2)), array_contains(array(1, 2), 2)
----
1	b	10	30	2	2	true

# size(NULL) is NULL under ANSI mode (spark.sql.legacy.sizeOfNull applies only without it).
query IIXX
SELECT map('k1', 1)['missing'], size(NULL), sort_array(map_keys(map('b', 1, 'a', 2))), sort_array(map_values(map('b', 1, 'a', 2)))
----
NULL	NULL	[a, b]	[1, 2]

statement error INVALID_ARRAY_INDEX_IN_ELEMENT_AT
SELECT element_at(array(1, 2), 5)

query TT
SELECT typeof(array()), typeof(map())
----
array<void>	map<void,void>

# array() and map() are empty collections of void, which widen to any element type (Spark 3+).
query IX
SELECT size(a), a FROM (SELECT array() AS a UNION ALL SELECT array(named_struct('x', 1.5D)))
----
0	[]
1	[{1.5}]

# ---- conditional ----

query IIIIT
SELECT coalesce(NULL, 2, 3), nvl(NULL, 5), nullif(1, 1), nullif(1, 2), if(1 < 2, 'yes', 'no')
----
2	5	NULL	1	yes

# coalesce evaluates an argument only where every earlier one is NULL (Spark's Coalesce is lazy).
# (`/` is double division, so both results are doubles.)
query RR
SELECT coalesce(1, 1 / 0), coalesce(v, 10 / (v - v)) FROM m WHERE v = 1
----
1.0	1.0

query I
SELECT coalesce(coalesce(coalesce(coalesce(coalesce(coalesce(coalesce(coalesce(NULL, NULL), NULL), NULL), NULL), NULL), NULL), NULL), 7)
----
7

query TI rowsort
SELECT g, coalesce(CASE WHEN v > 2 THEN NULL ELSE v END, CAST(d AS INT), -1) FROM m
----
a	1
a	2
a	3
b	-1
b	-1
b	4

query BBBB
SELECT NULL IS NOT DISTINCT FROM NULL, 1 IS NOT DISTINCT FROM NULL, 1 IS DISTINCT FROM 1, NULL <=> NULL
----
true	false	false	true

# Found by fuzzing: date-time arithmetic past the timestamp range is Spark's ARITHMETIC_OVERFLOW, not a crash.
statement error ARITHMETIC_OVERFLOW
SELECT TIMESTAMP '+294247-01-10 04:00:54.775807' + INTERVAL '1 02:03:04' DAY TO SECOND

statement error ARITHMETIC_OVERFLOW
SELECT (TIMESTAMP '0001-01-01 00:00:00' - INTERVAL 100000000 DAYS) - INTERVAL 100000000 DAYS
