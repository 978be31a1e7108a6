#!/usr/bin/env bash
# Install Debian packages: as root with apt-get it installs them; otherwise it prints the
# exact command and fails. Used by system-deps.sh and build-deps.sh.
#   scripts/apt-install.sh "what needs them" PACKAGE...
set -euo pipefail
purpose=$1
shift
[ $# -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the packages $purpose: $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
else
    echo "Packages $purpose are missing. Install them with:"
    echo "  sudo apt-get install -y $*"
    exit 1
fi
