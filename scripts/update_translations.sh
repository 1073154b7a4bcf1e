#!/usr/bin/env bash
# Extracts every _()/ngettext/N_() string of app/ and every English text of the
# plan data (resources/plan_*.json) into translations/messages.pot, merges it
# into each language's .po (translators then fill the new entries) and
# compiles the .mo files. PYTHON overrides the interpreter (default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
"$python" -m buildsteps.catalogues extract translations/messages.pot
for po in translations/*/LC_MESSAGES/messages.po; do
  [ -f "$po" ] || continue
  lang="$(basename "$(dirname "$(dirname "$po")")")"
  "$python" -m babel.messages.frontend update -i translations/messages.pot -d translations \
    -l "$lang" --no-fuzzy-matching --ignore-obsolete
done
"$python" -m babel.messages.frontend compile -d translations --statistics || true
