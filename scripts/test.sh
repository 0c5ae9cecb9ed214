#!/usr/bin/env bash
# Installs everything the tests need (into .venv unless a virtual environment is active; Pango
# and Debian's Chromium where they are missing; the Python packages through pyproject.toml) and
# runs ruff and mypy, then every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/environment.sh
use_virtual_environment
"$PY" -m pip install -q -e '.[test]'
ensure_pango
ensure_chromium
export NO_MKDOCS_2_WARNING=1
# The tests run `thinksafe` and `mkdocs` as commands too: the environment's own first.
PATH="$(cd "$(dirname "$PY")" && pwd):$PATH"
export PATH
# The guard rails first (configured in pyproject.toml): a finding of either fails the run.
"$PY" -m ruff check
"$PY" -m mypy
"$PY" -m pytest "$@"
