// Reads the files parquet_interop_writer wrote with two independent readers, DuckDB and
// hyparquet, and compares every cell with the values binlake meant to write.
//   node check_binlake_files.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { Report, duckdbCanonical } from './common.mjs';

const dir = process.argv[2];
const report = new Report();
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`SET TimeZone = 'UTC'`);

async function checkWithDuckdb(file, expected) {
  const select = expected.columns.map((c) => `${duckdbCanonical(c.name, c.kind.split(':')[0])} AS "${c.name}"`);
  const reader = await duck.runAndReadAll(`SELECT ${select.join(', ')} FROM read_parquet('${file}')`);
  const rows = reader.getRowObjectsJson();
  report.check(rows.length === expected.rows.length, `${file}: DuckDB read ${rows.length} rows`);
  rows.forEach((row, r) => expected.columns.forEach((c, i) =>
    report.compare(`duckdb ${file} row ${r} ${c.name}`, c.kind, row[c.name], expected.rows[r][i])));
  const schema = (await duck.runAndReadAll(
    `SELECT name, field_id FROM parquet_schema('${file}') WHERE num_children IS NULL`)).getRowObjectsJson();
  schema.forEach((s, i) => report.check(s.name === expected.columns[i].name && Number(s.field_id) === i + 1,
    `${file}: field id of ${s.name} is ${s.field_id}`));
}

// Canonical text of what hyparquet returns for a column whose annotations were stripped.
function fromHyparquet(kind, value) {
  if (value === null || value === undefined) return null;
  const [base, scale] = kind.split(':');
  if (base === 'decimal') {
    let unscaled;
    if (value instanceof Uint8Array) {
      unscaled = value.reduce((acc, byte) => acc * 256n + BigInt(byte), 0n);
      if (value.length && value[0] & 0x80) unscaled -= 1n << BigInt(8 * value.length);
    } else {
      unscaled = BigInt(value);
    }
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(Number(scale) + 1, '0');
    const point = digits.length - Number(scale);
    return (unscaled < 0n ? '-' : '') + digits.slice(0, point) + (Number(scale) ? '.' + digits.slice(point) : '');
  }
  if (base === 'date') return new Date(Number(value) * 86400000).toISOString().slice(0, 10);
  if (base === 'timestamp' || base === 'timestamptz') {
    const micros = BigInt(value);
    const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
    const sub = ((micros % 1000n) + 1000n) % 1000n;
    const iso = new Date(Number(millis)).toISOString();  // ...THH:MM:SS.mmmZ
    return iso.slice(0, 23) + sub.toString().padStart(3, '0') + (base === 'timestamptz' ? 'Z' : '');
  }
  if (base === 'binary') return Buffer.from(value).toString('base64');
  if (base === 'json' || (base === 'string' && value instanceof Uint8Array)) return Buffer.from(value).toString('utf8');
  if (base === 'boolean') return String(value);
  return typeof value === 'number' && (base === 'float' || base === 'double') ? value : String(value);
}

async function checkWithHyparquet(file, expected) {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  // Strip the annotations hyparquet converts lossily (decimals to Number, timestamps to Date),
  // so it hands over the decoded physical values, which are compared exactly.
  for (const element of metadata.schema.slice(1)) {
    const kind = expected.columns.find((c) => c.name === element.name).kind.split(':')[0];
    if (['decimal', 'date', 'timestamp', 'timestamptz', 'json'].includes(kind)) {
      delete element.converted_type;
      delete element.logical_type;
    }
    report.check(element.field_id === expected.columns.findIndex((c) => c.name === element.name) + 1,
      `${file}: hyparquet field id of ${element.name}`);
  }
  const rows = await parquetReadObjects({ file: buffer, metadata, compressors, utf8: false });
  report.check(rows.length === expected.rows.length, `${file}: hyparquet read ${rows.length} rows`);
  rows.forEach((row, r) => expected.columns.forEach((c, i) =>
    report.compare(`hyparquet ${file} row ${r} ${c.name}`, c.kind, fromHyparquet(c.kind, row[c.name]), expected.rows[r][i])));
}

for (const mode of ['exact', 'dms']) {
  const expected = JSON.parse(readFileSync(`${dir}/${mode}.expected.json`, 'utf8'));
  const files = readdirSync(dir).filter((f) => f.startsWith(`${mode}_`) && f.endsWith('.parquet'));
  report.check(files.length === 8, `${mode}: ${files.length} files`);
  for (const name of files) {
    await checkWithDuckdb(`${dir}/${name}`, expected);
    await checkWithHyparquet(`${dir}/${name}`, expected);
  }
}
report.finish('binlake files read by DuckDB and hyparquet');
