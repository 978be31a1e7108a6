#!/usr/bin/env bash
# Install the Debian packages Qt needs, where they are missing.
#   scripts/system-deps.sh            what the offscreen platform needs (tests, previews),
#                                     and espeak-ng, the read-aloud voice (kiosk/ui/speech.py)
#   scripts/system-deps.sh --display  also what a real X display needs (the kiosk itself)
# As root with apt-get it installs them; otherwise it prints the exact apt command.
set -euo pipefail

offscreen=(libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
           libxkbcommon0 fonts-dejavu-core espeak-ng)
display=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)

wanted=("${offscreen[@]}")
if [ "${1:-}" = "--display" ]; then
    wanted+=("${display[@]}")
fi
python=${PYTHON:-python3}
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    exit 0  # not Debian: nothing we can check here
fi
missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
exec bash "$(dirname "$0")/apt-install.sh" "the kiosk needs" "${missing[@]}"
