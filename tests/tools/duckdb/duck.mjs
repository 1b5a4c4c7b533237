#!/usr/bin/env node
// DuckDB as DeltaSharp's independent Parquet engine, for interop tests and benchmarks.
//
//   node duck.mjs exec "<sql>" ["<sql>" ...]        run statements (COPY ... TO 'f.parquet' (FORMAT parquet, ...))
//   node duck.mjs rows <file.parquet> [--columns a,b] [--out rows.jsonl]
//                                                   the file's rows in FILE ORDER, one JSON object per line
//   node duck.mjs query "<sql>" [--out rows.jsonl]  rows of any query, same value conventions
//   node duck.mjs describe <file.parquet>           column names, DuckDB types and the Parquet schema as JSON
//   node duck.mjs script <script.json>              several of the above in one DuckDB instance:
//                                                   [{"cmd":"exec","sql":["..."]},
//                                                    {"cmd":"rows","file":"f","columns":["a"],"out":"o.jsonl"},
//                                                    {"cmd":"query","sql":"...","out":"o.jsonl"},
//                                                    {"cmd":"describe","file":"f","out":"o.json"}]
//                                                   a step with "onError":"record" writes a failure to <out>.error
//                                                   and the script goes on
//
// Values follow "JSON value conventions" of shared/conformance/README.md (the corpus' expected rows), so the
// output can be compared with DeltaSharp's DeltaSharp.Values.JsonValueWriter: exact integers, shortest
// round-trip floats (FLOAT: shortest that round-trips through a 32-bit float), "NaN"/"Infinity"/"-Infinity",
// -0.0, decimals as strings with exactly `scale` fraction digits, TIMESTAMP WITH TIME ZONE as
// yyyy-MM-ddTHH:mm:ss.ffffffZ, TIMESTAMP (no zone) without the Z, DATE yyyy-MM-dd, BLOB as Base64, STRUCT as
// object (fields in type order), LIST/ARRAY as array, MAP as [{"key":k,"value":v}] sorted by the JSON text of
// the key, UUID as lower-case canonical text. DuckDB-only types are printed as DuckDB has them (unsigned
// integers and HUGEINT as integers, ENUM and JSON as strings); mapping them to Spark types is the test's job.
// Errors go to stderr with exit code 1.

import { writeFileSync, readFileSync } from 'node:fs';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';

// ---------------------------------------------------------------------------------------------------------
// Value -> JSON text. Written by hand (not JSON.stringify of objects) because integers must keep every digit
// (BigInt) and floats need their own shortest form.

const MICROS_PER_DAY = 86_400_000_000n;

function pad(n, width) {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

// Proleptic Gregorian civil date from days since 1970-01-01 (the well-known era/day-of-era decomposition:
// 400-year eras of 146097 days, years starting on March 1st so the leap day is last).
function civilFromDays(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

function formatYear(y) {
  // Years outside 0000..9999 cannot be written as yyyy; keep them readable and obviously different.
  if (y < 0) return '-' + pad(-y, 4);
  return y > 9999 ? '+' + String(y) : pad(y, 4);
}

function formatDate(days) {
  const { y, m, d } = civilFromDays(days);
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function floorDiv(a, b) {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function formatMicros(micros, utc) {
  const days = floorDiv(micros, MICROS_PER_DAY);
  let rem = micros - days * MICROS_PER_DAY;
  const us = rem % 1_000_000n; rem /= 1_000_000n;
  const sec = rem % 60n; rem /= 60n;
  const min = rem % 60n; rem /= 60n;
  return `${formatDate(Number(days))}T${pad(rem, 2)}:${pad(min, 2)}:${pad(sec, 2)}.${pad(us, 6)}${utc ? 'Z' : ''}`;
}

function formatDecimal(unscaled, scale) {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  }
  return (neg ? '-' : '') + digits;
}

function formatDouble(v) {
  if (Number.isNaN(v)) return '"NaN"';
  if (v === Infinity) return '"Infinity"';
  if (v === -Infinity) return '"-Infinity"';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0';
  return String(v); // ECMAScript Number::toString is the shortest round-trip form
}

// The shortest decimal that round-trips through a 32-bit float: the first precision p whose correctly rounded
// p-digit decimal maps back to the same float. Re-printing that decimal as a JS number keeps exactly its digits.
function formatFloat(v) {
  if (!Number.isFinite(v) || v === 0) return formatDouble(v);
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(f);
}

function formatUuid(uint128) {
  const hex = pad(uint128.toString(16), 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const fail = (msg) => { throw new Error(msg); };

/** JSON text of one DuckDB value of type `type`. */
function toJson(value, type) {
  if (value === null || value === undefined) return 'null';
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return value ? 'true' : 'false';
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT: case DuckDBTypeId.USMALLINT: case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.UBIGINT: case DuckDBTypeId.HUGEINT: case DuckDBTypeId.UHUGEINT:
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      return fail(`integer value ${String(value)} of type ${type} is not exact`);
    case DuckDBTypeId.FLOAT:
      return formatFloat(value);
    case DuckDBTypeId.DOUBLE:
      return formatDouble(value);
    case DuckDBTypeId.DECIMAL:
      return JSON.stringify(formatDecimal(value.value, type.scale));
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return JSON.stringify(String(value));
    case DuckDBTypeId.BLOB:
      return JSON.stringify(Buffer.from(value.bytes).toString('base64'));
    case DuckDBTypeId.UUID:
      return JSON.stringify(formatUuid(value.toUint128()));
    case DuckDBTypeId.DATE:
      if (!Number.isFinite(value.days)) return fail(`infinite DATE is not representable`);
      return JSON.stringify(formatDate(value.days));
    case DuckDBTypeId.TIMESTAMP:
      return JSON.stringify(formatMicros(value.micros, false));
    case DuckDBTypeId.TIMESTAMP_TZ:
      return JSON.stringify(formatMicros(value.micros, true));
    case DuckDBTypeId.TIMESTAMP_MS:
      return JSON.stringify(formatMicros(value.milliseconds * 1000n, false));
    case DuckDBTypeId.TIMESTAMP_S:
      return JSON.stringify(formatMicros(value.seconds * 1_000_000n, false));
    case DuckDBTypeId.TIMESTAMP_NS:
      // Microsecond precision, rounded towards negative infinity (the floor keeps pre-1970 values on the
      // same second as their nanosecond value).
      return JSON.stringify(formatMicros(floorDiv(value.nanos, 1000n), false));
    case DuckDBTypeId.STRUCT: {
      const parts = [];
      for (let i = 0; i < type.entryNames.length; i++) {
        const name = type.entryNames[i];
        parts.push(JSON.stringify(name) + ':' + toJson(value.entries[name], type.entryTypes[i]));
      }
      return '{' + parts.join(',') + '}';
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return '[' + value.items.map((x) => toJson(x, type.valueType)).join(',') + ']';
    case DuckDBTypeId.MAP: {
      const entries = value.entries.map((e) => ({ k: toJson(e.key, type.keyType), v: toJson(e.value, type.valueType) }));
      // Sorted by the JSON text of the key, compared as UTF-16 code units (same order as an ordinal sort).
      entries.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
      return '[' + entries.map((e) => `{"key":${e.k},"value":${e.v}}`).join(',') + ']';
    }
    default:
      return fail(`no JSON convention for DuckDB type ${type}`);
  }
}

/** A DuckDB type as a small JSON tree (what `describe` prints). */
function typeTree(type) {
  const t = { type: type.typeId === DuckDBTypeId.STRUCT || type.typeId === DuckDBTypeId.LIST
    || type.typeId === DuckDBTypeId.MAP || type.typeId === DuckDBTypeId.ARRAY || type.typeId === DuckDBTypeId.DECIMAL
    || type.typeId === DuckDBTypeId.ENUM ? DuckDBTypeId[type.typeId] : type.toString() };
  if (type.alias) t.alias = type.alias;
  switch (type.typeId) {
    case DuckDBTypeId.DECIMAL: t.precision = type.width; t.scale = type.scale; break;
    case DuckDBTypeId.STRUCT:
      t.fields = type.entryNames.map((n, i) => ({ name: n, ...typeTree(type.entryTypes[i]) }));
      break;
    case DuckDBTypeId.LIST: t.element = typeTree(type.valueType); break;
    case DuckDBTypeId.ARRAY: t.element = typeTree(type.valueType); t.length = type.length; break;
    case DuckDBTypeId.MAP: t.key = typeTree(type.keyType); t.value = typeTree(type.valueType); break;
    default: break;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------------

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const sqlIdent = (s) => `"${String(s).replaceAll('"', '""')}"`;

async function openConnection() {
  // One thread: deterministic order of COPY output and no contention with the test process on a small machine.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  try { await con.run("SET TimeZone = 'UTC'"); } catch { /* ICU not loaded: TIMESTAMPTZ is UTC anyway */ }
  return con;
}

async function resultLines(con, sql) {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const lines = [];
  for (const row of reader.getRows()) {
    const parts = new Array(names.length);
    for (let c = 0; c < names.length; c++) parts[c] = JSON.stringify(names[c]) + ':' + toJson(row[c], types[c]);
    lines.push('{' + parts.join(',') + '}');
  }
  return lines;
}

async function fileRows(con, file, columns) {
  const list = columns && columns.length > 0 ? columns.map(sqlIdent).join(', ') : '* EXCLUDE (file_row_number)';
  // file_row_number is the row's position in the file; ORDER BY it gives file order without printing it.
  // hive_partitioning = false: only the file's own columns, never key=value folders of its path.
  return resultLines(con,
    `SELECT ${list} FROM read_parquet(${sqlString(file)}, file_row_number = true, hive_partitioning = false) ORDER BY file_row_number`);
}

// Parquet schema elements as a tree (parquet_schema() lists them depth-first with num_children).
async function parquetTree(con, file) {
  const reader = await con.runAndReadAll(
    `SELECT name, type, type_length, repetition_type, num_children, converted_type, scale, precision, field_id,
            logical_type FROM parquet_schema(${sqlString(file)})`);
  const flat = reader.getRowObjectsJson();
  let i = 0;
  const build = () => {
    const r = flat[i++];
    const node = { name: r.name, repetition: r.repetition_type };
    for (const [k, v] of [['physical', r.type], ['typeLength', r.type_length], ['converted', r.converted_type],
      ['logical', r.logical_type], ['scale', r.scale], ['precision', r.precision], ['fieldId', r.field_id]]) {
      if (v !== null && v !== undefined) node[k] = v;
    }
    const n = Number(r.num_children ?? 0);
    if (n > 0) { node.children = []; for (let c = 0; c < n; c++) node.children.push(build()); }
    return node;
  };
  return build();
}

// Attaches the Parquet node of each DuckDB type node (`parquet`: repetition, physical, logical, converted) by
// walking both trees: struct field <-> group child by name; list <-> LIST group > repeated > element (or the
// repeated node itself for two-level lists); map <-> MAP group > repeated key_value > key, value.
function annotate(tree, node) {
  if (!node) return;
  const { children, ...own } = node;
  tree.parquet = own;
  if (tree.fields && children) {
    for (const f of tree.fields) annotate(f, children.find((c) => c.name === f.name));
  } else if (tree.element && children?.length === 1) {
    const rep = children[0];
    const threeLevel = rep.children?.length === 1 && rep.name !== 'array' && rep.name !== `${node.name}_tuple`;
    annotate(tree.element, threeLevel ? rep.children[0] : rep);
  } else if (tree.key && children?.length === 1 && children[0].children?.length === 2) {
    annotate(tree.key, children[0].children[0]);
    annotate(tree.value, children[0].children[1]);
  }
}

async function describe(con, file) {
  const reader = await con.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(file)}, hive_partitioning = false) LIMIT 0`);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const root = await parquetTree(con, file);
  const columns = names.map((name, i) => {
    const tree = { name, ...typeTree(types[i]) };
    annotate(tree, root.children?.find((c) => c.name === name));
    return tree;
  });
  const meta = await con.runAndReadAll(
    `SELECT num_rows, num_row_groups, created_by FROM parquet_file_metadata(${sqlString(file)})`);
  const m = meta.getRowObjectsJson()[0];
  return { file, numRows: Number(m.num_rows), numRowGroups: Number(m.num_row_groups), createdBy: m.created_by, columns };
}

function emit(lines, out) {
  const text = lines.length === 0 ? '' : lines.join('\n') + '\n';
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

async function runStep(con, step) {
  switch (step.cmd) {
    case 'exec':
      for (const sql of [].concat(step.sql)) {
        try { await con.run(sql); } catch (e) {
          throw new Error(`${e.message}\n  in statement: ${sql.length > 600 ? sql.slice(0, 600) + '…' : sql}`);
        }
      }
      return;
    case 'rows':
      emit(await fileRows(con, step.file, step.columns), step.out);
      return;
    case 'query':
      emit(await resultLines(con, step.sql), step.out);
      return;
    case 'describe':
      emit([JSON.stringify(await describe(con, step.file))], step.out);
      return;
    default:
      throw new Error(`unknown step '${step.cmd}'`);
  }
}

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--columns' || a === '--out') {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      options[a.slice(2)] = argv[++i];
    } else {
      positional.push(a);
    }
  }
  return { positional, options };
}

const USAGE = 'usage: duck.mjs exec <sql>... | rows <file> [--columns a,b] [--out f] | query <sql> [--out f] | describe <file> | script <file.json>';

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const { positional, options } = parseArgs(rest);
  const con = await openConnection();
  switch (cmd) {
    case 'exec':
      if (positional.length === 0) throw new Error('exec needs at least one SQL statement');
      await runStep(con, { cmd, sql: positional });
      break;
    case 'rows':
      if (positional.length !== 1) throw new Error('rows needs exactly one file');
      await runStep(con, { cmd, file: positional[0], out: options.out,
        columns: options.columns ? options.columns.split(',').filter((c) => c.length > 0) : null });
      break;
    case 'query':
      if (positional.length !== 1) throw new Error('query needs exactly one SQL statement');
      await runStep(con, { cmd, sql: positional[0], out: options.out });
      break;
    case 'describe':
      if (positional.length !== 1) throw new Error('describe needs exactly one file');
      await runStep(con, { cmd, file: positional[0], out: options.out });
      break;
    case 'script': {
      if (positional.length !== 1) throw new Error('script needs exactly one JSON file');
      const steps = JSON.parse(readFileSync(positional[0], 'utf8'));
      for (let i = 0; i < steps.length; i++) {
        try { await runStep(con, steps[i]); } catch (e) {
          const message = `script step ${i} (${steps[i].cmd}${steps[i].file ? ' ' + steps[i].file : ''}): ${e.message}`;
          // "onError": "record" writes the message to <out>.error and goes on (e.g. reading files we wrote).
          if (steps[i].onError === 'record' && steps[i].out) writeFileSync(steps[i].out + '.error', message);
          else throw new Error(message);
        }
      }
      break;
    }
    default:
      throw new Error(USAGE);
  }
}

main().then(
  () => { process.exitCode = 0; },
  (e) => { process.stderr.write(`duck.mjs: ${e?.message ?? e}\n`); process.exitCode = 1; });
