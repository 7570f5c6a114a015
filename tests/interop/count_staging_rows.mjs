// DuckDB reads every Parquet change file of a binlake staging directory (file:// store) and
// prints, per table folder, the rows it holds. Used by tests/capture/full_load_test.sh, which
// compares the counts with the source tables'.
//
//   node count_staging_rows.mjs STAGING_DIR
//
// Every value of every file is decoded (each row is cast to text), not only the row count read
// from the footer, so a file DuckDB cannot decode fails here. Output, one line per folder that
// holds Parquet files, sorted by folder: `<folder relative to STAGING_DIR>\t<rows>`.
// The `_binlake/` metadata folder is skipped. Exit 1 when DuckDB rejects a file.
import { readdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

function parquetFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '_binlake') out.push(...parquetFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.parquet')) out.push(path);
  }
  return out;
}

const root = process.argv[2];
if (!root) {
  console.error('usage: node count_staging_rows.mjs STAGING_DIR');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const rowsByFolder = new Map();
for (const file of parquetFiles(root)) {
  const literal = `'${file.replaceAll("'", "''")}'`;
  let rows;
  try {
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS n, sum(length(CAST(f AS VARCHAR))) AS chars FROM read_parquet(${literal}) f`);
    rows = Number(reader.getRows()[0][0]);
  } catch (error) {
    console.error(`FAIL DuckDB cannot read ${file}: ${error.message}`);
    process.exit(1);
  }
  const folder = relative(root, dirname(file));
  rowsByFolder.set(folder, (rowsByFolder.get(folder) ?? 0) + rows);
}
for (const folder of [...rowsByFolder.keys()].sort()) {
  console.log(`${folder}\t${rowsByFolder.get(folder)}`);
}
