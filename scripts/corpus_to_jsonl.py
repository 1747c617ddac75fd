#!/usr/bin/python3
"""Converts the shared news corpora into ladder's input JSONL.

Usage:
  corpus_to_jsonl.py agnews  .../ag_news_csv/test.csv          > agnews.jsonl
  corpus_to_jsonl.py reuters .../reuters21578/reut2-017.sgm    > reuters.jsonl

One {"id", "date", "text", "title"} object a line (DESIGN.md). Standard
library only; the inputs are read where they are, never copied.

AG News (CSV: class,"title","description"):
  - id "ag-<row>", 1-based row number in the file.
  - date: the data carries none. Every item gets the fixed date 2004-08-01
    (the AG News collection was gathered from news sites in 2004), so that
    date-aware actor entries (leaders in office) resolve as of that time.
  - text: title + "\n\n" + description. The dump escapes HTML entities as
    " #39;", " quot;", "&lt;" and uses "\\" for line breaks; these are decoded,
    and the few inline HTML tags (<b>, <font ...>) are removed.
Reuters-21578 (SGML):
  - id "reuters-<NEWID>"; date from <DATE> "19-OCT-1987 11:35:01.50" ->
    1987-10-19.
  - text: TITLE + "\n\n" + BODY. Bodies are hard-wrapped at ~65 columns: the
    lines of a paragraph are joined with a space; a line that starts with
    whitespace starts a new paragraph; paragraphs are separated by a blank
    line. The closing " Reuter" sign-off and control characters (&#3; ...)
    are dropped; &lt; &gt; &amp; are decoded. Stories without a body (TYPE
    "BRIEF") keep their title only; stories with neither are skipped.
  - The file is read as Latin-1: it is ASCII apart from a stray byte or two,
    which are not valid UTF-8.
"""

import csv
import html
import json
import re
import sys

AGNEWS_DATE = "2004-08-01"

_MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
# Windows-1252 code points that AG News writes as numeric entities.
_CP1252 = {145: "\u2018", 146: "\u2019", 147: "\u201c", 148: "\u201d",
           150: "\u2013", 151: "\u2014"}
_HTML_TAGS = re.compile(
    r"</?(?:b|i|u|a|p|br|em|strong|font|span|div|img|sup|sub)\b[^<>]{0,200}>",
    re.IGNORECASE)


def _numeric_entity(match):
    code = int(match.group(1))
    if code in _CP1252:
        return _CP1252[code]
    if code < 32 or 127 <= code < 160 or code > 0x10FFFF:
        return " "
    return chr(code)


def clean_agnews(text):
    text = re.sub(r"\\+", " ", text)
    # "&#39;" was dumped as " #39;" and "&quot;" as " quot;".
    text = re.sub(r" ?#(\d{1,6});", _numeric_entity, text)
    text = re.sub(r" ?\b(quot|amp|lt|gt|apos);",
                  lambda m: html.unescape("&" + m.group(1) + ";"), text)
    text = re.sub(r"&#(\d{1,6});", _numeric_entity, text)
    text = html.unescape(text)
    text = _HTML_TAGS.sub(" ", text)
    text = re.sub(r"[ \t]+", " ", text)
    return text.strip()


def agnews(path, out):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for row_no, row in enumerate(csv.reader(f), start=1):
            if len(row) < 3:
                print(f"{path}:{row_no}: expected 3 columns, skipped",
                      file=sys.stderr)
                continue
            title = clean_agnews(row[1])
            body = clean_agnews(" ".join(row[2:]))
            text = title + "\n\n" + body if title and body else title or body
            if not text:
                continue
            out.write(json.dumps({"id": f"ag-{row_no}", "date": AGNEWS_DATE,
                                  "text": text, "title": title},
                                 ensure_ascii=False) + "\n")


def _field(story, tag):
    m = re.search(rf"<{tag}>(.*?)</{tag}>", story, re.DOTALL)
    return m.group(1) if m else ""


def _decode_sgml(text):
    text = re.sub(r"&#\d+;", "", text)  # control characters (&#2; &#3; ...)
    text = text.replace("&lt;", "<").replace("&gt;", ">")
    return text.replace("&amp;", "&")


def reuters_date(raw):
    m = re.match(r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})", raw)
    if not m or m.group(2).upper() not in _MONTHS:
        return ""
    return f"{m.group(3)}-{_MONTHS[m.group(2).upper()]:02d}-{int(m.group(1)):02d}"


def unwrap_body(body):
    paragraphs, current = [], []
    for line in _decode_sgml(body).split("\n"):
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = []
            continue
        if line[0] in " \t" and current:
            paragraphs.append(current)
            current = []
        current.append(line.strip())
    if current:
        paragraphs.append(current)
    texts = [" ".join(p) for p in paragraphs]
    while texts and texts[-1].strip().lower() in ("reuter", "reuters"):
        texts.pop()
    return "\n\n".join(re.sub(r"[ \t]+", " ", t) for t in texts)


def reuters(path, out):
    with open(path, encoding="latin-1") as f:
        data = f.read()
    for story in re.findall(r"<REUTERS\b.*?</REUTERS>", data, re.DOTALL):
        newid = re.search(r'NEWID="(\d+)"', story)
        if not newid:
            continue
        title = re.sub(r"\s+", " ", _decode_sgml(_field(story, "TITLE"))).strip()
        body = unwrap_body(_field(story, "BODY"))
        text = title + "\n\n" + body if title and body else title or body
        if not text:
            continue
        out.write(json.dumps({"id": f"reuters-{newid.group(1)}",
                              "date": reuters_date(_field(story, "DATE")),
                              "text": text, "title": title},
                             ensure_ascii=False) + "\n")


def main(argv):
    if len(argv) != 3 or argv[1] not in ("agnews", "reuters"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = sys.stdout
    out.reconfigure(encoding="utf-8")
    (agnews if argv[1] == "agnews" else reuters)(argv[2], out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
