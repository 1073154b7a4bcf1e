#!/usr/bin/env bash
# Installs what is needed and runs the whole test suite offscreen, after
# ruff's lint and format checks and mypy --strict on app/. Extra arguments go to pytest
# (e.g. ./run-tests.sh --runslow for the long proof runs).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # strict, on app/, as pyproject.toml says
.venv/bin/pytest "$@"
