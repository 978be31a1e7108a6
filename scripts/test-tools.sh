#!/usr/bin/env bash
# Tools some tests use, where they can be had; a test whose tool is missing is skipped and says
# why (never a failure of `make test`).
#   promtool (tests/unit/test_alert_rules.py: `promtool check rules` and `promtool test rules` of
#   docs/kiosk-alerts.rules.yml): from Debian's `prometheus` package, unpacked into the virtual
#   environment ($VENV/bin/promtool) rather than installed, so that no Prometheus server is set
#   up and started on the machine. Needs apt-get and dpkg-deb (not root); elsewhere, install
#   promtool yourself (https://prometheus.io/download/) or `sudo apt-get install prometheus`.
set -uo pipefail
venv=${VENV:-.venv}
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
