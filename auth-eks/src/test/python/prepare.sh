#!/usr/bin/env bash
# Creates the Python venv of the AWS emulator used by auth-eks integration tests, once per
# version of requirements.txt, outside the repository: ~/.cache/skiff-py/<hash>/.
# Idempotent; prints the venv's python. Called by `./dev test` and by the tests themselves.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
hash=$( (cat "$here/requirements.txt"; "$python" -c 'import sys; print(sys.version_info[:2])') | sha256sum | cut -c1-16)
venv="${SKIFF_PY_CACHE:-$HOME/.cache/skiff-py}/$hash"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$here/requirements.txt" >&2
  touch "$venv/.complete"
fi
echo "$venv/bin/python"
