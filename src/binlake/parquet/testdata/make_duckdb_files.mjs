// Regenerates the duckdb_*.parquet files that duckdb_read_test.cc checks value by value.
// Run outside the repository with @duckdb/node-api 1.5.6 installed:  node make_duckdb_files.mjs
// Row i of the table is a pure function of i (duckdb_read_test.cc computes the same values).
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`CREATE TABLE t AS SELECT
  i::INTEGER AS i,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i::BIGINT * 1000003 - 5000000 END AS big,
  ((i % 100) - 50)::SMALLINT AS small,
  (18446744073709551615::UBIGINT - i::UBIGINT) AS u,
  CASE WHEN i % 5 = 0 THEN NULL ELSE (i / 4.0)::FLOAT END AS f,
  (i * 1.5)::DOUBLE AS d,
  CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i % 50)::VARCHAR END AS s,
  'unique-' || i::VARCHAR AS us,
  (i % 3 = 0) AS b,
  (i * 1.125)::DECIMAL(18,3) AS dec,
  (i::DECIMAL(38,5) * 3) AS dec38,
  DATE '2020-01-01' + i::INTEGER AS dt,
  TIMESTAMP '2020-01-01' + to_seconds(i) AS ts,
  ('x' || i::VARCHAR)::BLOB AS bl
  FROM range(0, 3000) r(i)`);
await con.run(`CREATE TABLE t500 AS SELECT * FROM t WHERE i < 500`);
for (const [name, options, table] of [
  ['duckdb_v1_uncompressed', 'COMPRESSION uncompressed, PARQUET_VERSION V1', 't500'],
  ['duckdb_v1_snappy', 'COMPRESSION snappy, PARQUET_VERSION V1, ROW_GROUP_SIZE 200', 't500'],
  ['duckdb_v2_zstd', 'COMPRESSION zstd, PARQUET_VERSION V2', 't'],
  ['duckdb_v2_gzip', 'COMPRESSION gzip, PARQUET_VERSION V2, ROW_GROUP_SIZE 1000', 't'],
]) {
  await con.run(`COPY ${table} TO '${name}.parquet' (FORMAT parquet, ${options})`);
}
