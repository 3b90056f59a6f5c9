#!/usr/bin/env bash
# Render the genre set (crates/extract/tests/genre/*.txt) in the formats offices send, into
# crates/extract/tests/genre/formats/: NAME.docx (a Word document: paragraphs, real tables where the
# text lays one out, a page number in the header) and NAME.pdf (that DOCX printed by LibreOffice:
# lines wrapped at the page width, page numbers, tables in columns). tests/genre_formats.rs scores
# extraction from both against the same keys. The files are committed (CI does not run LibreOffice
# for this); run this script again after adding or changing a genre document.
# Needs soffice (libreoffice-writer-nogui, in scripts/setup.sh) and python3. Usage: scripts/genre-formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SET=crates/extract/tests/genre
OUT=$SET/formats
command -v soffice >/dev/null || { echo "soffice is not installed (apt-get install libreoffice-writer-nogui)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# a profile of its own: a LibreOffice already running for the user does not take the job
profile="-env:UserInstallation=file://$tmp/profile"
mkdir -p "$tmp/html" "$OUT"
for txt in "$SET"/*.txt; do
  python3 scripts/genre_render.py "$txt" "$tmp/html/$(basename "$txt" .txt).html"
done
soffice "$profile" --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' \
  --outdir "$tmp/docx" "$tmp"/html/*.html >/dev/null
soffice "$profile" --headless --convert-to pdf --outdir "$tmp/pdf" "$tmp"/docx/*.docx >/dev/null
n=0
for txt in "$SET"/*.txt; do
  name=$(basename "$txt" .txt)
  for ext in docx pdf; do
    [ -s "$tmp/$ext/$name.$ext" ] || { echo "LibreOffice made no $name.$ext" >&2; exit 1; }
    cp "$tmp/$ext/$name.$ext" "$OUT/$name.$ext"
  done
  n=$((n + 1))
done
echo "$n documents rendered into $OUT ($(du -sh "$OUT" | cut -f1))"
