#!/usr/bin/env bash
# Installs what crates/writers' LibreOffice tests need, and nothing when it is already there:
# Calc and Writer (soffice, to open the files the writers make), python3-uno (the test that
# reads the frozen header through a hidden view) and a CJK font (so converted pages show
# Chinese, not boxes). Debian packages; run as root, as the bootstrap does.
set -euo pipefail

have_all() {
  command -v soffice >/dev/null &&
    /usr/bin/python3 -c 'import uno' 2>/dev/null &&
    fc-list :lang=zh 2>/dev/null | grep -q .
}

if have_all; then
  exit 0
fi
echo "[install-libreoffice] installing LibreOffice Calc/Writer, python3-uno, fonts-noto-cjk"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libreoffice-calc libreoffice-writer python3-uno fonts-noto-cjk >/dev/null
have_all || { echo "[install-libreoffice] still missing after install" >&2; exit 1; }
