#!/usr/bin/env bash
# What PyInstaller needs on the build machine, beyond the venv (`make dist` runs this):
#   - objdump (binutils): PyInstaller refuses to run on Linux without it;
#   - strip (binutils): the spec strips symbols from the libraries;
#   - the shared Python library (libpython3.X.so.1.0): Debian's python3 is linked
#     statically, and its shared library is a separate package (libpython3.X).
# The libraries Qt's xcb plugin needs are installed by `scripts/system-deps.sh --display`,
# which `make dist` runs first, so that they are bundled.
# As root with apt-get it installs what is missing; otherwise it prints the exact command.
#   PYTHON=.venv/bin/python bash scripts/build-deps.sh
set -euo pipefail

python=${PYTHON:-python3}
missing=()
command -v objdump >/dev/null 2>&1 && command -v strip >/dev/null 2>&1 || missing+=(binutils)

# Where the interpreter's shared library should be, and whether the loader can find it.
read -r version libname < <("$python" -c 'import sys, sysconfig
print("%d.%d" % sys.version_info[:2], sysconfig.get_config_var("INSTSONAME") or "")')
if [ -n "$libname" ]; then
    libdir=$("$python" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')
    if [ ! -e "$libdir/$libname" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q "$libname"; then
        missing+=("libpython$version")
    fi
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "The build needs: ${missing[*]} (objdump and strip; the shared library of Python $version)"
    exit 1
fi
exec bash "$(dirname "$0")/apt-install.sh" "the build needs" "${missing[@]}"
