"""Shared fixtures: an isolated data directory per test, and the real samples beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TRADEPOINT_DATA_DIR pointed at a fresh folder (landing, runs, warehouse go there)."""
    monkeypatch.setenv("TRADEPOINT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def uk_samples() -> Path:
    folder = SAMPLES / "uk_trade_tariff"
    if not folder.is_dir():
        pytest.fail(f"real samples missing: {folder} (shared/ must sit beside the repo)")
    return folder
