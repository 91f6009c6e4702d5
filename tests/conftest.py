from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample_pages() -> list[Path]:
    """The raw pages in samples/ (their golds are ``<id>.gold.txt``)."""
    return sorted(p for p in SAMPLES.glob("*.txt") if not p.name.endswith(".gold.txt"))


@pytest.fixture(params=sample_pages(), ids=lambda p: p.stem[:3])
def sample(request) -> Path:
    return request.param


@pytest.fixture
def sample_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sample_pages()}
