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

# Debian packages the browser tests need: Chromium, which Playwright drives at /usr/bin/chromium (it never
# downloads a browser of its own), and fonts with Vietnamese glyphs for the pages and their screenshots.
system_packages=(chromium fonts-liberation fonts-dejavu-core)

has_candidate() {
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

ensure_system_packages() {
  local missing=() package
  for package in "${system_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Lỗi: thiếu gói hệ thống ${missing[*]} cho kiểm thử trình duyệt, và máy này không có apt-get; hãy tự cài rồi chạy lại." >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "Lỗi: thiếu gói hệ thống ${missing[*]} cho kiểm thử trình duyệt; cần quyền root để cài:" >&2
      echo "  sudo apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Đang cài gói hệ thống cho kiểm thử trình duyệt: ${missing[*]} ..." >&2
  local log apt
  log=$(mktemp)
  # -o DPkg::Lock::Timeout: wait for an apt-get that is already running instead of failing at once.
  apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=900 -o Dpkg::Use-Pty=0)
  local updated=no
  for package in "${missing[@]}"; do
    if ! has_candidate "$package"; then
      "${apt[@]}" update >>"$log" 2>&1 && updated=yes
      break
    fi
  done
  if ! "${apt[@]}" install --no-install-recommends "${missing[@]}" </dev/null >>"$log" 2>&1; then
    # Package lists may be stale (a file gone from the mirror): refresh them once and try again.
    if [ "$updated" = yes ] || ! { "${apt[@]}" update </dev/null >>"$log" 2>&1 &&
        "${apt[@]}" install --no-install-recommends "${missing[@]}" </dev/null >>"$log" 2>&1; }; then
      tail -n 25 "$log" >&2
      echo "Lỗi: không cài được gói hệ thống ${missing[*]} bằng apt-get (xem các dòng trên; toàn bộ nhật ký: $log)." >&2
      echo "Kiểm thử trình duyệt cần các gói này; hãy kiểm tra mạng hoặc nguồn gói rồi chạy lại ./setup.sh test." >&2
      return 1
    fi
  fi
  rm -f "$log"
  echo "Đã cài: ${missing[*]}." >&2
}

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
    ensure_system_packages
    ensure_venv
    "$venv/bin/python" -m pytest "${@:2}"
    ;;
  *)
    echo "Cách dùng: ./setup.sh build | serve | test" >&2
    exit 2
    ;;
esac
