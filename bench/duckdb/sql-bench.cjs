// DuckDB side of the SQL benchmark (issue 4, docs/benchmarks.md). Driven by bench/DeltaSharp.Benchmarks
// (mode `sql`), which passes one JSON argument and reads one JSON object from stdout. DuckDB reads the SAME
// Parquet data files as DeltaSharp: the data files of the Delta tables' latest versions, through read_parquet of
// the file list (no Delta log, so no deletion vectors: the benchmark tables have none).
//
// Input:  { "claims": ["<file>"…], "members": ["<file>"…], "runs": 5, "threads": [1, 2],
//           "queries": [{ "name": "count", "sql": "SELECT …", "check": "SELECT … FROM r" }…] }
// Output: { "version": "v1.x", "results": { "<name>@<threads>": { "times": [t…], "check": [["…"…]…] } } }
// Each query is timed as CREATE OR REPLACE TEMP TABLE r AS <sql> (the result materialised, as DeltaSharp's
// QueryResult is); its check query then reads r (values cast to VARCHAR, rows sorted by the caller).
// Each t is { wall, cpu } in ms (cpu = this process's user+system time over every thread). One untimed
// warm-up run precedes the timed runs.
//
// Run with NODE_PATH pointing at tests/tools/duckdb/node_modules (CommonJS so that NODE_PATH applies).
'use strict';

const { DuckDBInstance } = require('@duckdb/node-api');

function quote(path) {
  return `'${path.replaceAll("'", "''")}'`;
}

async function timed(connection, sql, before) {
  if (before) await before();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await connection.run(sql);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

async function repeat(runs, once) {
  await once(); // warm-up, not reported
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return times;
}

async function rows(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((r) => r.map((v) => (v === null || v === undefined ? 'NULL' : String(v))));
}

async function main() {
  const config = JSON.parse(process.argv[2]);
  const runs = config.runs ?? 5;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const version = (await rows(connection, 'SELECT version()'))[0][0];
  const list = (files) => `[${files.map(quote).join(', ')}]`;
  await connection.run(`CREATE VIEW claims AS SELECT * FROM read_parquet(${list(config.claims)})`);
  await connection.run(`CREATE VIEW members AS SELECT * FROM read_parquet(${list(config.members)})`);
  const results = {};
  const drop = async () => connection.run('DROP TABLE IF EXISTS r');
  for (const threads of config.threads) {
    await connection.run(`SET threads=${threads}`);
    for (const q of config.queries) {
      const times = await repeat(runs, () => timed(connection, `CREATE OR REPLACE TEMP TABLE r AS ${q.sql}`, drop));
      const check = await rows(connection, q.check);
      results[`${q.name}@${threads}`] = { times, check };
      process.stderr.write(`[duckdb] ${q.name} threads=${threads}: ${times.map((t) => t.cpu.toFixed(0)).join(' ')} ms CPU\n`);
    }
  }
  await drop();
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(JSON.stringify({ version, results }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`duckdb sql bench failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
