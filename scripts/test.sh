#!/usr/bin/env bash
# Installs everything the tests need (Debian's Chromium where it is missing, the Python
# packages through pyproject.toml) and runs every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

python3 -m pip install -q -e '.[test]'
export NO_MKDOCS_2_WARNING=1
python3 -m pytest "$@"
