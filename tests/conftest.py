"""Shared fixtures: every test runs with its own DRAFTER_HOME, so none touches a real home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Locally, property tests draw new examples every run and so keep exploring. In CI they are
# derandomized: a landing must not hinge on which examples a run happened to draw.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def drafter_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DRAFTER_HOME at an empty folder and clear what could leak in from the machine."""
    home = tmp_path_factory.mktemp("drafter-home")
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    for var in ("DRAFTER_PATH", "DRAFTER_DEBUG", "VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home
