#!/usr/bin/env bash
# The test command: the whole workspace, debug profile.
# Benches are compiled (so they cannot rot) but not run: they are measurements, not tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --workspace --all-targets
cargo test --workspace
