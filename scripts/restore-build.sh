#!/usr/bin/env bash
# Build the restorer's model file data/restore/model.txt (see data/restore/SOURCES.md).
#
#   scripts/restore-build.sh            # shipped model: all clean corpus text + all OCR pairs
#   scripts/restore-build.sh --heldout OUT
#                                       # same recipe without document 004 (text and pairs), for
#                                       # the held-out score (scripts/restore-score.sh --heldout)
# Word lists come from registry packages: the PyPI wheels of
# underthesea (Viet74K word list, VLSP 2013 POS test text) and pyvi (words.txt), fetched with
# `pip download --no-deps` into target/restore-src. OCR pairs are in data/restore/pairs
# (regenerate with scripts/restore-pairs.sh). Corpus file 000 is never read.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=target/restore-src
CORPUS=${CORPUS:-../shared/corpus}
mkdir -p "$SRC"
if [ ! -f "$SRC/Viet74K.txt" ] || [ ! -f "$SRC/pyvi-words.txt" ] || [ ! -f "$SRC/vlsp2013-test.txt" ] || [ ! -f "$SRC/units.txt" ]; then
  [ -f "$SRC/wheels/underthesea-9.5.0-py3-none-any.whl" ] && [ -f "$SRC/wheels/pyvi-0.1.1-py2.py3-none-any.whl" ] \
    || python3 -m pip download -q --no-deps underthesea==9.5.0 pyvi==0.1.1 -d "$SRC/wheels"
  python3 - "$SRC" <<'PY'
import sys, zipfile, glob
src = sys.argv[1]
u = zipfile.ZipFile(glob.glob(f"{src}/wheels/underthesea-*.whl")[0])
open(f"{src}/Viet74K.txt", "wb").write(u.read("underthesea/corpus/data/Viet74K.txt"))
rows = u.read("underthesea/pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt").decode()
sents, cur = [], []
for line in rows.split("\n"):
    f = line.split("\t")
    if not line.strip():
        if cur: sents.append(" ".join(cur)); cur = []
    else:
        cur.append(f[0])
if cur: sents.append(" ".join(cur))
open(f"{src}/vlsp2013-test.txt", "w").write("\n".join(sents) + "\n")
p = zipfile.ZipFile(glob.glob(f"{src}/wheels/pyvi-*.whl")[0])
open(f"{src}/pyvi-words.txt", "wb").write(p.read("pyvi/models/words.txt"))
# Names of administrative units, one a line with its kind ("Phường Lê Ích Mộc"): the 2025 map
# (data/units/vn-2025.tsv) and the units before the 2025 merger (underthesea's address mapping),
# which reports still name ("hợp nhất từ xã Quảng Thanh …").
import json, unicodedata
names = set()
d = json.loads(u.read("underthesea/address/data/mapping.json"))
for r in d["ward_mapping"]:
    for k in ("old_ward", "new_ward", "old_district", "old_province", "new_province"):
        if r.get(k):
            names.add(unicodedata.normalize("NFC", r[k]))
for line in open("data/units/vn-2025.tsv", encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if not line.startswith("#") and len(f) >= 3:
        names.add(unicodedata.normalize("NFC", f[2]))
open(f"{src}/units.txt", "w").write("\n".join(sorted(names)) + "\n")
PY
fi
D001=$CORPUS/001_64546df3e81a90e8.txt; D003=$CORPUS/003_3e9ea53f03890cc0.txt; D004=$CORPUS/004_b4f7ce02ed2c6c24.txt
# Debian's hunspell-vi (GPL-2) is not compiled in: it only checks the phonotactic rules
# (tests/phonotactics.rs); Viet74K already holds all but a handful of its syllables.
LISTS=(--list "$SRC/Viet74K.txt" --list "$SRC/pyvi-words.txt")
# More running text of the genre: the development set written for the project (corpus/dev, other
# provinces and kinds of document), and the unit names (their own segments: names recur in reports).
DEV_W=${RESTORE_DEV_WEIGHT:-3}; UNITS_W=${RESTORE_UNITS_WEIGHT:-1}
EXTRA=()
if [ "$DEV_W" -gt 0 ]; then for f in "$CORPUS"/dev/*.txt; do EXTRA+=(--text "$f:$DEV_W"); done; fi
if [ "$UNITS_W" -gt 0 ]; then EXTRA+=(--text "$SRC/units.txt:$UNITS_W"); fi
# The documents written for the project in the repository (extract's genre set, the examples):
# more of the genre's own wording (weight 3 like the other domain texts; files that are not UTF-8,
# such as the TCVN3 example, are skipped).
GENRE_W=${RESTORE_GENRE_WEIGHT:-3}
if [ "$GENRE_W" -gt 0 ]; then
  for f in crates/extract/tests/genre/*.txt examples/*.txt; do
    iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && EXTRA+=(--text "$f:$GENRE_W")
  done
fi
if [ "${1:-}" = "--heldout" ]; then
  OUT=${2:?output file}
  cargo run -q -p theodoi-restore --example build_model -- "$OUT" "${LISTS[@]}" \
    --text "$D001:3" --text "$D003:3" --text "$SRC/vlsp2013-test.txt:1" "${EXTRA[@]}" \
    --pairs "data/restore/pairs:d001,d003,vlsp"
else
  OUT=${OUT:-data/restore/model.txt}
  cargo run -q -p theodoi-restore --example build_model -- "$OUT" "${LISTS[@]}" \
    --text "$D001:3" --text "$D003:3" --text "$D004:3" --text "$SRC/vlsp2013-test.txt:1" "${EXTRA[@]}" \
    --pairs data/restore/pairs
fi
