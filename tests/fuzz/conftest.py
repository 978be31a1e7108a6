"""Hypothesis profiles of the loader fuzz tests.

The short profile is part of every `pytest` run (a few seconds); the long one runs on demand:

    KIOSK_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/fuzz

Neither keeps a database (`database=None`), and Hypothesis's other caches (the constants it
collects from the code, its Unicode tables) go to the temporary folder instead of
`.hypothesis/` in the working directory, unless HYPOTHESIS_STORAGE_DIRECTORY says where. The
profiles are registered here and applied by the tests themselves (`settings.get_profile`),
never loaded globally, so they cannot change other tests that use Hypothesis.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    user = os.getuid() if hasattr(os, "getuid") else "user"
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"kiosk-hypothesis-{user}")

LONG_EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "0") or 0)
"""Examples per property in the long run; 0 (unset) for the short run."""

_COMMON = {
    "deadline": None,  # the tests assert their own time budget per example
    "database": None,
    "print_blob": True,  # a failure prints @reproduce_failure(...) to replay it
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("kiosk-fuzz-short", max_examples=100, **_COMMON)
settings.register_profile("kiosk-fuzz-long", max_examples=max(LONG_EXAMPLES, 1), **_COMMON)
