#!/usr/bin/env bash
# The test command: the whole workspace, debug profile.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets
