#!/usr/bin/env bash
# Installs JupyterLab 4 for `npm run lab` and the JupyterLab tests when it is missing: into a
# project-local Python venv (.venv/, git-ignored) with pip, from the index pip is configured
# with. Only when pip cannot install it, and on Debian as root, it falls back to Debian's
# classic Notebook (`npm run lab` then opens that). Elsewhere it stops with the command to run.
#
#   bash scripts/ensure-jupyterlab.sh     # prints the jupyter executable to use on stdout
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${CAPTURE_LAB_VENV:-$root/.venv}"
# The version the JupyterLab tests were written against (menus and CSS classes they use).
lab_requirement="jupyterlab==4.6.4"
# Fail fast when an index is unreachable instead of retrying for minutes (a slow network can
# raise these with CAPTURE_LAB_PIP_RETRIES / CAPTURE_LAB_PIP_TIMEOUT).
pip_flags=(--retries "${CAPTURE_LAB_PIP_RETRIES:-0}" --timeout "${CAPTURE_LAB_PIP_TIMEOUT:-5}" --disable-pip-version-check)

if [ -x "$venv/bin/jupyter-lab" ] && "$venv/bin/jupyter" lab --version >/dev/null 2>&1; then
  echo "$venv/bin/jupyter"
  exit 0
fi

as_root_with_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

python="$(command -v python3 || true)"
if [ -z "$python" ] && as_root_with_apt; then
  echo "Installing python3 with apt-get" >&2
  apt_install python3 python3-venv
  python="$(command -v python3)"
fi
if [ -n "$python" ] && ! "$python" -c "import venv, ensurepip" >/dev/null 2>&1 && as_root_with_apt; then
  # Debian splits venv's pip bootstrap into python3-venv.
  echo "Installing python3-venv with apt-get" >&2
  apt_install python3-venv
fi

if [ -n "$python" ]; then
  echo "Installing $lab_requirement into $venv (pip)" >&2
  if { [ -x "$venv/bin/pip" ] || "$python" -m venv "$venv" >&2; } && "$venv/bin/pip" install -q "${pip_flags[@]}" "$lab_requirement" >&2; then
    echo "$venv/bin/jupyter"
    exit 0
  fi
  echo "pip could not install $lab_requirement" >&2
fi

if command -v jupyter-notebook >/dev/null 2>&1; then
  command -v jupyter
  exit 0
fi
if as_root_with_apt; then
  echo "Falling back to Debian's classic Notebook (apt-get install jupyter-notebook)" >&2
  apt_install jupyter-notebook
  command -v jupyter
  exit 0
fi
cat >&2 <<MSG
Capture Lab's \`npm run lab\` needs JupyterLab 4 and could not install it.
Install it into the project venv:   python3 -m venv .venv && .venv/bin/pip install '$lab_requirement'
(on Debian/Ubuntu first:            sudo apt-get install -y python3-venv)
MSG
exit 1
