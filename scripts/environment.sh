# Sourced by scripts/build.sh and scripts/test.sh (from the repository's root): finds Python 3.11
# or later and the virtual environment to install ThinkSafe into, and installs the system
# packages ThinkSafe needs where they are missing. Sets PY to that environment's python.
#
# Debian and Ubuntu mark their own Python "externally managed" (PEP 668): pip refuses to install
# into it. So, unless a virtual environment is already active, everything goes into the
# project's own .venv, made here; nothing is installed into the system's Python.

say() { echo "thinksafe: $*" >&2; }

# The Python to start from: $PYTHON if set, else python3 on the PATH.
base_python() {
  local python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    say "cannot find '$python'. ThinkSafe needs Python 3.11 or later: install it (Debian, Ubuntu:"
    say "'sudo apt-get install python3 python3-venv'; macOS: 'brew install python'), or set"
    say "PYTHON=/path/to/python3 and run this again."
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "ThinkSafe needs Python 3.11 or later; '$python' is $("$python" -c 'import platform; print(platform.python_version())' 2>/dev/null || echo 'too old to tell')."
    say "Install a newer Python (Debian 12 and Ubuntu 24.04 have one: 'sudo apt-get install python3"
    say "python3-venv'; macOS: 'brew install python'), or set PYTHON=/path/to/python3.11 and run this again."
    exit 1
  fi
  echo "$python"
}

in_virtual_environment() {
  "$1" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null
}

# Installs Debian packages, if they can be: apt-get is there, and we are root or sudo is.
# Otherwise says what to install by hand ($2: the packages' names elsewhere) and returns 1.
install_system_packages() {
  local debian_names="$1" elsewhere="$2"
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing: $elsewhere. This system has no apt-get, so install it yourself (macOS with"
    say "Homebrew: 'brew install ${elsewhere%% *}'; Fedora: 'sudo dnf install ${elsewhere%% *}'), then run this again."
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      say "missing: $debian_names. Installing them needs administrator rights and sudo is not"
      say "here: ask an administrator to run 'apt-get install $debian_names', then run this again."
      return 1
    fi
    sudo="sudo"
    say "installing $debian_names with 'sudo apt-get' (administrator rights: it may ask for your password)"
  else
    say "installing $debian_names with apt-get"
  fi
  # shellcheck disable=SC2086  # one word a package
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $debian_names >/dev/null
}

# The project's .venv, made when missing; PY set to its python (or to the active environment's).
use_virtual_environment() {
  local base
  base="$(base_python)"
  if in_virtual_environment "$base"; then
    PY="$base"
    return
  fi
  if [ -e .venv ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say ".venv is there but holds no working Python 3.11 or later: remove the folder .venv and run this again."
    exit 1
  fi
  if [ ! -e .venv ]; then
    # Debian's python3 makes a virtual environment only with its python3-venv package.
    if ! "$base" -c 'import ensurepip, venv' 2>/dev/null; then
      local version
      version="$("$base" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      install_system_packages "python$version-venv" "python3-venv" || exit 1
    fi
    say "making a virtual environment in .venv (ThinkSafe and its libraries go there, not into the system's Python)"
    "$base" -m venv .venv
  fi
  PY=".venv/bin/python"
}

# Pango, which WeasyPrint needs for the lesson packs' PDFs; not fatal: a build with packs on then
# stops with ThinkSafe's own message naming the fix (or packs: false).
ensure_pango() {
  "$PY" -m thinksafe.core.packs.pango >/dev/null && return 0
  install_system_packages "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" "pango" || return 0
}

# Debian's Chromium, for the browser tests (they never download a browser).
ensure_chromium() {
  [ -n "${THINKSAFE_CHROMIUM:-}" ] && return 0
  command -v chromium >/dev/null 2>&1 && return 0
  install_system_packages "chromium" "chromium" || return 0
}
