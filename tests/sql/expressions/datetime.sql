# Date and time functions and interval arithmetic. current_timestamp() is 2025-06-15 12:34:56.789 UTC
# for every statement (README); the session time zone is UTC.

query AS
SELECT current_date(), current_timestamp()
----
2025-06-15	2025-06-15 12:34:56.789

query S
SELECT now()
----
2025-06-15 12:34:56.789

query AAI
SELECT date_add(DATE '2025-01-31', 1), date_sub(DATE '2025-03-01', 1), datediff(DATE '2025-03-01', DATE '2025-02-01')
----
2025-02-01	2025-02-28	28

query A
SELECT add_months(DATE '2025-01-31', 1)
----
2025-02-28

query IIII
SELECT year(DATE '2024-02-29'), month(DATE '2024-02-29'), day(DATE '2024-02-29'), dayofweek(DATE '2025-06-15')
----
2024	2	29	1

query IIII
SELECT hour(TIMESTAMP '2025-06-15 12:34:56'), minute(TIMESTAMP '2025-06-15 12:34:56'), second(TIMESTAMP '2025-06-15 12:34:56'), EXTRACT(YEAR FROM DATE '2025-06-15')
----
12	34	56	2025

query SA
SELECT date_trunc('MONTH', TIMESTAMP '2025-06-15 12:34:56'), trunc(DATE '2025-06-15', 'YEAR')
----
2025-06-01 00:00:00	2025-01-01

query AT
SELECT to_date('2025/06/15', 'yyyy/MM/dd'), date_format(TIMESTAMP '2025-06-15 12:34:56', 'yyyy-MM-dd HH:mm')
----
2025-06-15	2025-06-15 12:34

query IT
SELECT unix_timestamp(TIMESTAMP '2025-01-01 00:00:00'), from_unixtime(0)
----
1735689600	1970-01-01 00:00:00

query A
SELECT make_date(2024, 2, 29)
----
2024-02-29

query R
SELECT months_between(DATE '2025-03-31', DATE '2025-02-28')
----
1.0

# Interval arithmetic (ANSI intervals)
query S
SELECT TIMESTAMP '2025-01-01 00:00:00' - INTERVAL 12 HOURS
----
2024-12-31 12:00:00

query S
SELECT current_timestamp() - interval 12 hours
----
2025-06-15 00:34:56.789

query A
SELECT DATE '2025-01-31' + INTERVAL 1 MONTH
----
2025-02-28

query A
SELECT DATE '2025-01-01' + INTERVAL '2' DAY
----
2025-01-03

query A
SELECT DATE '2025-01-01' + 1
----
2025-01-02

query X
SELECT DATE '2025-03-01' - DATE '2025-02-01'
----
INTERVAL '28' DAY

query S
SELECT TIMESTAMP '2025-01-01 10:00:00' + INTERVAL '1 02:03:04' DAY TO SECOND
----
2025-01-02 12:03:04

query A
SELECT date_sub(current_date(), 7)
----
2025-06-08
