"""A clinic chain for the tests: a content repository, an editor who pushes to it, and the
shipped timer's script that brings it to one kiosk (docs/kiosk-content-sync)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docs" / "kiosk-content-sync"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Content editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Content editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, "HOME": str(folder)},
        check=True,
    )
    return done.stdout.strip()


class Chain:
    """The chain's content repository (a local bare one), an editor's clone that pushes to
    it, and one kiosk's folder that the timer's script fills."""

    def __init__(self, tmp: Path, content_text: str) -> None:
        self.origin = tmp / "origin.git"
        self.editor = tmp / "editor"
        self.base = tmp / "kiosk-content"
        subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(self.origin)])
        subprocess.run(["git", "init", "--quiet", "-b", "main", str(self.editor)], check=True)
        shutil.copytree(
            ROOT / "assets", self.editor / "assets", ignore=shutil.ignore_patterns("fonts")
        )
        self.text = content_text
        self.validator = tmp / "kiosk-validate"
        self.validator.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kiosk "$@"\n')
        self.validator.chmod(self.validator.stat().st_mode | stat.S_IXUSR)

    def push(self, text: str, message: str) -> str:
        (self.editor / "content.yaml").write_text(text, "utf-8")
        git(self.editor, "add", "-A")
        git(self.editor, "commit", "--quiet", "-m", message)
        git(self.editor, "push", "--quiet", str(self.origin), "main")
        return git(self.editor, "rev-parse", "HEAD")

    def push_entry(self, name: str, message: str) -> str:
        """A commit whose tree also holds a file called `name` (made with git's plumbing, as
        a tool on another system could: no file system here could write it)."""
        listing = git(self.editor, "ls-tree", "HEAD")
        blob = git(self.editor, "rev-parse", "HEAD:content.yaml")
        tree = subprocess.run(
            ["git", "-C", str(self.editor), "mktree"],
            input=f"{listing}\n100644 blob {blob}\t{name}\n",
            capture_output=True,
            text=True,
            env={**os.environ, **GIT_ENV, "HOME": str(self.editor)},
            check=True,
        ).stdout.strip()
        commit = git(self.editor, "commit-tree", tree, "-p", "HEAD", "-m", message)
        git(self.editor, "push", "--quiet", str(self.origin), f"{commit}:refs/heads/main")
        git(self.editor, "reset", "--quiet", "--soft", commit)
        return commit

    def sync(self, **settings: str) -> subprocess.CompletedProcess[str]:
        """The timer's command, as kiosk-content-sync.service runs it (with more settings from
        its environment file, if given)."""
        env = {
            **os.environ,
            **GIT_ENV,
            "HOME": str(self.base.parent),
            "KIOSK_CONTENT_REPO": str(self.origin),
            "KIOSK_CONTENT_BASE": str(self.base),
            "KIOSK_BIN": str(self.validator),
            **settings,
        }
        return subprocess.run(
            [str(SCRIPT)], capture_output=True, text=True, env=env, cwd=self.base.parent
        )

    @property
    def live(self) -> Path:
        return self.base / "current" / "content.yaml"
