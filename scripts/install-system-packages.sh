#!/usr/bin/env bash
# Debian packages thuvien needs on a fresh machine: a browser for the browser tests, gettext to
# compile translations, YAZ and Zebra for Z39.50 copy cataloguing, fonts with Vietnamese glyphs
# for PDFs, ClamAV, Tesseract with its Vietnamese model, libvips, Ghostscript (ocrmypdf), Index
# Data's simple2zoom (Z39.50 in front of our SRU), restic (backups), libmagic (upload
# screening) and ffmpeg (duration and poster frame of digitised recordings). Installs only what
# is missing, so a second run costs nothing.
set -euo pipefail
PACKAGES=(chromium gettext fonts-dejavu-core yaz idzebra-2.0 poppler-utils
  clamav clamav-daemon tesseract-ocr tesseract-ocr-vie tesseract-ocr-chi-tra tesseract-ocr-fra
  tesseract-ocr-eng libvips42 ghostscript libnet-z3950-simple2zoom-perl restic libmagic1 ffmpeg)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Cần cài các gói hệ thống (missing system packages): ${missing[*]}" >&2
  echo "Run as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
