#!/usr/bin/env bash
# Creates .venv with the chosen Python and installs the hash-locked dependencies and the project.
# The environment is rebuilt from scratch when its interpreter is not the chosen one (another
# version, or another installation), and reinstalled when pyproject.toml or the lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(bash scripts/python.sh "${PYTHON:-}")
venv=.venv
stamp="$venv/.installed"
interpreter=$("$python" -c 'import os, sys; print(os.path.realpath(sys.executable), sys.version.split()[0])')
inputs=$(cat pyproject.toml requirements/lock.txt | sha256sum | cut -c1-16)
wanted="$interpreter $inputs"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
if [ -d "$venv" ] && { [ ! -f "$stamp" ] || [ "$(cut -d' ' -f1,2 "$stamp")" != "$interpreter" ]; }; then
  echo "Skapar $venv på nytt med $python ($interpreter)."
  rm -rf "$venv"
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r requirements/lock.txt
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
  --no-build-isolation -e .
echo "$wanted" > "$stamp"
