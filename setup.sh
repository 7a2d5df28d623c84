#!/usr/bin/env bash
# Sets up everything the project needs on a fresh machine (Python 3.11 and root are enough) and runs it:
#   ./setup.sh build   check data/ and build the site into site/
#   ./setup.sh serve   check data/ and serve the site at http://127.0.0.1:8000
#   ./setup.sh test    run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

command=${1:-build}
python=${PYTHON:-python3}
venv=.venv

ensure_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
  local extras=""
  if [ "$command" = test ]; then extras="[test]"; fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".$extras"
}

case "$command" in
  build)
    ensure_venv
    "$venv/bin/sotay" build
    ;;
  serve)
    ensure_venv
    "$venv/bin/sotay" serve
    ;;
  test)
    ensure_venv
    "$venv/bin/python" -m pytest "${@:2}"
    ;;
  *)
    echo "Cách dùng: ./setup.sh build | serve | test" >&2
    exit 2
    ;;
esac
