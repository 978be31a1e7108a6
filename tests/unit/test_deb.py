"""`make deb` (issue 29, item 3): scripts/build-deb.sh packs a bundle under /opt/clinic-kiosk with
the services and timers, the content sync, the dashboard and the alert rules; the package
installs into a scratch root (its post-install makes node_exporter's textfile folder), upgrades
keeping the administrator's settings, and removes cleanly.

The bundle here is a small stand-in (a script that answers `--version` as the real one does),
so that the test needs dpkg but not PyInstaller; `make deb` packs the real one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "scripts" / "build-deb.sh"
UNITS = (
    "clinic-kiosk.service",
    "kiosk-content-sync.service",
    "kiosk-content-sync.timer",
    "kiosk-stats-export.service",
    "kiosk-stats-export.timer",
)

pytestmark = pytest.mark.skipif(
    not (shutil.which("dpkg-deb") and shutil.which("dpkg")),
    reason="dpkg and dpkg-deb are not installed (not Debian): no package can be built here",
)


def stand_in_bundle(folder: Path, version: str) -> Path:
    bundle = folder / "kiosk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "libpython.so").write_bytes(b"stand-in")
    program = bundle / "kiosk"
    program.write_text(f'#!/bin/sh\necho "kiosk {version}"\n', "utf-8")
    program.chmod(0o755)
    return bundle


def build(tmp_path: Path, version: str) -> Path:
    bundle = stand_in_bundle(tmp_path / f"bundle-{version}", version)
    out = tmp_path / "release"
    done = subprocess.run(
        ["bash", str(BUILD), "--bundle", str(bundle), "--out", str(out), "--version", version],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (deb,) = out.glob(f"clinic-kiosk_{version}_*.deb")
    assert (out / f"{deb.name}.sha256").is_file()
    return deb


def dpkg(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """dpkg on a scratch root: its own database; the maintainer scripts run outside a chroot
    with DPKG_ROOT set (the scratch root has no shell of its own)."""
    admin = root / "var" / "lib" / "dpkg"
    for folder in ("info", "updates"):
        (admin / folder).mkdir(parents=True, exist_ok=True)
    (admin / "status").touch()
    command = ["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends"]
    if os.geteuid() != 0:
        command.append("--force-not-root")
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_the_package_carries_the_program_services_timers_sync_dashboard_and_rules(
    tmp_path: Path,
) -> None:
    deb = build(tmp_path, "0.1.0")
    files = tmp_path / "files"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(files)], check=True)
    assert os.access(files / "opt/clinic-kiosk/kiosk", os.X_OK)
    assert (files / "opt/clinic-kiosk/_internal/libpython.so").is_file()
    assert os.readlink(files / "usr/bin/kiosk") == "/opt/clinic-kiosk/kiosk"
    assert os.access(files / "usr/bin/kiosk-content-sync", os.X_OK)
    docs = files / "usr/share/doc/clinic-kiosk"
    for name in ("grafana-dashboard.json", "kiosk-alerts.rules.yml", "kiosk-alerts.test.yml"):
        assert (docs / name).read_bytes() == (ROOT / "docs" / name).read_bytes()
    for unit in UNITS:
        text = (files / "usr/lib/systemd/user" / unit).read_text("utf-8")
        execs = [line for line in text.splitlines() if line.startswith("ExecStart=")]
        # the package's units run the package's program, not a bundle unpacked in the home
        assert all("%h/clinic-kiosk" not in line for line in execs), (unit, execs)
        assert all(".local/bin" not in line for line in execs), (unit, execs)
    service = (files / "usr/lib/systemd/user/clinic-kiosk.service").read_text("utf-8")
    assert "ExecStart=/opt/clinic-kiosk/kiosk run" in service
    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert info.stdout.split() == ["Package:", "clinic-kiosk", "Version:", "0.1.0"]


def test_it_installs_upgrades_and_removes_in_a_scratch_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    dpkg(root, "-i", str(build(tmp_path, "0.1.0")))
    program = root / "opt/clinic-kiosk/kiosk"
    assert subprocess.run([program, "--version"], capture_output=True, text=True).stdout == (
        "kiosk 0.1.0\n"
    )
    textfile = root / "var/lib/prometheus/node-exporter"  # Debian's node_exporter reads it
    assert textfile.is_dir() and textfile.stat().st_mode & 0o2070 == 0o2070
    settings = root / "etc/default/clinic-kiosk"
    settings.write_text(settings.read_text("utf-8").replace("KIOSK_USER=", "KIOSK_USER=kiosk"))

    dpkg(root, "-i", str(build(tmp_path, "0.2.0")))  # an upgrade
    assert subprocess.run([program, "--version"], capture_output=True, text=True).stdout == (
        "kiosk 0.2.0\n"
    )
    assert "KIOSK_USER=kiosk" in settings.read_text("utf-8")  # the administrator's, kept
    listed = dpkg(root, "--status", "clinic-kiosk").stdout
    assert "Version: 0.2.0" in listed and "install ok installed" in listed

    dpkg(root, "--remove", "clinic-kiosk")
    assert not (root / "opt/clinic-kiosk").exists()
    assert not (root / "usr/bin/kiosk").exists()
    assert not (root / "usr/lib/systemd/user/clinic-kiosk.service").exists()
    assert settings.is_file()  # a conffile stays until purge
    dpkg(root, "--purge", "clinic-kiosk")
    assert not settings.exists()


def test_a_bundle_of_another_version_is_not_packed(tmp_path: Path) -> None:
    bundle = stand_in_bundle(tmp_path, "0.0.9")
    done = subprocess.run(
        ["bash", str(BUILD), "--bundle", str(bundle), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "says 'kiosk 0.0.9'" in done.stderr and "run make dist" in done.stderr
    assert not (tmp_path / "out").exists()
