#!/usr/bin/env bash
# Installs the system tools the notebooks and their tests need (Jupyter's nbconvert and
# notebook server, Jupyter's kernel test suite, headless Chromium, numpy for a reference script) when they are missing. On
# Debian as root it uses apt; elsewhere it stops with the exact command to run. Then JupyterLab
# 4, for `npm run lab` and the JupyterLab tests, into the project venv .venv/
# (scripts/ensure-jupyterlab.sh: pip).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=(jupyter-nbconvert python3-nbclient)
command -v jupyter-notebook >/dev/null 2>&1 || missing+=(jupyter-notebook)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Jupyter's kernel conformance suite, run against the capture-lab kernel by test/kernel/.
/usr/bin/python3 -c "import jupyter_kernel_test" >/dev/null 2>&1 || missing+=(python3-jupyter-kernel-test)
# numpy for scripts/model_quality_reference.py, the model-quality tests' independent reference.
/usr/bin/python3 -c "import numpy" >/dev/null 2>&1 || missing+=(python3-numpy)
[ ${#missing[@]} -eq 0 ] && exec bash "$here/ensure-jupyterlab.sh" >/dev/null
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  exec bash "$here/ensure-jupyterlab.sh" >/dev/null
fi
cat >&2 <<MSG
Capture Lab needs Jupyter (nbconvert, notebook) and Chromium for its notebooks.
Missing: ${missing[*]}
On Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends ${missing[*]}
Elsewhere:         python3 -m pip install nbconvert notebook jupyter_kernel_test numpy   (and install Chromium for the UI test)
MSG
exit 1
