#!/usr/bin/env bash
# Lighthouse scores for each page type of the bundled site, on a phone and on a desktop.
# Not part of .ci/run: it needs Node.js and npm, and takes a few minutes.
#
#   scripts/lighthouse.sh                 # prints a Markdown table of the scores
#   scripts/lighthouse.sh --json DIR      # also keeps every report as DIR/<page>-<device>.json
#
# It builds the site with site_url set to the address it serves it at (so canonical links and
# the sitemap are absolute, as on a published site), serves it on loopback, and runs the
# pinned Lighthouse from npm in Debian's Chromium (CHROME_PATH), kept off every other host.
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_VERSION=13.5.0
TOOLS="${LIGHTHOUSE_DIR:-.cache/lighthouse}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
PORT="${LIGHTHOUSE_PORT:-8799}"
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
PAGES=("home:" "landing:8-10/" "lesson:8-10/games-and-chat/" "help:help/" "packs:teachers/packs/")
KEEP=""
if [ "${1:-}" = "--json" ]; then KEEP="${2:?--json needs a folder}"; mkdir -p "$KEEP"; fi

if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi

WORK="$(mktemp -d)"
CONFIG=".lighthouse-mkdocs.yml"   # beside mkdocs.yml, which it inherits
SERVER=""
cleanup() { rm -f "$CONFIG"; [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

printf 'INHERIT: mkdocs.yml\nsite_url: http://127.0.0.1:%s/\n' "$PORT" > "$CONFIG"
NO_MKDOCS_2_WARNING=1 "$PYTHON" -m mkdocs build -q -f "$CONFIG" -d "$WORK/site"
"$PYTHON" -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/site" >/dev/null 2>&1 &
SERVER=$!
sleep 1

FLAGS="--headless=new --no-sandbox --disable-gpu --no-first-run --host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
for entry in "${PAGES[@]}"; do
  name="${entry%%:*}"; path="${entry#*:}"
  for device in mobile desktop; do
    preset=(); [ "$device" = desktop ] && preset=(--preset=desktop)
    "$TOOLS/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/$path" "${preset[@]}" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$FLAGS" --output=json --output-path="$WORK/$name-$device.json" --quiet
    [ -n "$KEEP" ] && cp "$WORK/$name-$device.json" "$KEEP/"
  done
done

"$PYTHON" - "$WORK" "${PAGES[@]}" <<'EOF'
import json, sys
from pathlib import Path

work, pages = Path(sys.argv[1]), [p.split(":", 1) for p in sys.argv[2:]]
categories = ["performance", "accessibility", "best-practices", "seo"]
print("| page | device | performance | accessibility | best practices | SEO | failed audits |")
print("|---|---|---|---|---|---|---|")
for name, path in pages:
    for device in ("mobile", "desktop"):
        report = json.loads((work / f"{name}-{device}.json").read_text())
        scores = [round(report["categories"][c]["score"] * 100) for c in categories]
        failed = sorted({ref["id"] for c in categories[1:] for ref in report["categories"][c]["auditRefs"]
                         if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                         and report["audits"][ref["id"]]["scoreDisplayMode"] == "binary"})
        print(f"| {name} (`/{path}`) | {device} | " + " | ".join(map(str, scores)) +
              f" | {', '.join(failed) or '–'} |")
EOF
