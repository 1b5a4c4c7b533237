# Arrays, maps and structs: constructors, access (arr[i] is 0-based, map[k] is NULL for a missing key), and
# functions.

query XIIB
SELECT array(1, 2, 3), array(1, 2, 3)[0], size(array(1, 2)), array_contains(array(1, 2), 2)
----
[1, 2, 3]	1	2	true

query II
SELECT map('a', 1, 'b', 2)['b'], map('a', 1)['z']
----
2	NULL

query TIX
SELECT struct(1 AS x, 'y' AS z).z, named_struct('p', 1, 'q', 2).q, struct(1, 'a')
----
y	2	{1, a}

query IXX
SELECT element_at(array(1, 2, 3), -1), sort_array(array(3, 1, 2)), array_distinct(array(1, 1, 2))
----
3	[1, 2, 3]	[1, 2]

statement ok
CREATE TABLE docs (id INT, tags ARRAY<STRING>, props MAP<STRING, INT>, addr STRUCT<city: STRING, zip: INT>) USING DELTA

statement ok
INSERT INTO docs VALUES (1, array('a', 'b'), map('k', 1), named_struct('city', 'Oslo', 'zip', 150)), (2, array(), map(), NULL)

# ANSI: a subscript past the end of an array is an error; get() gives NULL instead
query ITIT
SELECT id, get(tags, 1), props['k'], addr.city FROM docs ORDER BY id
----
1	b	1	Oslo
2	NULL	NULL	NULL

query IX
SELECT id, addr FROM docs ORDER BY id
----
1	{Oslo, 150}
2	NULL

query X
SELECT collect_list(id) FROM docs
----
[1, 2]

statement error INVALID_ARRAY_INDEX
SELECT tags[1] FROM docs

query TII
SELECT addr.*, size(tags) FROM docs WHERE id = 1
----
Oslo	150	2

statement error FIELD_NOT_FOUND
SELECT addr.street FROM docs
