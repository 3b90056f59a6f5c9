#!/usr/bin/env bash
# The main job on the embedded default: set up, build, and run theodoi over the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo build --release -q
CORPUS=${CORPUS:-../shared/corpus}
BIN=target/release/theodoi
$BIN ingest "$CORPUS"/004_*.txt
