// Helpers shared by the DuckDB sides of the benchmarks (parquet-bench.cjs, sql-bench.cjs, delta-log-bench.cjs):
// SQL string quoting and the timing of one statement. Each time is { wall, cpu } in ms (cpu = this process's
// user+system time over every thread, the steadier measure on a shared machine).
'use strict';

/** A SQL string literal of `path`. */
function quote(path) {
  return `'${path.replaceAll("'", "''")}'`;
}

/** Runs `sql` once (after the untimed `before`, if given) and returns its { wall, cpu } time. */
async function timed(connection, sql, before) {
  if (before) await before();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await connection.run(sql);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** One untimed warm-up call of `once`, then `runs` timed calls; returns their times. */
async function repeat(runs, once) {
  await once(); // warm-up, not reported
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return times;
}

module.exports = { quote, timed, repeat };
