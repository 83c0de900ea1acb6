#!/usr/bin/env bash
# Installs the Debian packages Manim builds and renders against (Cairo, Pango, LaTeX, ffmpeg)
# and the lecture voice (Festival's HTS voice, docs/voice.md).
#   install-system-deps.sh            what a render needs
#   install-system-deps.sh publish    ... and what the deck and the page are built with (npm)
#   install-system-deps.sh test       ... and what the tests check them with (chromium, pdfinfo)
# Does nothing when they are all present. Works on Debian 12 and 13, as root or through sudo.
set -euo pipefail
GROUP=${1:-render}

PACKAGES=(
  build-essential python3-dev pkg-config   # pycairo and manimpango compile from source
  python3-venv                             # the project's .venv
  libcairo2-dev libpango1.0-dev            # ... against these
  ffmpeg                                   # video encoding
  texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm cm-super  # MathTex
  festival festvox-us-slt-hts              # the lecture voice: speaks offline (docs/voice.md)
)
if [ "$GROUP" = publish ] || [ "$GROUP" = test ]; then
  # reveal.js and MathJax come from npm (tools/web/package.json); a machine with Node but
  # without Debian's npm package keeps its own.
  command -v npm >/dev/null || PACKAGES+=(npm)
fi
if [ "$GROUP" = test ]; then
  PACKAGES+=(
    chromium        # the browser tests (tests/browser.py): Debian's, so nothing downloads one
    poppler-utils   # pdfinfo: the slide handout's page count
  )
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all ${#PACKAGES[@]} present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo)
else
  echo "error: missing Debian packages (${missing[*]}) and not root; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -q; then
  echo "error: 'apt-get update' failed; check the network/apt sources, then rerun: ${SUDO[*]} apt-get update" >&2
  exit 1
fi
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  for pkg in "${missing[@]}"; do
    if ! apt-cache show "$pkg" >/dev/null 2>&1; then
      echo "error: Debian package '$pkg' is not available from your apt sources" >&2
    fi
  done
  echo "error: installing system packages failed; run by hand to see why:" >&2
  echo "  ${SUDO[*]} apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system packages: installed ${#missing[@]}"
