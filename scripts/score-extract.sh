#!/usr/bin/env bash
# Score `theodoi extract` against every answer key in ../shared/gold (or $GOLD):
# prints score_extract.py's table per document. Usage: scripts/score-extract.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."
GOLD=${GOLD:-../shared/gold}
CORPUS=${CORPUS:-../shared/corpus}
TOOLS=${TOOLS:-../shared/tools}
PROFILE=debug
if [ "${1:-}" = "--release" ]; then PROFILE=release; cargo build -q --release -p theodoi; else cargo build -q -p theodoi; fi
BIN=target/$PROFILE/theodoi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for key in "$GOLD"/*.json; do
  name=$(basename "$key" .json)
  doc="$CORPUS/$name.txt"
  [ -f "$doc" ] || { echo "== $name: no document $doc" >&2; continue; }
  "$BIN" extract --format eval "$doc" > "$tmp/$name.json"
  echo "== $name"
  python3 "$TOOLS/score_extract.py" "$tmp/$name.json" "$key"
done
