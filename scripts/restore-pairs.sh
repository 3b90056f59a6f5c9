#!/usr/bin/env bash
# Regenerate all OCR training pairs in data/restore/pairs (runs Tesseract; ~15 min on one core).
# Needs the sources that scripts/restore-build.sh fetches (run it once first), and fonts-noto-core,
# fonts-dejavu-core, fonts-liberation2, pango1.0-tools, tesseract-ocr-eng (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
C=${CORPUS:-../shared/corpus}; P=data/restore/pairs; SRC=target/restore-src
[ -f "$SRC/vlsp2013-test.txt" ] || { echo "run scripts/restore-build.sh first (fetches the word lists)" >&2; exit 1; }
rm -f "$P"/*.txt
head -600 "$SRC/vlsp2013-test.txt" > "$SRC/vlsp_a.txt"
G=scripts/restore-ocr-pairs.sh
nice -n 10 $G "$C/004_b4f7ce02ed2c6c24.txt" d004-noto "$P" 'Noto Serif 12' 40
nice -n 10 $G "$C/001_64546df3e81a90e8.txt" d001-noto "$P" 'Noto Serif 12' 40
nice -n 10 $G "$C/003_3e9ea53f03890cc0.txt" d003-noto "$P" 'Noto Serif 12' 40
nice -n 10 $G "$SRC/vlsp_a.txt" vlsp-noto "$P" 'Noto Serif 12' 15
nice -n 10 $G "$C/001_64546df3e81a90e8.txt" d001-dejavu "$P" 'DejaVu Serif 11' 40
nice -n 10 $G "$C/003_3e9ea53f03890cc0.txt" d003-dejavu "$P" 'DejaVu Serif 11' 40
# Liberation Serif (Debian fonts-liberation2) has the metrics of Times New Roman, the usual font of the scans.
sed -n 601,1100p "$SRC/vlsp2013-test.txt" > "$SRC/vlsp_b.txt"
nice -n 10 $G "$C/004_b4f7ce02ed2c6c24.txt" d004-lib "$P" 'Liberation Serif 12' 40
nice -n 10 $G "$C/001_64546df3e81a90e8.txt" d001-lib "$P" 'Liberation Serif 12' 40
nice -n 10 $G "$C/003_3e9ea53f03890cc0.txt" d003-lib "$P" 'Liberation Serif 12' 40
nice -n 10 $G "$SRC/vlsp_b.txt" vlspb-lib "$P" 'Liberation Serif 12' 15
