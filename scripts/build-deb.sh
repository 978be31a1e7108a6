#!/usr/bin/env bash
# Build release/clinic-kiosk_<version>_<arch>.deb from the one-folder bundle (`make deb` runs
# `make dist-check` first, then this). See docs/installing.md ("A Debian package") and
# docs/fleet.md ("Upgrading the program on every kiosk").
#
#   scripts/build-deb.sh [--bundle DIR] [--out DIR] [--version VERSION]
#
# The package holds:
#   /opt/clinic-kiosk/                  the bundle (the program and _internal/)
#   /usr/bin/kiosk                      a link to /opt/clinic-kiosk/kiosk
#   /usr/bin/kiosk-content-sync         the content sync (docs/kiosk-content-sync)
#   /usr/lib/systemd/user/              clinic-kiosk.service, kiosk-content-sync.service and
#                                       .timer, kiosk-stats-export.service and .timer (user units,
#                                       enabled by each kiosk user; they run /opt/clinic-kiosk/kiosk)
#   /usr/share/doc/clinic-kiosk/        the Grafana dashboard, the Prometheus alert rules and
#                                       their unit tests, the fleet guide
#   /etc/default/clinic-kiosk           KIOSK_USER: the account that runs the kiosk (a conffile)
# and a post-install that creates the group clinic-kiosk and the folder node_exporter's textfile
# collector reads (Debian's /var/lib/prometheus/node-exporter), writable by that group.
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=dist/kiosk
out=release
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' kiosk/__init__.py)
while [ $# -gt 0 ]; do
    case $1 in
        --bundle) bundle=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        *) echo "build-deb: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ ! -x "$bundle/kiosk" ]; then
    echo "build-deb: no one-folder build in $bundle; run make dist first" >&2
    exit 1
fi
built=$(env -i PATH=/nonexistent "$bundle/kiosk" --version)
if [ "$built" != "kiosk $version" ]; then
    echo "build-deb: $bundle says '$built', the package would be $version; run make dist" >&2
    exit 1
fi
arch=$(dpkg --print-architecture)
package=clinic-kiosk

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
install -d "$root/opt" "$root/usr/bin" "$root/usr/lib/systemd/user" \
    "$root/usr/share/doc/$package" "$root/etc/default" "$root/DEBIAN"
cp -a "$bundle" "$root/opt/$package"
rm -f "$root/opt/$package/content.yaml"  # a file left there by hand is not part of a release
ln -s "/opt/$package/kiosk" "$root/usr/bin/kiosk"
install -m 755 docs/kiosk-content-sync "$root/usr/bin/kiosk-content-sync"
for unit in clinic-kiosk.service kiosk-content-sync.service kiosk-content-sync.timer \
    kiosk-stats-export.service kiosk-stats-export.timer; do
    # the units of docs/ run the bundle unpacked in ~/clinic-kiosk; the package's, /opt's
    sed -e "s#%h/clinic-kiosk/kiosk#/opt/$package/kiosk#g" \
        -e "s#%h/.local/bin/kiosk-content-sync#/usr/bin/kiosk-content-sync#g" \
        "docs/$unit" > "$root/usr/lib/systemd/user/$unit"
    chmod 644 "$root/usr/lib/systemd/user/$unit"
done
for doc in grafana-dashboard.json kiosk-alerts.rules.yml kiosk-alerts.test.yml fleet.md; do
    install -m 644 "docs/$doc" "$root/usr/share/doc/$package/$doc"
done
install -m 644 packaging/debian/default "$root/etc/default/$package"
for script in postinst postrm; do
    install -m 755 "packaging/debian/$script" "$root/DEBIAN/$script"
done
echo "/etc/default/$package" > "$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    packaging/debian/control > "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/${package}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
( cd "$out" && sha256sum "$(basename "$deb")" > "$(basename "$deb").sha256" )
echo "wrote $deb ($(du -h "$deb" | cut -f1)) and its .sha256"
