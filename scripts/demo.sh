#!/usr/bin/env bash
# The main job on the embedded default (SQLite file theodoi.db): set up, build, add the
# corpus to the ledger, check it "on data", and print the status report.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo build --release -q -p theodoi
CORPUS=${CORPUS:-../shared/corpus}
DB=${DB:-theodoi.db}
BIN=target/release/theodoi
$BIN add --db "$DB" "$CORPUS"/*.txt
$BIN check --db "$DB"
$BIN status --db "$DB"
