#!/usr/bin/env python3
"""apply_changes.py: the folded LOAD files plus consistency_replay's changes equal the source.

  apply_changes.py BINLAKE STAGING_URI SCHEMA TABLE CHANGES_FILE

Folds the table's staging files with `binlake staging fold --format csv`, applies CHANGES_FILE
(consistency_replay output: `I <cells>` inserts a row whose key must be absent, `D <cells>`
removes a row that must equal the before image; \\N is NULL) in order, strictly, so that a
change applied twice or missed fails at once, and compares the result with the source table
rendered by the server (compare_table.py). Reports the first missing, extra or differing row;
exit 1 on a difference.
"""
import sys

import compare_table


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: apply_changes.py BINLAKE STAGING_URI SCHEMA TABLE CHANGES_FILE")
    binlake, staging, schema, table, changes = sys.argv[1:]
    names, kinds, keys, source_rows = compare_table.source_table(schema, table)
    if keys != [0]:
        sys.exit("FAIL: the table's key must be its first column alone")
    rows = {row[0]: row for row in compare_table.staging_table(binlake, staging, schema, table,
                                                               names)}
    loaded, inserts, deletes = len(rows), 0, 0
    with open(changes, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            fields = [None if f == "\\N" else f for f in line.rstrip("\n").split("\t")]
            op, image = fields[0], fields[1:]
            if len(image) != len(names) or op not in ("I", "D"):
                sys.exit(f"FAIL: bad change line {number}: {line!r}")
            current = rows.get(image[0])
            if op == "I" and current is not None:
                sys.exit(f"FAIL change {number}: insert of key {image[0]}, which the LOAD files "
                         f"or an earlier change already hold ({current}): applied twice?")
            if op == "D" and current != image:
                sys.exit(f"FAIL change {number}: the before image {image} does not match the "
                         f"row held ({current}): a change missed or applied twice?")
            if op == "I":
                rows[image[0]] = image
                inserts += 1
            else:
                del rows[image[0]]
                deletes += 1
    print(f"LOAD rows {loaded}, images applied: {inserts} after, {deletes} before; "
          f"result {len(rows)} rows, source {len(source_rows)} rows")
    compare_table.compare_rows(f"{schema}.{table}", names, kinds, keys, source_rows,
                               rows.values())
    print(f"ok {schema}.{table}: LOAD files + binlog changes after the chunk positions = source")


if __name__ == "__main__":
    main()
