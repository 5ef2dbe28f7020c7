#!/usr/bin/env bash
# Lighthouse (accessibility, best practices) on the search result page and a record page.
#
#   benchmarks/lighthouse.sh
#
# Needs Lighthouse from npm outside the repository (LH_DIR, default /tmp/lh:
#   mkdir -p /tmp/lh && cd /tmp/lh && npm init -y && npm install lighthouse@12)
# and Debian's chromium. Serves THUVIEN_DATA_DIR (default: the benchmark data of
# search_build.py) with gunicorn, DEBUG off, static files collected.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LH_DIR="${LH_DIR:-/tmp/lh}"
PORT="${PORT:-8766}"
OUT="${OUT:-/tmp/thuvien-lighthouse}"
export THUVIEN_DATA_DIR="${THUVIEN_DATA_DIR:-/tmp/thuvien-bench-db}"
export THUVIEN_DEBUG=0 CHROME_PATH=/usr/bin/chromium
export DJANGO_SETTINGS_MODULE=thuvien.config.settings.base
mkdir -p "$OUT"
"$ROOT/.venv/bin/thuvien" collectstatic --noinput -v0
"$ROOT/.venv/bin/gunicorn" thuvien.config.wsgi --workers 2 --bind "127.0.0.1:$PORT" \
  --log-level warning &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/search/?q=warm" >/dev/null && break
  sleep 1
done
RECORD=$(curl -s "http://127.0.0.1:$PORT/api/v1/search/?q=lich+su" |
  "$ROOT/.venv/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
for page in "search/?q=lich+su" "search/?q=l%E1%BB%8Bch+s%E1%BB%AD&lang=vie" \
    "search/?q=lich+su&start=9980" "search/record/$RECORD/"; do
  name=$(echo "$page" | tr -c 'a-zA-Z0-9' '_' | cut -c1-40)
  "$LH_DIR/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/$page" \
    --only-categories=accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox" \
    --output=json --output-path="$OUT/$name.json" --quiet
  "$ROOT/.venv/bin/python" - "$OUT/$name.json" "$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
cats = report["categories"]
failed = [a["id"] for a in report["audits"].values() if a.get("score") == 0]
print(f"{sys.argv[2]}: accessibility {cats['accessibility']['score'] * 100:.0f}, "
      f"best practices {cats['best-practices']['score'] * 100:.0f}; failing: {failed}")
PY
done
