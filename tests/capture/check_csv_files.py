#!/usr/bin/env python3
"""check_csv_files.py: every CSV change file of a file:// staging directory parses as RFC 4180.

Reads each `*.csv` / `*.csv.gz` file under STAGING_DIR (the `_binlake/` metadata folder is
skipped) with Python's csv module in strict mode (',' delimiter, '"' quotes doubled inside a
quoted field, records ending in '\\n'), checks that every record of a table folder has the same
number of fields, and prints one line per folder, sorted:
`<folder relative to STAGING_DIR>\\t<fields per record>\\t<records>`.
Exit 1 naming the file and record on a parse error or a differing field count.

  check_csv_files.py STAGING_DIR
"""
import csv
import gzip
import os
import sys


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_csv_files.py STAGING_DIR")
    root = sys.argv[1]
    csv.field_size_limit(1 << 30)  # the default 128 KiB is less than a 1 MiB BLOB in hex
    folders = {}  # folder -> [fields, records]
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d != "_binlake"]
        for name in sorted(files):
            if not (name.endswith(".csv") or name.endswith(".csv.gz")):
                continue
            path = os.path.join(directory, name)
            folder = os.path.relpath(directory, root)
            counts = folders.setdefault(folder, [None, 0])
            with open_text(path) as stream:
                try:
                    for record in csv.reader(stream, strict=True):
                        if counts[0] is None:
                            counts[0] = len(record)
                        if len(record) != counts[0]:
                            sys.exit(f"FAIL {path} record {counts[1] + 1}: {len(record)} fields, "
                                     f"want {counts[0]}")
                        counts[1] += 1
                except csv.Error as error:
                    sys.exit(f"FAIL {path}: not RFC 4180: {error}")
    for folder in sorted(folders):
        fields, records = folders[folder]
        print(f"{folder}\t{fields}\t{records}")


if __name__ == "__main__":
    main()
