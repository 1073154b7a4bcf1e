#!/usr/bin/env bash
# Builds the one-folder program for users into dist/acec-tracker/ (build.spec)
# and prints its size. Installs PyInstaller into .venv first if it is missing.
# Usage: scripts/build_bundle.sh [PYTHON]   (default: .venv/bin/python)
# Fonts: Debian's fonts-noto-core and fonts-noto-cjk, or the folder named by
# ACEC_FONTS_DIR (see buildsteps/fonts.py).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-.venv/bin/python}"
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  "$python" -m pip install -q "pyinstaller>=6.10"
fi
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller build.spec
du -sh dist/acec-tracker | sed 's/\t/  /'
