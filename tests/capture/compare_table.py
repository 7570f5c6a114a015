#!/usr/bin/env python3
"""compare_table.py: a source table equals its staging files, value for value.

The source side does not use binlake: for every column an SQL expression makes the SERVER
render the value in the canonical text of docs/formats/staging.md (CAST for numbers, decimals,
temporals, TIME, ENUM/SET, UUID/INET; HEX for binary strings; the WKB after the 4-byte SRID for
GEOMETRY; zero dates as NULL), wrapped in JSON_ARRAY so that NULL, empty strings and control
characters stay unambiguous. The staging side is `binlake staging fold URI --table schema.table
--format csv` (the project's test reader), parsed with the RFC 4180 reader below, which, unlike
Python's csv module, keeps an empty unquoted field (NULL) apart from "" (the empty string).

Values compare as text, except FLOAT (as float32 bit patterns), DOUBLE (as float64 bit
patterns), both with -0.0 equal to 0.0 (the server sends a stored -0.0 as 0.0), and hex
(case-insensitive). Rows are matched by primary key; the first
missing, extra or differing row is reported with its key and column, and the exit status is 1.

  compare_table.py BINLAKE STAGING_URI|CONFIG.yaml SCHEMA TABLE

Connects with the mariadb client to BINLAKE_MARIADB_HOST/PORT as BINLAKE_MARIADB_USER/PASSWORD.
Prints `ok <schema>.<table>: <n> rows equal` on success.
"""
import json
import os
import re
import struct
import subprocess
import sys

ZERO_DATE_TYPES = {"date", "datetime", "timestamp"}
TEXT_TYPES = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set",
              "json", "uuid", "inet4", "inet6", "time"}
NUMBER_TYPES = {"tinyint", "smallint", "mediumint", "int", "bigint", "decimal"}
BINARY_TYPES = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"}
GEOMETRY_TYPES = {"geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                  "multipolygon", "geometrycollection"}


def quote_identifier(name):
    return "`" + name.replace("`", "``") + "`"


def quote_string(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def run_sql(query):
    command = ["mariadb", "--no-defaults", "--protocol=tcp",
               "-h", os.environ["BINLAKE_MARIADB_HOST"], "-P", os.environ["BINLAKE_MARIADB_PORT"],
               "-u", os.environ["BINLAKE_MARIADB_USER"],
               "-p" + os.environ["BINLAKE_MARIADB_PASSWORD"],
               "--default-character-set=utf8mb4", "-N", "-B", "-r", "-e", query]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        sys.exit(f"FAIL mariadb: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode("utf-8").splitlines()


def source_expression(name, data_type):
    """The SQL that renders column `name` in the canonical text, and how to compare it."""
    column = quote_identifier(name)
    if data_type == "float" or data_type == "double":
        text = f"CAST(CAST({column} AS DOUBLE) AS CHAR)"
        return text, "float32" if data_type == "float" else "float64"
    if data_type in NUMBER_TYPES:
        return f"CAST({column} AS CHAR)", "text"
    if data_type in ("bit", "year"):
        return f"CAST({column} + 0 AS CHAR)", "text"
    if data_type in ZERO_DATE_TYPES:
        return (f"IF(MONTH({column}) = 0 OR DAYOFMONTH({column}) = 0, NULL, "
                f"CAST({column} AS CHAR))"), "text"
    if data_type in TEXT_TYPES:
        return f"CAST({column} AS CHAR)", "text"
    if data_type in BINARY_TYPES:
        return f"HEX({column})", "hex"
    if data_type in GEOMETRY_TYPES:
        return f"HEX(SUBSTRING({column}, 5))", "hex"
    sys.exit(f"FAIL column {name}: no canonical rendering for type {data_type}")


def source_table(schema, table):
    """(column names, comparison kinds, key column indexes, rows as lists of str|None)."""
    where = f"TABLE_SCHEMA = {quote_string(schema)} AND TABLE_NAME = {quote_string(table)}"
    columns = [line.split("\t") for line in run_sql(
        "SELECT JSON_ARRAY(COLUMN_NAME, DATA_TYPE, COLUMN_KEY = 'PRI') FROM information_schema.COLUMNS "
        f"WHERE {where} ORDER BY ORDINAL_POSITION")]
    columns = [json.loads(line[0]) for line in columns]
    if not columns:
        sys.exit(f"FAIL {schema}.{table}: no such table")
    key_order = [json.loads(line)[0] for line in run_sql(
        "SELECT JSON_ARRAY(COLUMN_NAME) FROM information_schema.STATISTICS "
        f"WHERE {where} AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")]
    names = [c[0] for c in columns]
    rendered = [source_expression(name, data_type) for name, data_type, _ in columns]
    select = ", ".join(expression for expression, _ in rendered)
    order = ", ".join(quote_identifier(k) for k in key_order)
    lines = run_sql("SET time_zone = '+00:00'; "
                    f"SELECT JSON_ARRAY({select}) FROM {quote_identifier(schema)}."
                    f"{quote_identifier(table)} ORDER BY {order}")
    keys = [names.index(k) for k in key_order]
    return names, [kind for _, kind in rendered], keys, [json.loads(line) for line in lines]


CSV_FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,\r\n"]*)')


def parse_record(text, pos):
    """One RFC 4180 record from `pos`: (fields, position after its line end)."""
    record = []
    while True:
        match = CSV_FIELD.match(text, pos)
        quoted, plain = match.group(1), match.group(2)
        record.append(quoted.replace('""', '"') if quoted is not None else (plain or None))
        pos = match.end()
        if text.startswith(",", pos):
            pos += 1
            continue
        if text.startswith("\r\n", pos):
            pos += 1
        if pos < len(text) and text[pos] != "\n":
            sys.exit(f"FAIL fold output: malformed CSV at character {pos}: {text[pos:pos + 40]!r}")
        return record, pos + 1


def parse_csv(text):
    """RFC 4180 records; an unquoted empty field is None, a quoted one a string. A line without
    quotes is split directly (the fast path the 1M-row table takes)."""
    records, pos = [], 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if '"' in line:
            record, pos = parse_record(text, pos)
        else:
            record, pos = [f or None for f in line.removesuffix("\r").split(",")], end + 1
        records.append(record)
    return records


def staging_table(binlake, staging, schema, table, names):
    # A config file names the store through its staging.uri (and s3.* settings).
    store = ["staging", "-c", staging] if staging.endswith(".yaml") else [staging]
    result = subprocess.run([binlake, "staging", "fold", *store, "--table", f"{schema}.{table}",
                             "--format", "csv"], capture_output=True, check=False)
    if result.returncode != 0:
        sys.exit(f"FAIL binlake staging fold {schema}.{table}: "
                 f"{result.stderr.decode(errors='replace')}")
    records = parse_csv(result.stdout.decode("utf-8"))
    if records and records[0] == names:
        records = records[1:]
    return records


def same(kind, source, staged):
    if source is None or staged is None:
        return source is staged
    # + 0.0 turns -0.0 into 0.0: MariaDB sends a stored -0.0 as 0.0 (text and binary protocol,
    # checked with a prepared statement: bits 00000000), so a SELECT cannot see the sign.
    if kind == "float32":
        return struct.pack("<f", float(source) + 0.0) == struct.pack("<f", float(staged) + 0.0)
    if kind == "float64":
        return struct.pack("<d", float(source) + 0.0) == struct.pack("<d", float(staged) + 0.0)
    if kind == "hex":
        return source.lower() == staged.lower()
    return source == staged


def shorten(value):
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def compare_rows(name, names, kinds, keys, source_rows, staged_rows):
    """Exits with the first missing, extra or differing row of staged_rows against source_rows."""
    staged_by_key = {}
    for row in staged_rows:
        if len(row) != len(names):
            sys.exit(f"FAIL {name}: a folded row has {len(row)} fields, want {len(names)}: "
                     f"{shorten(row)}")
        key = tuple(row[k] for k in keys)
        if key in staged_by_key:
            sys.exit(f"FAIL {name}: key {key} twice in the folded rows")
        staged_by_key[key] = row
    for row in source_rows:
        key = tuple(row[k] for k in keys)
        staged = staged_by_key.pop(key, None)
        if staged is None:
            sys.exit(f"FAIL {name}: source row with key {key} missing from staging")
        if staged == row:
            continue
        for column, kind, source_value, staged_value in zip(names, kinds, row, staged):
            if not same(kind, source_value, staged_value):
                sys.exit(f"FAIL {name}: key {key} column {column}: source "
                         f"{shorten(source_value)}, staging {shorten(staged_value)}")
    if staged_by_key:
        sys.exit(f"FAIL {name}: {len(staged_by_key)} staging rows not in the source, first key "
                 f"{next(iter(staged_by_key))}")


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: compare_table.py BINLAKE STAGING_URI|CONFIG.yaml SCHEMA TABLE")
    binlake, staging, schema, table = sys.argv[1:]
    names, kinds, keys, source_rows = source_table(schema, table)
    staged_rows = staging_table(binlake, staging, schema, table, names)
    compare_rows(f"{schema}.{table}", names, kinds, keys, source_rows, staged_rows)
    print(f"ok {schema}.{table}: {len(source_rows)} rows equal")

if __name__ == "__main__":
    main()
