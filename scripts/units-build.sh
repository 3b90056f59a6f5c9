#!/usr/bin/env bash
# Regenerate data/units/vn-2025.tsv, the official list of administrative units after the July 2025
# rearrangement (34 provinces and centrally-run cities; 3,321 communes, wards and special zones),
# from the PyPI package `vietnam-provinces` (see data/units/SOURCES.md for its licence).
#
#   scripts/units-build.sh            # fetches the pinned sdist with `pip download` into target/units-src
#
# The repository carries the TSV; nothing downloads at build or run time.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=2025.10.1
SRC=target/units-src
mkdir -p "$SRC"
if ! ls "$SRC"/vietnam_provinces-"$VERSION".tar.gz >/dev/null 2>&1; then
  python3 -m pip download -q --no-deps --no-binary :all: "vietnam-provinces==$VERSION" -d "$SRC"
fi
python3 - "$SRC/vietnam_provinces-$VERSION.tar.gz" "$VERSION" data/units/vn-2025.tsv <<'PY'
import json, sys, tarfile, unicodedata
sdist, version, out = sys.argv[1:]
tar = tarfile.open(sdist)
prefix = f"vietnam_provinces-{version}/"
meta = tar.extractfile(prefix + "pyproject.toml").read().decode()
assert 'license = { text = "GPL-3.0-or-later" }' in meta, "the package's licence changed: re-check data/units/SOURCES.md"
init = tar.extractfile(prefix + "vietnam_provinces/__init__.py").read().decode()
data_version = next(l.split("'")[1] for l in init.splitlines() if l.startswith("__data_version__"))
provinces = json.load(tar.extractfile(prefix + "vietnam_provinces/data/nested-divisions.json"))
nfc = lambda s: unicodedata.normalize("NFC", s.strip())
KIND = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố", "phường": "phường", "xã": "xã", "đặc khu": "đặc khu"}
rows = []
for p in sorted(provinces, key=lambda p: p["code"]):
    kind = KIND[p["division_type"]]
    name = nfc(p["name"])
    # The package writes "Cao Bằng" for a province but "Thành phố Hà Nội" for a city: name both in full.
    if kind == "tỉnh" and not name.startswith("Tỉnh "):
        name = "Tỉnh " + name
    pcode = f"{p['code']:02d}"
    rows.append((pcode, kind, name, ""))
    for w in sorted(p["wards"], key=lambda w: w["code"]):
        rows.append((f"{w['code']:05d}", KIND[w["division_type"]], nfc(w["name"]), pcode))
n_prov = sum(1 for r in rows if not r[3])
n_units = len(rows) - n_prov
assert n_prov == 34 and n_units == 3321, (n_prov, n_units)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write(f"# Official list of administrative units of Viet Nam from 1 July 2025: {n_prov} provinces and cities, {n_units} communes, wards and special zones.\n")
    f.write(f"# Source: PyPI vietnam-provinces=={version} (data retrieved {data_version}; names and codes of the General Statistics Office), GPL-3.0-or-later; see SOURCES.md.\n")
    f.write("# Regenerate with scripts/units-build.sh. Columns: code, kind, name (NFC), parent code (empty for a province).\n")
    for r in rows:
        assert all("\t" not in c and "\n" not in c for c in r)
        f.write("\t".join(r) + "\n")
print(f"{out}: {n_prov} provinces, {n_units} units")
PY
