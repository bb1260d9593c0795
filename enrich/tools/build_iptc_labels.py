#!/usr/bin/env python3
"""Derive the IPTC Media Topic label list (qcode, broader qcode, English label) that enrich ships, from the
IPTC NewsCodes JSON (CC BY 4.0, IPTC). Usage: build_iptc_labels.py VOCAB.json OUT.tsv"""
import json, re, sys

d = json.load(open(sys.argv[1], encoding="utf-8"))
rows = []
for c in d["conceptSet"]:
    if c.get("retired"):
        continue
    b = c.get("broader") or []
    m = re.search(r"(\d{8})", b[0]) if b else None
    lab = c.get("prefLabel", {})
    label = lab.get("en-GB") or lab.get("en-US") or lab.get("en") or ""
    rows.append("\t".join([c["qcode"], f"medtop:{m.group(1)}" if m else "", label]))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("# IPTC Media Topics (c) IPTC, CC BY 4.0 - https://iptc.org/standards/media-topics/\n")
    f.write("# qcode\tbroader\tlabel (en-GB)\n")
    for r in sorted(rows):
        f.write(r + "\n")
print(len(rows), "topics")
