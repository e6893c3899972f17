#!/usr/bin/env python3
"""Check docs.jsonl: keys, kinds, and every quote occurs exactly once in its document's text."""
import json, re, sys, unicodedata
from pathlib import Path
HERE = Path(__file__).parent
DOCS = {"rcpp-intro": "twocol_rcpp-introduction.txt", "zoo-jss": "report_zoo-jss.txt",
        "impressive-demo": "slides_impressive-demo.txt", "xtable-gallery": "tables_xtable-gallery.txt",
        "federal-register": "threecol_federal-register.txt", "impressive-manual": "manual_impressive.txt",
        "rustc-book": "nav_what-is-rustc.txt", "nodejs-readme": "readme_nodejs.md"}
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})
def fold(t):
    t = unicodedata.normalize("NFKC", t)
    t = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", t)
    return re.sub(r"\s+", " ", t.translate(FOLD)).strip()
TEXT = {k: fold((HERE / f).read_text(encoding="utf-8")) for k, f in DOCS.items()}
KINDS = {"fact","number","date","why","how","comparison","definition","list","table","unanswerable"}
def main(path):
    bad = n = 0; ids = []
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip(): continue
        n += 1
        try: q = json.loads(line)
        except ValueError as e: print(f"line {no}: not JSON: {e}"); bad += 1; continue
        for k in ("id","question","kind","answerable","answer","evidence","paraphrased","split"):
            if k not in q: print(f"line {no}: missing {k}"); bad += 1
        if q.get("kind") not in KINDS: print(f"line {no}: kind {q.get('kind')!r}"); bad += 1
        if (q.get("kind") == "unanswerable") == bool(q.get("answerable")): print(f"line {no}: answerable vs kind"); bad += 1
        if q.get("answerable") and not q.get("evidence"): print(f"line {no}: no evidence"); bad += 1
        ids.append(q.get("id"))
        for ev in q.get("evidence", []):
            d = ev.get("report")
            if d not in TEXT: print(f"line {no}: unknown document {d!r}"); bad += 1; continue
            c = TEXT[d].count(fold(ev.get("quote","")))
            if c != 1: print(f"line {no} ({q.get('id')}): quote found {c} times in {d}: {ev.get('quote','')[:60]!r}"); bad += 1
    if len(set(ids)) != len(ids): print("duplicate ids"); bad += 1
    print(f"{n} questions, {bad} problems")
    return 1 if bad else 0
if __name__ == "__main__": sys.exit(main(sys.argv[1]))
