#!/usr/bin/env python3
"""random_writer.py: random writes to a test table, as SQL on stdout, until a stop file exists.

  random_writer.py SCHEMA.TABLE MAX_ID STOP_FILE [SEED] | mariadb ...

The table is (id INT PRIMARY KEY, k INT, v VARCHAR(64), n BIGINT NULL). Each step is one of:
INSERT of a new id, UPDATE of non-key columns, UPDATE of the key (moving a row to another id,
so across chunks), DELETE, a range UPDATE touching up to 50 rows (multi-row events), or a
transaction of several of these. Duplicate keys are skipped (IGNORE), so no statement fails.
One step every ~2 ms; the seed is printed to stderr so a failure can be replayed.
"""
import os
import random
import sys
import time


def statement(rng, table, max_id, transactions=True):
    a, b = rng.randint(1, max_id), rng.randint(1, max_id)
    choice = rng.randrange(6 if transactions else 5)
    if choice == 0:
        return (f"INSERT IGNORE INTO {table} VALUES ({a}, {rng.randint(0, 999)}, "
                f"'ins-{a}-{rng.randint(0, 99999)}', {rng.choice(['NULL', str(b)])});")
    if choice == 1:
        return f"UPDATE {table} SET k = k + 1, v = 'upd-{b}', n = NULL WHERE id = {a};"
    if choice == 2:
        return f"UPDATE IGNORE {table} SET id = {b}, v = 'moved-from-{a}' WHERE id = {a};"
    if choice == 3:
        return f"DELETE FROM {table} WHERE id = {a};"
    if choice == 4:
        return f"UPDATE {table} SET n = IFNULL(n, 0) + 1 WHERE id BETWEEN {a} AND {a + 100};"
    steps = " ".join(statement(rng, table, max_id, False) for _ in range(rng.randint(2, 5)))
    return f"BEGIN; {steps} COMMIT;"


def main():
    table, max_id, stop_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else random.randrange(1 << 30)
    print(f"random_writer: seed {seed}", file=sys.stderr)
    rng = random.Random(seed)
    steps = 0
    while not os.path.exists(stop_file):
        print(statement(rng, table, max_id), flush=True)
        steps += 1
        time.sleep(0.002)
    print(f"random_writer: {steps} steps", file=sys.stderr)


if __name__ == "__main__":
    main()
