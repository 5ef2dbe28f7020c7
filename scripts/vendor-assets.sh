#!/usr/bin/env bash
# Front-end packages from the npm registry, served by thuvien itself (never from a CDN).
# The built files are committed under src/thuvien/static/thuvien/vendor/ so that `make demo`
# needs no npm; run this script to fetch them again or to move to another pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/thuvien/static/thuvien/vendor
CHARTJS=4.6.2
# Mirador 4 (Apache-2.0): the IIIF viewer of the digital library; one UMD bundle, Vietnamese
# locale included, no eval (it runs under the project's CSP).
MIRADOR=4.0.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$CHARTJS" >/dev/null && tar xzf "chart.js-$CHARTJS.tgz")
mkdir -p "$VENDOR"
cp "$work/package/dist/chart.umd.js" "$VENDOR/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$VENDOR/chart.js-LICENSE.md"
echo "chart.js $CHARTJS -> $VENDOR"
(cd "$work" && npm pack --silent "mirador@$MIRADOR" >/dev/null && mkdir mirador \
  && tar xzf "mirador-$MIRADOR.tgz" -C mirador)
cp "$work/mirador/package/dist/mirador.min.js" "$VENDOR/mirador.min.js"
cp "$work/mirador/package/LICENSE" "$VENDOR/mirador-LICENSE"
echo "mirador $MIRADOR -> $VENDOR"
