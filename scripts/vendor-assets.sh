#!/usr/bin/env bash
# Front-end packages from the npm registry, served by thuvien itself (never from a CDN).
# The built files are committed under src/thuvien/static/thuvien/vendor/ so that `make demo`
# needs no npm; run this script to fetch them again or to move to another pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/thuvien/static/thuvien/vendor
CHARTJS=4.6.2
# Mirador 4 (Apache-2.0): the IIIF viewer of the digital library, one IIFE bundle (window.Mirador),
# Vietnamese locale included, no eval (it runs under the project's CSP). Built here from the npm
# package's source with React, MUI, reselect and OpenSeadragon in PRODUCTION mode: the package's
# own dist files are development builds (React's "element.ref was removed" and reselect's
# identity-function warnings on every viewer page). Versions: scripts/mirador/package.json, pinned
# to the byte by its package-lock.json (npm ci); the same lock gives the same bundle.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$CHARTJS" >/dev/null && tar xzf "chart.js-$CHARTJS.tgz")
mkdir -p "$VENDOR"
cp "$work/package/dist/chart.umd.js" "$VENDOR/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$VENDOR/chart.js-LICENSE.md"
echo "chart.js $CHARTJS -> $VENDOR"
(cd scripts/mirador && npm ci --silent --no-audit --no-fund \
  && ./node_modules/.bin/esbuild entry.js --bundle --format=iife --global-name=Mirador \
    --minify --define:process.env.NODE_ENV='"production"' --define:global=globalThis \
    --loader:.js=jsx --jsx=automatic --target=es2020 --legal-comments=external --log-level=error \
    --outfile="$work/mirador.min.js")
cp "$work/mirador.min.js" "$VENDOR/mirador.min.js"
cp "$work/mirador.min.js.LEGAL.txt" "$VENDOR/mirador-bundled-LICENSES.txt"
cp scripts/mirador/node_modules/mirador/LICENSE "$VENDOR/mirador-LICENSE"
echo "mirador $(node -p 'require("./scripts/mirador/node_modules/mirador/package.json").version') (production build) -> $VENDOR"
