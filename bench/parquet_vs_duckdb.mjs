// DuckDB's side of parquet_vs_duckdb.sh: loads INPUT.parquet (the rows binlake generated) into an
// in-memory table (untimed), then writes it with ZSTD on one thread and prints the CPU seconds
// (user + sys of this process, process.cpuUsage) of that COPY alone:
//   duckdb rows=<n> cpu_s=<seconds> bytes=<file size>
// Uses @duckdb/node-api from tests/interop/node_modules (npm ci there first).
//   node parquet_vs_duckdb.mjs INPUT.parquet OUT.parquet
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/interop/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');

const [input, output] = process.argv.slice(2);
const con = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
await con.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${input}')`);
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
const before = process.cpuUsage();
await con.run(`COPY t TO '${output}' (FORMAT parquet, COMPRESSION zstd)`);
const used = process.cpuUsage(before);
const seconds = (used.user + used.system) / 1e6;
console.log(`duckdb rows=${rows} cpu_s=${seconds.toFixed(3)} bytes=${statSync(output).size}`);
