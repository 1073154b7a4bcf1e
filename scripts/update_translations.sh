#!/usr/bin/env bash
# Extracts every _()/ngettext/N_() string, and the user guide's paragraphs
# (resources/guide/guide.md, see babel.cfg), into translations/messages.pot and
# merges it into each language's .po (translators then fill the new entries).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
  --project "ACEC Tracker" --copyright-holder "ACEC Tracker developers" \
  -o translations/messages.pot app resources
for po in translations/*/LC_MESSAGES/messages.po; do
  [ -f "$po" ] || continue
  lang="$(basename "$(dirname "$(dirname "$po")")")"
  .venv/bin/pybabel update -i translations/messages.pot -d translations -l "$lang" --no-fuzzy-matching --ignore-obsolete
done
.venv/bin/pybabel compile -d translations --statistics || true
