#!/usr/bin/env bash
# Installs everything ACEC Tracker needs on Debian/Ubuntu: system packages
# (only those missing; needs root) and the Python packages in .venv.
# Usage: scripts/install.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-app}"

# Qt (offscreen and on a screen), fonts for every script of the region, and
# Python's venv. Tests also need poppler-utils (pdftotext, pdffonts) and gettext.
packages=(python3 python3-venv python3-pip
  libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libx11-6 libxkbcommon0
  libdbus-1-3 libgssapi-krb5-2 fontconfig fonts-noto-core fonts-noto-cjk)
if [ "$purpose" = app ]; then
  packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libcups2)
else
  # binutils: strip, which the bundle's build (build.spec) runs on every library.
  packages+=(poppler-utils binutils)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A Python from elsewhere (pyenv, python.org) already has venv and pip.
if python3 -c "import venv, ensurepip" 2>/dev/null; then
  tmp=(); for pkg in "${missing[@]}"; do case "$pkg" in python3|python3-venv|python3-pip) ;; *) tmp+=("$pkg");; esac; done
  missing=("${tmp[@]}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-$purpose"
wanted="$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$purpose" = app ]; then
    .venv/bin/python -m pip install -q -e .
  else
    .venv/bin/python -m pip install -q -e ".[dev]"
  fi
  echo "$wanted" > "$stamp"
fi
