#!/usr/bin/env bash
# Score the restorer with the shared scorer (needs python3 + rapidfuzz):
#   1. 002 (000 OCR'd with an English model) restored, against 000;
#   2. 000 with every mark folded away (the scorer's fold), restored, against 000;
#   3. share of syllables changed when restoring the clean documents 001, 003, 004;
#   4. with --heldout: generated OCR pairs of 004 restored by a model built without 004.
# 000 is read here only as the scoring truth.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
SCORE=${SCORE:-../shared/tools/ocr_score.py}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# The library's own runner (same code as `theodoi restore`), so a broken sibling crate does not stop scoring.
cargo build -q -p theodoi-restore --example restore_with 2>/dev/null
R=target/debug/examples/restore_with
G=$CORPUS/000_833fb06171799308.txt
echo "== 002 restored vs 000"
python3 "$SCORE" "$CORPUS/002_ce8a8a71da63380d.txt" "$G" | sed 's/^/raw      /'
$R "$CORPUS/002_ce8a8a71da63380d.txt" > "$T/r002.txt" 2>/dev/null
python3 "$SCORE" "$T/r002.txt" "$G" | sed 's/^/restored /'
echo "== 000 folded (no marks) restored vs 000"
python3 -c "
import sys, importlib.util
spec = importlib.util.spec_from_file_location('s', '$SCORE'); s = importlib.util.module_from_spec(spec); spec.loader.exec_module(s)
sys.stdout.write(s.fold(open('$G', encoding='utf-8').read()))" > "$T/f000.txt"
$R "$T/f000.txt" > "$T/rf000.txt" 2>/dev/null
python3 "$SCORE" "$T/rf000.txt" "$G" | sed 's/^/restored /'
echo "== clean documents: share of syllables changed"
for f in 001_64546df3e81a90e8 003_3e9ea53f03890cc0 004_b4f7ce02ed2c6c24; do
  $R "$CORPUS/$f.txt" > "$T/c.txt" 2>/dev/null
  python3 "$SCORE" "$T/c.txt" "$CORPUS/$f.txt" --json | python3 -c "import json,sys; r=json.load(sys.stdin); print('$f changed', round(1-r['syllable_accuracy'],5))"
  $R --mode ocr "$CORPUS/$f.txt" > "$T/c.txt" 2>/dev/null
  python3 "$SCORE" "$T/c.txt" "$CORPUS/$f.txt" --json | python3 -c "import json,sys; r=json.load(sys.stdin); print('$f changed when forced through the OCR mode', round(1-r['syllable_accuracy'],5))"
done
if [ "${1:-}" = "--heldout" ]; then
  echo "== held out: OCR pairs of 004 (never seen by this model)"
  scripts/restore-build.sh --heldout "$T/heldout.txt" 2>/dev/null
  for font in noto lib; do
    cat data/restore/pairs/d004-$font.*.truth.txt > "$T/t.txt"
    cat data/restore/pairs/d004-$font.*.ocr.txt > "$T/o.txt"
    $R --model "$T/heldout.txt" "$T/o.txt" > "$T/r.txt" 2>/dev/null
    python3 "$SCORE" "$T/o.txt" "$T/t.txt" | sed "s/^/$font raw OCR  /"
    python3 "$SCORE" "$T/r.txt" "$T/t.txt" | sed "s/^/$font restored /"
  done
  echo "== held out: 004 folded (no marks), same model"
  cat data/restore/pairs/d004-noto.*.truth.txt > "$T/t.txt"
  python3 -c "
import sys, importlib.util
spec = importlib.util.spec_from_file_location('s', '$SCORE'); s = importlib.util.module_from_spec(spec); spec.loader.exec_module(s)
sys.stdout.write(s.fold(open('$T/t.txt', encoding='utf-8').read()))" > "$T/f.txt"
  $R --model "$T/heldout.txt" "$T/f.txt" > "$T/r.txt" 2>/dev/null
  python3 "$SCORE" "$T/r.txt" "$T/t.txt" | sed "s/^/restored /"
fi
