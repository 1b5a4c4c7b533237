// DuckDB side of the Delta log benchmark (docs/benchmarks.md, issue 3): compute a table's active file set from its
// JSON commit files with read_ndjson, the way a JSON-only log replay does (last action per path wins).
// Driven by bench/DeltaSharp.Benchmarks, which passes one JSON argument and reads one JSON object from stdout.
//
// Input:  { "log": "<table>/_delta_log", "threads": [1, 2], "runs": 5 }
// Output: { "version": "v1.x", "results": { "1": { "times": [{wall, cpu}…], "activeFiles": n, "pathHash": "…" }, … } }
// Run with NODE_PATH pointing at tests/tools/duckdb/node_modules.
'use strict';

const { DuckDBInstance } = require('@duckdb/node-api');
const { quote, timed, repeat } = require('./timing.cjs');

async function main() {
  const config = JSON.parse(process.argv[2]);
  const runs = config.runs ?? 5;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
  // The add/remove shape of PROTOCOL.md; every add field is parsed (stats as a string), as a log replay must.
  const columns = `{
    'add': 'STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR)',
    'remove': 'STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN)'
  }`;
  const sql = `
    CREATE OR REPLACE TEMP TABLE active AS
    WITH actions AS (
      SELECT CAST(regexp_extract(filename, '([0-9]{20})\\.json$', 1) AS BIGINT) AS version, "add", "remove"
      FROM read_ndjson(${quote(config.log + '/*.json')}, filename = true, columns = ${columns})
    ), events AS (
      SELECT version, "add".path AS path, true AS live, "add".size AS size, "add".stats AS stats FROM actions WHERE "add" IS NOT NULL
      UNION ALL
      SELECT version, "remove".path, false, NULL, NULL FROM actions WHERE "remove" IS NOT NULL
    )
    SELECT path, arg_max(size, version) AS size, arg_max(stats, version) AS stats
    FROM events GROUP BY path HAVING arg_max(live, version)`;
  const results = {};
  for (const threads of config.threads ?? [1]) {
    await connection.run(`SET threads=${threads}`);
    const times = await repeat(runs, () => timed(connection, sql));
    const check = (await connection.runAndReadAll('SELECT count(*), CAST(sum(hash(path)) AS VARCHAR) FROM active')).getRows()[0];
    results[String(threads)] = { times, activeFiles: Number(check[0]), pathHashSum: String(check[1]) };
  }
  process.stdout.write(JSON.stringify({ version: String(version), results }));
}

main().catch((e) => {
  process.stderr.write(String(e.stack ?? e) + '\n');
  process.exit(1);
});
