#!/usr/bin/python3
"""Builds the documents of the second AG News gold set (agnews2.gold.jsonl).

Usage:
  make_docs.py OUT.jsonl [--shared DIR]

Reads the AG News test split where it is, DIR/data/news-corpus/ag_news_csv/
test.csv, and the dev gold's documents, DIR/data/gold-news/agnews.docs.jsonl
(DIR defaults to ../../../shared from this file, the shared folder next to a
worktree under /work; ctest passes LADDER_SHARED_DIR), and writes 200 documents, one
{"id", "date", "text"} object a line, in the order of the gold file:
140 drawn at random from the World class (1) and 20 from each of Sports (2),
Business (3) and Sci/Tech (4), none of them among the 240 documents of the
shared dev gold (agnews.docs.jsonl), seed 20261208. Ids, date and text are
exactly those of scripts/corpus_to_jsonl.py agnews (its cleaning is reused):
"ag-<1-based CSV row>", date 2004-08-01, title + blank line + description.
Standard library only; the news text is never stored in the repository.
"""

import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import corpus_to_jsonl  # noqa: E402  (scripts/corpus_to_jsonl.py)

DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))
SEED = 20261208
QUOTA = [("1", 140), ("2", 20), ("3", 20), ("4", 20)]


def fail(msg):
    print(f"make_docs.py: {msg}", file=sys.stderr)
    sys.exit(1)


def read_rows(path):
    """Returns {class: [(id, text)]} in file order, cleaned as corpus_to_jsonl does."""
    by_class = {}
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            for row_no, row in enumerate(csv.reader(f), start=1):
                if len(row) < 3:
                    print(f"{path}:{row_no}: expected 3 columns, skipped", file=sys.stderr)
                    continue
                title = corpus_to_jsonl.clean_agnews(row[1])
                body = corpus_to_jsonl.clean_agnews(" ".join(row[2:]))
                text = title + "\n\n" + body if title and body else title or body
                if text:
                    by_class.setdefault(row[0].strip(), []).append((f"ag-{row_no}", text))
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    except csv.Error as e:
        fail(f"{path}: bad CSV: {e}")
    return by_class


def read_dev_ids(path):
    ids = set()
    try:
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    ids.add(json.loads(line)["id"])
                except (ValueError, KeyError, TypeError):
                    fail(f"{path}:{line_no}: not a document with an id")
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    return ids


def main(argv):
    args = argv[1:]
    shared = DEFAULT_SHARED
    if "--shared" in args:
        i = args.index("--shared")
        if i + 1 >= len(args):
            fail("--shared needs a folder")
        shared = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        fail("usage: make_docs.py OUT.jsonl [--shared DIR]")
    csv_path = os.path.join(shared, "data", "news-corpus", "ag_news_csv", "test.csv")
    by_class = read_rows(csv_path)
    dev = read_dev_ids(os.path.join(shared, "data", "gold-news", "agnews.docs.jsonl"))
    rng = random.Random(SEED)
    chosen = []
    for cls, n in QUOTA:
        pool = [d for d in by_class.get(cls, []) if d[0] not in dev]
        if len(pool) < n:
            fail(f"{csv_path}: class {cls} has {len(pool)} documents outside the dev gold, need {n}")
        chosen.extend(rng.sample(pool, n))
    rng.shuffle(chosen)
    try:
        with open(args[0], "w", encoding="utf-8") as out:
            for doc_id, text in chosen:
                out.write(json.dumps({"id": doc_id, "date": corpus_to_jsonl.AGNEWS_DATE,
                                      "text": text}, ensure_ascii=False) + "\n")
    except OSError as e:
        fail(f"{args[0]}: cannot write: {e.strerror}")


if __name__ == "__main__":
    main(sys.argv)
