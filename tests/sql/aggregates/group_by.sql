# Aggregates, GROUP BY, HAVING. Expected values computed by hand; queries marked duckdb are replayed in DuckDB.

statement ok
CREATE TABLE sales (region STRING, product STRING, qty INT, price DECIMAL(10,2), discount DOUBLE) USING DELTA

statement ok
INSERT INTO sales VALUES ('north', 'apple', 10, 1.50, 0.1), ('north', 'pear', 5, 2.00, NULL), ('south', 'apple', 7, 1.50, 0.0), ('south', 'apple', NULL, 1.75, 0.2), ('east', 'plum', 3, NULL, NULL), (NULL, 'pear', 2, 2.00, 0.5)

query IIIIII duckdb
SELECT count(*), count(qty), count(DISTINCT product), sum(qty), min(qty), max(qty) FROM sales
----
6	5	3	27	2	10

query TII duckdb
SELECT region, count(*) AS n, sum(qty) AS q FROM sales GROUP BY region ORDER BY region NULLS FIRST
----
NULL	1	2
east	1	3
north	2	15
south	2	7

# sum(decimal(10,2)) is decimal(20,2); avg(decimal(10,2)) is decimal(14,6)
query D duckdb
SELECT sum(price) FROM sales
----
8.75

query D
SELECT avg(price) FROM sales
----
1.750000

query R duckdb
SELECT avg(qty) FROM sales
----
5.4

query TI duckdb
SELECT product, sum(qty) FROM sales GROUP BY product HAVING sum(qty) > 5 ORDER BY product
----
apple	17
pear	7

query TD duckdb
SELECT region, max(price) FROM sales WHERE qty IS NOT NULL GROUP BY 1 ORDER BY 1 NULLS FIRST
----
NULL	2.00
east	NULL
north	2.00
south	1.50

# A global aggregate has one row even without input; count is 0, the others NULL
query IIT duckdb
SELECT count(*), sum(qty), max(product) FROM sales WHERE qty > 100
----
0	NULL	NULL

# Grouping an empty input gives no rows
query TI duckdb
SELECT region, count(*) FROM sales WHERE qty > 100 GROUP BY region
----

query TX
SELECT product, collect_list(qty) FROM sales GROUP BY product ORDER BY product
----
apple	[10, 7]
pear	[5, 2]
plum	[3]

query TX
SELECT product, sort_array(collect_set(qty)) FROM sales GROUP BY product ORDER BY product
----
apple	[7, 10]
pear	[2, 5]
plum	[3]

# max_by / min_by: the value at the largest / smallest ordering value (NULL orderings skipped)
query TTD
SELECT max_by(product, qty), min_by(product, qty), max_by(price, discount) FROM sales
----
apple	pear	2.00

query II
SELECT count(DISTINCT region), approx_count_distinct(region) FROM sales
----
3	3

query RRRR duckdb
SELECT stddev(qty), variance(qty), stddev_pop(qty), var_pop(qty) FROM sales
----
3.2093613071762426	10.3	2.870540018881465	8.24

query IIIDR
SELECT first(qty), last(qty), first(qty, true), first(price), last(discount) FROM sales
----
10	2	10	1.50	0.5

query TI duckdb
SELECT coalesce(region, 'zzz') AS r, count(*) FROM sales GROUP BY r ORDER BY r
----
east	1
north	2
south	2
zzz	1

query TI duckdb
SELECT region, sum(qty) * 2 + count(*) FROM sales GROUP BY region ORDER BY region NULLS LAST
----
east	7
north	32
south	16
NULL	5

query II duckdb
SELECT count(*) FILTER (WHERE qty > 4), sum(qty) FILTER (WHERE region = 'north') FROM sales
----
3	15

query TTI duckdb
SELECT region, product, count(*) FROM sales GROUP BY ALL ORDER BY region NULLS FIRST, product
----
NULL	pear	1
east	plum	1
north	apple	1
north	pear	1
south	apple	2

query TT duckdb
SELECT min(product), max(product) FROM sales
----
apple	plum

query R duckdb
SELECT sum(discount) FROM sales
----
0.8

# Aggregates of an ordered select list may be used in ORDER BY without appearing in the output
query T duckdb
SELECT product FROM sales GROUP BY product ORDER BY count(*) DESC, product
----
apple
pear
plum

statement error MISSING_AGGREGATION at 1:15
SELECT region, qty FROM sales GROUP BY region
----
The non-aggregating expression "qty" is based on columns which are not participating in the GROUP BY clause.

statement error INVALID_WHERE_CONDITION at 1:26
SELECT * FROM sales WHERE sum(qty) > 1

statement error NESTED_AGGREGATE_FUNCTION at 1:11
SELECT sum(max(qty)) FROM sales

statement error GROUP_BY_POS_OUT_OF_RANGE at 1:34
SELECT region FROM sales GROUP BY 2

statement error GROUP_BY_AGGREGATE at 1:36
SELECT count(*) FROM sales GROUP BY sum(qty)

statement error DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE at 1:11
SELECT sum(region = 'x') FROM sales

statement error UNRESOLVED_ROUTINE at 1:7
SELECT no_such_fn(qty) FROM sales
