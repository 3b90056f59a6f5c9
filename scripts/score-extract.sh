#!/usr/bin/env bash
# Score `theodoi extract` against every answer key: score_extract.py's table per corpus document
# (../shared/gold, or $GOLD), then micro-averaged P/R/F1 per field over every set of keys with
# score_set.py — the corpus keys, the dev set (../shared/gold/dev), the held-out genre set
# (crates/extract/tests/genre) and the project's own examples (examples/keys). Usage: scripts/score-extract.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."
GOLD=${GOLD:-../shared/gold}
CORPUS=${CORPUS:-../shared/corpus}
TOOLS=${TOOLS:-../shared/tools}
[ -d "$TOOLS" ] || { echo "the scorers ($TOOLS) are absent: this script needs ../shared" >&2; exit 1; }
PROFILE=debug
if [ "${1:-}" = "--release" ]; then PROFILE=release; cargo build -q --release -p theodoi; else cargo build -q -p theodoi; fi
BIN=${CARGO_TARGET_DIR:-target}/$PROFILE/theodoi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for key in "$GOLD"/*.json; do
  name=$(basename "$key" .json)
  doc="$CORPUS/$name.txt"
  [ -f "$doc" ] || { echo "== $name: no document $doc" >&2; continue; }
  "$BIN" extract --format eval "$doc" > "$tmp/$name.json"
  echo "== $name"
  python3 "$TOOLS/score_extract.py" "$tmp/$name.json" "$key"
done
echo
echo "== corpus keys ($GOLD): micro-averaged"
python3 "$TOOLS/score_set.py" "$BIN" "$CORPUS" "$GOLD"
if [ -d "$GOLD/dev" ] && [ -d "$CORPUS/dev" ]; then
  echo "== dev set ($CORPUS/dev): micro-averaged"
  python3 "$TOOLS/score_set.py" "$BIN" "$CORPUS/dev" "$GOLD/dev"
fi
echo "== genre set (crates/extract/tests/genre: written before any rule was fitted to it; see tests/genre.rs)"
python3 "$TOOLS/score_set.py" "$BIN" crates/extract/tests/genre crates/extract/tests/genre
echo "== examples (examples/keys; txt only — the DOCX/PNG ones are scored by crates/cli/tests/examples.rs)"
python3 "$TOOLS/score_set.py" "$BIN" examples examples/keys
