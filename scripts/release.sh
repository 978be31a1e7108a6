#!/usr/bin/env bash
# Pack the checked one-folder build into release/clinic-kiosk-<version>-<os>-<arch>.tar.gz.
# `make release` runs `make dist-check` first, then this. The archive unpacks to
# clinic-kiosk/ (the program, _internal/, INSTALL.txt and the systemd user unit); it holds no
# content.yaml beside the program, so unpacking it never overwrites a clinic's own.
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=dist/kiosk
if [ ! -x "$bundle/kiosk" ]; then
    echo "release: no one-folder build in $bundle; run make dist first" >&2
    exit 1
fi
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' kiosk/__init__.py)
if [ -z "$version" ]; then
    echo "release: no __version__ in kiosk/__init__.py" >&2
    exit 1
fi
built=$(env -i PATH=/nonexistent "$bundle/kiosk" --version)
if [ "$built" != "kiosk $version" ]; then
    echo "release: $bundle says '$built', the source says $version; run make dist" >&2
    exit 1
fi
os=$(uname -s | tr '[:upper:]' '[:lower:]')
name="clinic-kiosk-$version-$os-$(uname -m)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -a "$bundle" "$stage/clinic-kiosk"
rm -f "$stage/clinic-kiosk/content.yaml"  # a file left there by hand is not part of a release
cp docs/clinic-kiosk.service "$stage/clinic-kiosk/"
sed "s/@VERSION@/$version/g" scripts/INSTALL.txt.in > "$stage/clinic-kiosk/INSTALL.txt"

mkdir -p release
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$stage" -cf - clinic-kiosk \
    | gzip -n > "release/$name.tar.gz"
( cd release && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256" )
echo "wrote release/$name.tar.gz ($(du -h "release/$name.tar.gz" | cut -f1)) and its .sha256"
