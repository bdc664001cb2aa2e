#!/usr/bin/env bash
# Install what the app needs into .venv (first time only) and open it on the local
# SQLite database. Arguments pass through: tools/run.sh --lang ru, tools/run.sh client list
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
if ! .venv/bin/python -c "import crm_desktop, PySide6" 2>/dev/null; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e .
fi
exec .venv/bin/crm-desktop "$@"
