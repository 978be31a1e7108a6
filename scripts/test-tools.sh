#!/usr/bin/env bash
# Tools some tests use, where they can be had; a test whose tool is missing is skipped and says
# why (never a failure of `make test`).
#   promtool (tests/unit/test_alert_rules.py: `promtool check rules` and `promtool test rules` of
#   docs/kiosk-alerts.rules.yml): from Debian's `prometheus` package, unpacked into the virtual
#   environment ($VENV/bin/promtool) rather than installed, so that no Prometheus server is set
#   up and started on the machine. Needs apt-get and dpkg-deb (not root); elsewhere, install
#   promtool yourself (https://prometheus.io/download/) or `sudo apt-get install prometheus`.
#   Xvfb, dbus-run-session, the AT-SPI registry and pyatspi (tests/e2e/test_atspi.py: the kiosk
#   on a real X server, walked by an assistive client): installed as root with apt-get where
#   missing; elsewhere `sudo apt-get install xvfb dbus-daemon at-spi2-core python3-pyatspi`.
set -uo pipefail
venv=${VENV:-.venv}

atspi_tools() {
    local missing=()
    command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
    command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus-daemon)
    [ -x /usr/libexec/at-spi2-registryd ] || missing+=(at-spi2-core)
    /usr/bin/python3 -c 'import pyatspi' >/dev/null 2>&1 || missing+=(python3-pyatspi)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "test-tools: missing ${missing[*]}: the AT-SPI end-to-end test will be skipped"
        return 0
    fi
    echo "test-tools: installing ${missing[*]} for the AT-SPI end-to-end test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || echo "test-tools: could not install ${missing[*]}: the AT-SPI test will be skipped"
}
atspi_tools
if command -v promtool >/dev/null 2>&1 || [ -x "$venv/bin/promtool" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "test-tools: no apt-get/dpkg-deb here: the promtool tests will be skipped"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download -qq prometheus >/dev/null 2>&1); then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >/dev/null 2>&1
        (cd "$work" && apt-get download -qq prometheus >/dev/null 2>&1)
    fi
fi
deb=$(ls "$work"/prometheus_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
    echo "test-tools: cannot download Debian's prometheus package: the promtool tests will be skipped"
    exit 0
fi
dpkg-deb -x "$deb" "$work/root" && install -m 755 "$work/root/usr/bin/promtool" "$venv/bin/promtool" \
    && echo "test-tools: promtool from $(basename "$deb") in $venv/bin"
exit 0
