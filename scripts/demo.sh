#!/usr/bin/env bash
# The main job: set up, build, add the documents to a ledger, check it "on data", and print the
# status report. By default on the project's own examples (examples/: a congress resolution, an
# action programme, a six-month report, a TCVN3 text, a DOCX and a scanned PNG);
# CORPUS=DIR for other documents (every .txt .docx .pdf .png .jpg .tif in DIR).
#   DB=PATH|postgres://…  the ledger (default: a fresh target/demo/theodoi.db, so runs repeat)
#   RELEASE=1             build optimised (slower to build, faster on many or scanned documents)
#   SERVE=1|0             then open the web app on the ledger (default: 1 when run from a terminal,
#                         0 otherwise — CI and pipes get the report and the exit code only)
#   ADDR=HOST:PORT        where the web app listens (default 127.0.0.1:8080)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
T=${CARGO_TARGET_DIR:-target}
if [ "${RELEASE:-}" = 1 ]; then
  cargo build --release -q -p theodoi; BIN=$T/release/theodoi
else
  # The profile the tests build: demo then tests compile once.
  cargo build -q -p theodoi; BIN=$T/debug/theodoi
fi
CORPUS=${CORPUS:-examples}
if [ -z "${DB:-}" ]; then
  DB=target/demo/theodoi.db
  mkdir -p target/demo && rm -f "$DB" "$DB-wal" "$DB-shm"
fi
shopt -s nullglob nocaseglob
FILES=("$CORPUS"/*.{txt,docx,pdf,png,jpg,jpeg,tif,tiff})
shopt -u nocaseglob
[ ${#FILES[@]} -gt 0 ] || { echo "no documents in $CORPUS" >&2; exit 1; }
$BIN add --db "$DB" "${FILES[@]}"
$BIN check --db "$DB"
$BIN status --db "$DB"
echo
echo "ledger: $DB — e.g. $BIN list targets --db $DB"
SERVE=${SERVE:-$([ -t 1 ] && [ -z "${CI:-}" ] && echo 1 || echo 0)}
if [ "$SERVE" = 1 ]; then
  # On a new ledger, serve creates the user `admin` and prints its password once.
  echo "web app: Ctrl-C to stop"
  exec $BIN serve --db "$DB" --addr "${ADDR:-127.0.0.1:8080}"
else
  echo "web app: $BIN serve --db $DB   (then open http://127.0.0.1:8080/)"
fi
