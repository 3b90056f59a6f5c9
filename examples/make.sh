#!/usr/bin/env bash
# Rebuilds the binary examples from examples/src/: the TCVN3 text and the DOCX (cargo example
# make_examples), and the scanned PNG (pango-view; packages from scripts/setup.sh). The outputs are
# committed; run this only after changing a source.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p theodoi --example make_examples
# A page scanned at 150 dpi: serif font, a slight blur would be nicer but pango renders clean pixels.
pango-view --font="Liberation Serif 13" --width=1100 --wrap=word --dpi=150 --margin=60 -q \
  -o examples/thong-bao-quet.png examples/src/thong-bao-quet.txt
