#!/usr/bin/env bash
# Installs everything the tests need (Debian's Chromium and Pango where they are missing, the
# Python packages through pyproject.toml) and runs every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh --browser
python3 -m pip install -q -e '.[test]'
export NO_MKDOCS_2_WARNING=1
python3 -m pytest "$@"
