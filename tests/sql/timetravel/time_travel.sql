# Time travel. Commit times come from the runner's clock (README): every commit moves one hour from
# 2025-01-01 00:00:00 UTC. current_timestamp() is 2025-06-15 12:34:56.789 UTC.
#   v0 CREATE  at 00:00   (no rows)
#   v1 INSERT  at 01:00   ids 1, 2
#   v2 INSERT  at 02:00   ids 1, 2, 3
#   v3 OVERWRITE at 03:00 ids 10

statement ok
CREATE TABLE events (id INT, userId STRING) USING DELTA

statement ok
INSERT INTO events VALUES (1, 'u1'), (2, 'u2')

statement ok
INSERT INTO events VALUES (3, 'u1')

statement ok
INSERT OVERWRITE events VALUES (10, 'u9')

query I
SELECT id FROM events ORDER BY id
----
10

query I
SELECT id FROM events VERSION AS OF 1 ORDER BY id
----
1
2

query I
SELECT count(*) FROM events VERSION AS OF 0
----
0

query I
SELECT id FROM events@v2 ORDER BY id
----
1
2
3

query I
SELECT id FROM events TIMESTAMP AS OF '2025-01-01 01:30:00' ORDER BY id
----
1
2

query I
SELECT count(*) FROM events TIMESTAMP AS OF '2025-01-01T01:59:59Z'
----
2

# Exactly at a commit's time reads that commit
query I
SELECT count(*) FROM events TIMESTAMP AS OF cast('2025-01-01 02:00:00' AS timestamp)
----
3

# t@yyyyMMddHHmmssSSS
query I
SELECT count(*) FROM events@20250101023000000
----
3

# A date string is midnight of that date: version 0
query I
SELECT count(*) FROM events TIMESTAMP AS OF '2025-01-01'
----
0

# Constant-foldable expressions: date_sub(current_date(), 165) is 2025-01-01 (version 0);
# current_timestamp() - INTERVAL 165 DAYS 10 HOURS is 2025-01-01 02:34:56.789 (version 2)
query I
SELECT count(*) FROM events TIMESTAMP AS OF date_sub(current_date(), 165)
----
0

query I
SELECT id FROM events TIMESTAMP AS OF current_timestamp() - INTERVAL 165 DAYS 10 HOURS ORDER BY id
----
1
2
3

query I
SELECT count(*) FROM events TIMESTAMP AS OF current_timestamp() - interval 3970 hours
----
3

# 165 days back is 12:34 on 2025-01-01, after the last commit (03:00): Delta refuses
statement error DELTA_TIMESTAMP_GREATER_THAN_COMMIT
SELECT count(*) FROM events TIMESTAMP AS OF current_timestamp() - INTERVAL 165 DAYS

# Several versions of one table in one query
query I
SELECT (SELECT count(DISTINCT userId) FROM events VERSION AS OF 2) - (SELECT count(DISTINCT userId) FROM events TIMESTAMP AS OF '2025-01-01 01:00:00')
----
0

query IT
SELECT a.id, b.userId FROM events VERSION AS OF 2 a LEFT JOIN events b ON a.id = b.id ORDER BY a.id
----
1	NULL
2	NULL
3	NULL

query I
WITH old AS (SELECT * FROM events VERSION AS OF 1) SELECT max(id) FROM old
----
2

query I
SELECT id FROM events VERSION AS OF 1 e WHERE e.id > 1
----
2

statement error INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.UNEVALUABLE at 1:37
SELECT * FROM events TIMESTAMP AS OF (SELECT '2025-01-01')

statement error INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT at 1:37
SELECT * FROM events TIMESTAMP AS OF 'yesterday'

statement error INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT
SELECT * FROM events TIMESTAMP AS OF 42

statement error UNRESOLVED_COLUMN.WITHOUT_SUGGESTION
SELECT * FROM events TIMESTAMP AS OF id

statement error DELTA_VERSION_NOT_FOUND
SELECT * FROM events VERSION AS OF 9

statement error DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION
SELECT * FROM events TIMESTAMP AS OF '2024-12-31 23:00:00'

statement error DELTA_TIMESTAMP_GREATER_THAN_COMMIT
SELECT * FROM events TIMESTAMP AS OF date_sub(current_date(), 1)
