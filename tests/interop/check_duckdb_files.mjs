// DuckDB writes one table with every codec, dictionary and plain encodings, and page formats v1
// and v2; `binlake parquet cat` reads each file and every value is compared with DuckDB's own
// reading of the same file.
//   node check_duckdb_files.mjs PATH_TO_binlake DIR
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { Report, duckdbCanonical, parseJsonKeepNumbers } from './common.mjs';

const [binlake, dir] = process.argv.slice(2);
const report = new Report();
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`SET TimeZone = 'UTC'`);

// Column name, DuckDB expression of row i, and the kind that says how both sides are compared.
const columns = [
  ['i', 'i::INTEGER', 'int'],
  ['ti', '((i % 256) - 128)::TINYINT', 'int'],
  ['si', 'CASE WHEN i % 9 = 0 THEN NULL ELSE ((i * 37) % 65536 - 32768)::SMALLINT END', 'int'],
  ['bi', '(i * 3074457345618258) - 4611686018427387904', 'int'],
  ['uti', '(i % 256)::UTINYINT', 'uint'],
  ['usi', '(i * 7 % 65536)::USMALLINT', 'uint'],
  ['ui', '(4294967295 - i)::UINTEGER', 'uint'],
  ['ubi', '(18446744073709551615::UBIGINT - i::UBIGINT * 1000003)', 'uint'],
  ['f', 'CASE WHEN i % 5 = 0 THEN NULL ELSE (i / 7.0)::FLOAT END', 'float'],
  ['d', '(i * 1.000001e300 - 1e303)::DOUBLE', 'double'],
  ['b', 'CASE WHEN i % 13 = 0 THEN NULL ELSE i % 3 = 0 END', 'boolean'],
  ['d4', '((i % 199) - 99.5)::DECIMAL(4,1)', 'decimal'],
  ['d9', '(i * 123.457 - 100000)::DECIMAL(9,3)', 'decimal'],
  ['d18', '(i * 1234567.891011::DECIMAL(38,6) - 999999999.5)::DECIMAL(18,6)', 'decimal'],
  ['d38', "(i * 9876543210987.6543210987::DECIMAL(38,10) - 99999999999999999999.5)::DECIMAL(38,10)", 'decimal'],
  ['dt', "DATE '1000-01-01' + (i * 1217)::INTEGER", 'date'],
  ['ts', "TIMESTAMP '1900-01-01' + to_microseconds(i * 1234567890123)", 'timestamp'],
  ['tms', "(TIMESTAMP '2000-01-01' + to_milliseconds(i * 98765))::TIMESTAMP_MS", 'timestamp_ms'],
  ['tns', "(TIMESTAMP '2000-01-01' + to_microseconds(i * 98765))::TIMESTAMP_NS", 'timestamp_ns'],
  ['tsz', "(TIMESTAMP '1970-01-01' + to_microseconds(i * 987654321987))::TIMESTAMPTZ", 'timestamptz'],
  ['tm', "TIME '00:00:00' + to_microseconds(i * 28799999)", 'time'],
  ['s', "CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i % 50)::VARCHAR || ' é\"\\\\' END", 'string'],
  ['us', "'unique-' || i::VARCHAR || repeat('x', i % 40)", 'string'],
  ['bl', "CASE WHEN i % 4 = 0 THEN NULL ELSE ('x' || (i % 30)::VARCHAR)::BLOB || '\\x00\\xFF'::BLOB END", 'binary'],
  ['u', "('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID", 'string'],
];

await duck.run(`CREATE TABLE t AS SELECT ${columns.map(([n, e]) => `${e} AS ${n}`).join(', ')}
                FROM range(0, 3000) r(i)`);

for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd']) {
  for (const version of ['V1', 'V2']) {
    for (const dictionary of ['dict', 'plain']) {
      const file = `${dir}/duckdb_${codec}_${version}_${dictionary}.parquet`;
      const limit = dictionary === 'plain' ? ', DICTIONARY_SIZE_LIMIT 0' : '';
      await duck.run(`COPY t TO '${file}' (FORMAT parquet, COMPRESSION ${codec},
                      PARQUET_VERSION ${version}, ROW_GROUP_SIZE 1000${limit})`);
      const expected = (await duck.runAndReadAll(
        `SELECT ${columns.map(([n, , k]) => `${duckdbCanonical(n, k)} AS ${n}`).join(', ')}
         FROM read_parquet('${file}')`)).getRowObjectsJson();
      const lines = execFileSync(binlake, ['parquet', 'cat', file], { maxBuffer: 1 << 28 })
        .toString('utf8').split('\n').filter((line) => line.length > 0);
      report.check(lines.length === expected.length, `${file}: binlake read ${lines.length} rows of ${expected.length}`);
      lines.forEach((line, r) => {
        const row = parseJsonKeepNumbers(line);
        for (const [name, , kind] of columns) {
          report.compare(`${file} row ${r} ${name}`, kind, row[name], expected[r][name]);
        }
      });
    }
  }
}
report.finish('DuckDB files read by binlake');
