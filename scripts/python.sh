#!/usr/bin/env bash
# Prints the Python interpreter the project runs on: the one named as the first argument, or else
# the newest supported python3.x on this machine. Supported: 3.11 (3.11.4 or newer), 3.12, 3.13.
# Exits 1 with a message in Swedish when there is none.
set -u
supported="Python 3.13, 3.12 eller 3.11 (3.11.4 eller senare)"
fits() {
  "$1" -c 'import sys, venv, ensurepip
sys.exit(not ((3, 11, 4) <= sys.version_info[:3] and sys.version_info[:2] <= (3, 13)))' \
    >/dev/null 2>&1
}
if [ -n "${1:-}" ]; then
  if fits "$1"; then
    echo "$1"
    exit 0
  fi
  echo "Python-tolken \"$1\" kan inte användas: den finns inte, är en version som inte stöds" \
    "eller saknar modulen venv. Projektet kräver $supported, med venv" \
    "(på Debian och Ubuntu: paketet python3.x-venv)." >&2
  exit 1
fi
for candidate in python3.13 python3.12 python3.11 python3; do
  if fits "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done
echo "Hittar ingen Python som projektet stöder. Installera $supported, med venv, eller ange" \
  "tolken själv: make PYTHON=/sökväg/till/python3.12 ..." >&2
exit 1
