#!/usr/bin/env bash
# Make OCR training pairs for the restorer: render clean Vietnamese text to page images with
# pango-view and OCR them with the *English* Tesseract model, which damages Vietnamese the way
# real wrong-language scans do (marks lost, Đ→P/B, ư→u/tr, l→1 …). Truth and OCR are kept
# chunk by chunk so the model builder can align them.
#
# usage: scripts/restore-ocr-pairs.sh TEXT NAME OUT_DIR [FONT] [LINES_PER_CHUNK]
# needs: pango1.0-tools, tesseract-ocr, tesseract-ocr-eng, fonts-noto-core / fonts-dejavu-core
# NEVER feed it corpus file 000 (or 002): 000 is the scoring truth for 002.
set -euo pipefail
text=$1; name=$2; out=$3; font=${4:-"Noto Serif 12"}; per=${5:-40}
case "$(basename "$text")" in 000_*|002_*) echo "refusing to train on $text" >&2; exit 2;; esac
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
split -l "$per" -d -a 3 "$text" "$tmp/chunk."
for c in "$tmp"/chunk.*; do
  i=${c##*.}
  [ -s "$c" ] || continue
  grep -q '[[:alpha:]]' "$c" || continue
  cp "$c" "$out/$name.$i.truth.txt"
  pango-view --font="$font" --width=1400 --wrap=word --dpi=150 -q -o "$tmp/p.png" "$c"
  tesseract "$tmp/p.png" "$tmp/o" -l eng >/dev/null 2>&1
  cp "$tmp/o.txt" "$out/$name.$i.ocr.txt"
done
