"""Quality floors on samples/: pinned so they cannot drop by accident.

The full dev sets are scored by ``bench/quality.py``; these floors only guard
the five sample pages that ship with the project.
"""

from __future__ import annotations

from bench import quality

from .conftest import SAMPLES

FLOOR_MACRO_F1 = 0.97
FLOOR_RECALL = 0.99


def test_samples_floor():
    pages = quality.score_folder(SAMPLES)
    summary = quality.summarise(pages)
    assert summary["pages"] == 5
    assert summary["macro"]["f1"] >= FLOOR_MACRO_F1
    assert summary["macro"]["f1"] > summary["baseline_macro_f1"]
    for page in pages:
        assert page.r >= FLOOR_RECALL, f"{page.id} lost article text: recall {page.r:.3f}"


def test_scorer_counts_a_doubled_article_against_precision():
    gold = quality.tokens("会议强调,要牢记使命。")
    doubled = quality.tokens("会议强调,要牢记使命。" * 2)
    tp = sum((doubled & gold).values())
    assert quality.prf(tp, sum(doubled.values()), sum(gold.values()))[:2] == (0.5, 1.0)
