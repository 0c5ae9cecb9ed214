#!/usr/bin/env bash
# Installs ThinkSafe (and Pango, where it is missing) and builds the bundled site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
python3 -m pip install -q -e .
NO_MKDOCS_2_WARNING=1 python3 -m mkdocs build "$@"
