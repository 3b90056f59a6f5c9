#!/usr/bin/env bash
# Installs the system packages and tools theodoi uses (Debian 12; run as root or with sudo).
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils pango1.0-tools
      fonts-noto-core fonts-dejavu-core fonts-liberation2 hunspell-vi postgresql postgresql-contrib
      libreoffice-writer-nogui libreoffice-calc-nogui python3-pip
      chromium chromium-driver)  # the web app's browser tests (crates/web/tests/e2e.rs)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The shared scorers need rapidfuzz.
python3 -c 'import rapidfuzz' 2>/dev/null || python3 -m pip install -q rapidfuzz
