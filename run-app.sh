#!/usr/bin/env bash
# Installs what is needed and opens ACEC Tracker on the database in your user
# data folder (a first-run wizard creates it).
#   ./run-app.sh            your office's database
#   ./run-app.sh --demo     a demo database (regional picture, secretariat view)
#   ./run-app.sh --demo VN  a demo database of one country office
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh app
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
  echo "No screen found (DISPLAY is not set). Run this from a desktop session." >&2
  exit 1
fi
if [ "${1:-}" = --demo ]; then
  site="${2:-SEC}"
  data="$(.venv/bin/python -c 'from app.locations import data_folder; print(data_folder())')"
  demo="$data/demo-$site.sqlite"
  if [ ! -f "$demo" ]; then
    .venv/bin/acec --db "$demo" init --site "$site" --name "Demo office ($site)"
    .venv/bin/acec --db "$demo" demo --size 5000
  fi
  exec .venv/bin/acec --db "$demo"
fi
exec .venv/bin/acec "$@"
