#!/usr/bin/env bash
# Installs ThinkSafe (into .venv unless a virtual environment is active, and Pango where it is
# missing) and builds the bundled site into site/. Extra arguments go to `mkdocs build`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/environment.sh
use_virtual_environment
"$PY" -m pip install -q -e .
ensure_pango
NO_MKDOCS_2_WARNING=1 "$PY" -m mkdocs build "$@"
