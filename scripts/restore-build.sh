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
if [ ! -f "$SRC/Viet74K.txt" ] || [ ! -f "$SRC/pyvi-words.txt" ] || [ ! -f "$SRC/vlsp2013-test.txt" ]; then
  python3 -m pip download -q --no-deps underthesea==9.5.0 pyvi==0.1.1 -d "$SRC/wheels"
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
PY
fi
D001=$CORPUS/001_64546df3e81a90e8.txt; D003=$CORPUS/003_3e9ea53f03890cc0.txt; D004=$CORPUS/004_b4f7ce02ed2c6c24.txt
# Debian's hunspell-vi (GPL-2) is not compiled in: it only checks the phonotactic rules
# (tests/phonotactics.rs); Viet74K already holds all but a handful of its syllables.
LISTS=(--list "$SRC/Viet74K.txt" --list "$SRC/pyvi-words.txt")
if [ "${1:-}" = "--heldout" ]; then
  OUT=${2:?output file}
  cargo run -q -p theodoi-restore --example build_model -- "$OUT" "${LISTS[@]}" \
    --text "$D001:3" --text "$D003:3" --text "$SRC/vlsp2013-test.txt:1" \
    --pairs "data/restore/pairs:d001,d003,vlsp"
else
  cargo run -q -p theodoi-restore --example build_model -- data/restore/model.txt "${LISTS[@]}" \
    --text "$D001:3" --text "$D003:3" --text "$D004:3" --text "$SRC/vlsp2013-test.txt:1" \
    --pairs data/restore/pairs
fi
