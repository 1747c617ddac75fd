#!/usr/bin/python3
"""Checks a gold file in the shared format (GUIDE.md) against its documents.

Usage:
  check_gold.py GOLD.jsonl DOCS.jsonl [--codes data/codes.txt] [--as-events OUT.jsonl]

Checks, naming file and line of every problem: one gold line per document, in
the documents' order, each id once; every event has the guide's fields; cameo
is a code of data/codes.txt; source and target are actor codes shaped as the
guide says (a 3-letter country code or "---", then 3-letter roles; or IGO/NGO/
IMG + a 3-letter group, then roles); modality is one of the five; an alleged
event names its attribution and no other event does. Also warns (without
failing) where two events of one unit share source and target country,
CAMEO root and modality: a coder's duplicates of such a pair count once, so
the second can never be matched.
--as-events writes the gold as event records (doc_id, source.code,
target.code, cameo, modality), so that score_gold.py can score the gold
against itself. Exit status 1 when a check fails. Standard library only.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CODES = os.path.join(HERE, "..", "..", "data", "codes.txt")
MODALITIES = {"asserted", "negated", "future", "hypothetical", "alleged"}
FIELDS = ("source", "target", "cameo", "modality", "attribution",
          "source_text", "target_text", "verb_text", "location")
ACTOR = re.compile(r"^(?:(?:IGO|NGO|IMG)[A-Z]{3}|IGO|NGO|[A-Z]{3}|---)(?:[A-Z]{3})*$")


def load_jsonl(path, errors):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as e:
                    errors.append(f"{path}:{n}: not JSON: {e}")
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                    errors.append(f"{path}:{n}: not an object with a string id")
                    continue
                rows.append((n, obj))
    except OSError as e:
        errors.append(f"{path}: cannot read: {e.strerror}")
    return rows


def load_codes(path, errors):
    codes = set()
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^(\d{2,4})\t", line)
                if m:
                    codes.add(m.group(1))
    except OSError as e:
        errors.append(f"{path}: cannot read: {e.strerror}")
    return codes


def check(gold_path, docs_path, codes_path):
    errors, warnings = [], []
    codes = load_codes(codes_path, errors)
    docs = load_jsonl(docs_path, errors)
    gold = load_jsonl(gold_path, errors)
    doc_ids = [o["id"] for _, o in docs]
    gold_ids = [o["id"] for _, o in gold]
    seen = set()
    for n, o in gold:
        if o["id"] in seen:
            errors.append(f"{gold_path}:{n}: id {o['id']} appears twice")
        seen.add(o["id"])
    missing = [d for d in doc_ids if d not in seen]
    extra = [g for g in gold_ids if g not in set(doc_ids)]
    if missing:
        errors.append(f"{gold_path}: {len(missing)} documents without a gold line, e.g. {missing[0]}")
    if extra:
        errors.append(f"{gold_path}: {len(extra)} ids not in {docs_path}, e.g. {extra[0]}")
    if not missing and not extra and gold_ids != doc_ids:
        errors.append(f"{gold_path}: lines are not in the order of {docs_path}")
    for n, o in gold:
        where = f"{gold_path}:{n} ({o['id']})"
        events = o.get("events")
        if not isinstance(events, list):
            errors.append(f"{where}: events is not a list")
            continue
        if not isinstance(o.get("note", ""), str):
            errors.append(f"{where}: note is not a string")
        keys = set()
        for i, e in enumerate(events, start=1):
            at = f"{where} event {i}"
            if not isinstance(e, dict):
                errors.append(f"{at}: not an object")
                continue
            for k in FIELDS:
                if k not in e:
                    errors.append(f"{at}: no field {k}")
            if e.get("cameo") not in codes:
                errors.append(f"{at}: cameo {e.get('cameo')!r} is not in {codes_path}")
            src, tgt = e.get("source"), e.get("target")
            if not isinstance(src, str) or not ACTOR.match(src):
                errors.append(f"{at}: source {src!r} is not an actor code")
            if tgt is not None and (not isinstance(tgt, str) or not ACTOR.match(tgt)):
                errors.append(f"{at}: target {tgt!r} is not an actor code or null")
            mod = e.get("modality")
            if mod not in MODALITIES:
                errors.append(f"{at}: modality {mod!r} is not one of {sorted(MODALITIES)}")
            attr = e.get("attribution")
            if mod == "alleged" and not (isinstance(attr, str) and ACTOR.match(attr)):
                errors.append(f"{at}: alleged event without an actor code as attribution")
            if mod != "alleged" and attr is not None:
                errors.append(f"{at}: attribution {attr!r} on a {mod} event")
            loc = e.get("location")
            if not isinstance(loc, dict) or set(loc) != {"text", "country"}:
                errors.append(f"{at}: location is not {{text, country}}")
            key = (country(src), country(tgt), (e.get("cameo") or "")[:2], mod)
            if key in keys:
                warnings.append(f"{at}: same dyad, root and modality as an earlier event of the unit")
            keys.add(key)
    return errors, warnings, gold


def country(code):
    if not code or code.startswith("---"):
        return None
    return code[:6] if code[:3] in ("IGO", "NGO", "IMG") else code[:3]


def main(argv):
    args = argv[1:]
    opts = {"--codes": DEFAULT_CODES, "--as-events": None}
    for flag in list(opts):
        if flag in args:
            i = args.index(flag)
            if i + 1 >= len(args):
                print(f"check_gold.py: {flag} needs a path", file=sys.stderr)
                return 2
            opts[flag] = args[i + 1]
            del args[i:i + 2]
    if len(args) != 2:
        print("usage: check_gold.py GOLD.jsonl DOCS.jsonl [--codes PATH] [--as-events OUT]",
              file=sys.stderr)
        return 2
    errors, warnings, gold = check(args[0], args[1], opts["--codes"])
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    units = len(gold)
    with_events = sum(1 for _, o in gold if o.get("events"))
    n_events = sum(len(o.get("events") or []) for _, o in gold)
    print(f"{args[0]}: {units} units, {with_events} with events, {n_events} events, "
          f"{len(errors)} errors, {len(warnings)} warnings")
    if opts["--as-events"] and not errors:
        try:
            with open(opts["--as-events"], "w", encoding="utf-8") as out:
                for _, o in gold:
                    for e in o["events"]:
                        out.write(json.dumps({
                            "doc_id": o["id"], "source": {"code": e["source"]},
                            "target": {"code": e["target"]} if e["target"] else None,
                            "cameo": e["cameo"], "modality": e["modality"],
                            "evidence": {"begin": 0}}) + "\n")
        except OSError as e:
            print(f"check_gold.py: {opts['--as-events']}: cannot write: {e.strerror}",
                  file=sys.stderr)
            return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
