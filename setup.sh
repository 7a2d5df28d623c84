#!/usr/bin/env bash
# Sets up everything the project needs on a fresh machine (Python 3.11 and root are enough) and runs it:
#   ./setup.sh build   check data/ and build the site into site/, with the PDFs of plans, outlines and print packs
#                      (SOTAY_PDF=0 ./setup.sh build skips the PDFs and so needs no browser)
#   ./setup.sh serve   check data/ and serve the site at http://127.0.0.1:8000
#   ./setup.sh test    run the whole test suite
#   ./setup.sh wheels [DIR]   download every wheel the project needs on this platform and Python into DIR
#                      (default wheelhouse/), for a machine without internet: there,
#                      PIP_NO_INDEX=1 PIP_FIND_LINKS=wheelhouse SOTAY_PDF=0 ./setup.sh build
set -euo pipefail
cd "$(dirname "$0")"

command=${1:-build}
python=${PYTHON:-python3}
venv=.venv

# Debian packages the browser tests need: Chromium, which Playwright drives at /usr/bin/chromium (it never
# downloads a browser of its own), fonts with Vietnamese glyphs for the pages and their screenshots, and
# poppler-utils (pdftoppm) to turn the printed PDFs into PNG test artifacts, and nginx, which
# tests/test_nginx.py starts on 127.0.0.1 with the intranet configuration (docs/huong-dan/nginx-sotay.conf).
system_packages=(chromium fonts-liberation fonts-dejavu-core poppler-utils nginx)
# The build prints the PDFs with the same Chromium (the font is shipped in docs/assets/fonts/).
build_packages=(chromium)
pdf=${SOTAY_PDF:-1}
# What the system packages are for, in the messages below.
purpose="cho kiểm thử trình duyệt"

has_candidate() {
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

ensure_system_packages() {
  local missing=() package
  local wanted=("$@")
  if [ ${#wanted[@]} -eq 0 ]; then wanted=("${system_packages[@]}"); fi
  for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Lỗi: thiếu gói hệ thống ${missing[*]} $purpose, và máy này không có apt-get; hãy tự cài rồi chạy lại." >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "Lỗi: thiếu gói hệ thống ${missing[*]} $purpose; cần quyền root để cài:" >&2
      echo "  sudo apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Đang cài gói hệ thống $purpose: ${missing[*]} ..." >&2
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
      echo "Cần các gói này $purpose; hãy kiểm tra mạng hoặc nguồn gói rồi chạy lại ./setup.sh $command." >&2
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
  # The test suite also builds the site with ProperDocs, the second engine, and compares it with MkDocs' build
  # (tests/test_second_engine.py: about 5 seconds).
  if [ "$command" = test ]; then extras="[test,engine2]"; fi
  if [ "$command" = build ] && [ "$pdf" = 1 ]; then extras="[pdf]"; fi
  # Editable, so `sotay` runs this folder's code; setuptools warns about that on every install, by design.
  PYTHONWARNINGS="ignore:Editable installation" \
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".$extras"
}

case "$command" in
  build)
    purpose="để in các bản PDF"
    if [ "$pdf" = 1 ] && ! ensure_system_packages "${build_packages[@]}"; then
      echo "Các bản PDF cần trình duyệt Chromium. Muốn dựng trang không kèm PDF: SOTAY_PDF=0 ./setup.sh build" >&2
      exit 1
    fi
    ensure_venv
    SOTAY_PDF=$pdf "$venv/bin/sotay" build
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
  wheels)
    # pip, setuptools and wheel too: the offline machine builds its venv and the project from this folder alone.
    wheelhouse=${2:-wheelhouse}
    "$python" -m pip download --quiet --disable-pip-version-check -d "$wheelhouse" -c constraints.txt \
      ".[pdf,test,engine2]" "pip>=24" "setuptools>=77" wheel
    echo "Đã tải các gói cần thiết vào $wheelhouse/ ($(ls "$wheelhouse" | wc -l) tệp, $(du -sh "$wheelhouse" | cut -f1))." >&2
    echo "Chép cả thư mục dự án (kèm $wheelhouse/) sang máy không có mạng, cùng hệ điều hành và phiên bản Python, rồi chạy:" >&2
    echo "  PIP_NO_INDEX=1 PIP_FIND_LINKS=$wheelhouse SOTAY_PDF=0 ./setup.sh build" >&2
    ;;
  *)
    echo "Cách dùng: ./setup.sh build | serve | test | wheels [THƯ-MỤC]" >&2
    exit 2
    ;;
esac
