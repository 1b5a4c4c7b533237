// DuckDB side of the Parquet benchmark (docs/benchmarks.md). Driven by bench/DeltaSharp.Benchmarks, which
// passes one JSON argument and reads one JSON object from stdout. DuckDB runs on one thread (SET threads=1)
// so that it compares with DeltaSharp's single-threaded reader and writer.
//
// Input:  { "source": "<our parquet file>", "duckOut": "<file DuckDB writes>", "runs": 5,
//           "twoColumns": ["adjudication_status", "claim_amount"], "write": true }
// Output: { "version": "v1.x", "rows": n, "write": [t…], "scans": { "<file>": { "full": [t…], "two": [t…] } },
//           "checks": { "<file>": { "rows": n, "amountSum": "…", "statusCount": n } } }
// Each t is { wall, cpu } in ms (cpu = this process's user+system time, the steadier measure on a shared
// machine). Each list holds the timed runs only; one untimed warm-up run precedes them.
//
// Run with NODE_PATH pointing at tests/tools/duckdb/node_modules (CommonJS so that NODE_PATH applies).
'use strict';

const fs = require('node:fs');
const { DuckDBInstance } = require('@duckdb/node-api');
const { quote, timed, repeat } = require('./timing.cjs');

function ident(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

async function scalar(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0][0];
}

async function main() {
  const config = JSON.parse(process.argv[2]);
  const runs = config.runs ?? 5;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('SET threads=1');
  const result = { version: String(await scalar(connection, 'SELECT version()')), scans: {}, checks: {} };

  // Load our file into a table first (not timed), so that DuckDB's COPY writes the same rows.
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_parquet(${quote(config.source)})`);
  result.rows = Number(await scalar(connection, 'SELECT count(*) FROM t'));

  if (config.write !== false) {
    const copy = `COPY t TO ${quote(config.duckOut)} (FORMAT parquet, COMPRESSION zstd)`;
    result.write = await repeat(runs, () => timed(connection, copy, async () => fs.rmSync(config.duckOut, { force: true })));
  }
  await connection.run('DROP TABLE t');

  const files = [config.source];
  if (fs.existsSync(config.duckOut)) files.push(config.duckOut);
  const two = config.twoColumns.map(ident).join(', ');
  for (const file of files) {
    const drop = async () => connection.run('DROP TABLE IF EXISTS x');
    const full = `CREATE OR REPLACE TEMP TABLE x AS SELECT * FROM read_parquet(${quote(file)})`;
    const proj = `CREATE OR REPLACE TEMP TABLE x AS SELECT ${two} FROM read_parquet(${quote(file)})`;
    const scans = {};
    scans.full = await repeat(runs, () => timed(connection, full, drop));
    // Independent checks that both engines read the same values (compared by the C# side).
    result.checks[file] = {
      rows: Number(await scalar(connection, 'SELECT count(*) FROM x')),
      amountSum: String(await scalar(connection, 'SELECT CAST(sum(CAST(claim_amount * 100 AS BIGINT)) AS VARCHAR) FROM x')),
      statusCount: Number(await scalar(connection, "SELECT count(*) FROM x WHERE adjudication_status = 'PAID'")),
    };
    scans.two = await repeat(runs, () => timed(connection, proj, drop));
    await drop();
    result.scans[file] = scans;
  }
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  process.stderr.write(`duckdb bench failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
