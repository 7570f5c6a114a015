// Shared helpers of the Parquet cross-checks: canonical text of values, a JSON parser that keeps
// numbers as their source text (JavaScript numbers would round 64-bit integers), and reporting.

// Parses JSON text; every number becomes the string of its digits as written.
export function parseJsonKeepNumbers(text) {
  let at = 0;
  const fail = (why) => { throw new Error(`JSON: ${why} at ${at} in ${text.slice(0, 200)}`); };
  const space = () => { while (/\s/.test(text[at] ?? '')) at++; };
  function value() {
    space();
    const c = text[at];
    if (c === '{') {
      at++; const out = {}; space();
      if (text[at] === '}') { at++; return out; }
      for (;;) {
        space(); const key = value(); space();
        if (text[at++] !== ':') fail('expected :');
        out[key] = value(); space();
        const next = text[at++];
        if (next === '}') return out;
        if (next !== ',') fail('expected , or }');
      }
    }
    if (c === '[') {
      at++; const out = []; space();
      if (text[at] === ']') { at++; return out; }
      for (;;) {
        out.push(value()); space();
        const next = text[at++];
        if (next === ']') return out;
        if (next !== ',') fail('expected , or ]');
      }
    }
    if (c === '"') {
      let end = at + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const s = JSON.parse(text.slice(at, end + 1)); at = end + 1; return s;
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, at)) { at += word.length; return v; }
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!m) fail('unexpected character');
    at += m[0].length;
    return m[0];
  }
  const result = value();
  space();
  if (at !== text.length) fail('trailing text');
  return result;
}

// True when two cells are the same value of `kind` (floats compared as numbers).
export function sameValue(kind, a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return a == null && b == null;
  if (kind === 'float') return Math.fround(Number(a)) === Math.fround(Number(b));
  if (kind === 'double') return Number(a) === Number(b);
  return String(a) === String(b);
}

// Collects mismatches and prints at most a few per file.
export class Report {
  constructor() { this.failures = 0; this.checked = 0; }
  compare(where, kind, actual, expected) {
    this.checked++;
    if (sameValue(kind, actual, expected)) return;
    if (++this.failures <= 20) {
      console.log(`MISMATCH ${where}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  }
  check(condition, what) {
    this.checked++;
    if (!condition) { this.failures++; console.log(`FAIL ${what}`); }
  }
  finish(name) {
    console.log(`${name}: ${this.checked} checks, ${this.failures} failures`);
    process.exit(this.failures === 0 && this.checked > 0 ? 0 : 1);
  }
}

// DuckDB SQL that renders column `c` of `kind` as the canonical text.
export function duckdbCanonical(c, kind) {
  const q = `"${c}"`;
  if (kind === 'date') return `strftime(${q}, '%Y-%m-%d')`;
  if (kind === 'timestamp') return `strftime(${q}, '%Y-%m-%dT%H:%M:%S.%f')`;
  if (kind === 'timestamp_ms') return `strftime(${q}, '%Y-%m-%dT%H:%M:%S.%g')`;
  if (kind === 'timestamp_ns') return `strftime(${q}, '%Y-%m-%dT%H:%M:%S.%n')`;
  if (kind === 'timestamptz') return `strftime(timezone('UTC', ${q}), '%Y-%m-%dT%H:%M:%S.%f') || 'Z'`;
  if (kind === 'time') return `strftime(DATE '1970-01-01' + ${q}, '%H:%M:%S.%f')`;
  if (kind === 'binary') return `to_base64(${q})`;
  return `CAST(${q} AS VARCHAR)`;
}
