"""Quality floors on samples/: pinned so they cannot drop by accident.

The full dev sets are scored by ``bench/quality.py``; these floors only guard
the five sample pages that ship with the project.
"""

from __future__ import annotations

import json

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


def test_junk_kept_is_charged_to_where_it_lies():
    from cleaner import clean_text

    article = "会议强调，要牢记使命担当，切实增强加快推进现代职业教育健康持续发展的使命感和责任感。\n会议要求，各地各部门要狠抓工作落实，确保各项任务落到实处。\n"
    title = "春天约定"  # (no character of it in the article: each line is charged in page order)
    result = clean_text(title + "\n" + article + "本次会议由市教育局主办，各区县教育局负责同志参加了会议。\n")
    junk = quality.kept(result, quality.tokens(article), article)
    assert junk["before"] == len(title)  # the title, which this gold leaves out
    assert junk["after"] > 0 and junk["inside"] == 0


def test_pages_that_fell_are_listed_worst_first():
    before = {"dev/a": {"f1": {"1": 0.9, "2": 0.8, "3": 0.5}}}
    after = {"dev/a": {"f1": {"1": 0.7, "2": 0.798, "3": 0.6}}}
    assert quality.worse(before, after) == [(after["dev/a"]["f1"]["1"] - 0.9, "a/1", 0.9, 0.7)]


def test_spam_lines_are_counted_before_and_after_cleaning(tmp_path, capsys):
    from bench import spam

    article = "会议强调，要牢记使命担当，切实增强加快推进现代职业教育健康持续发展的使命感和责任感。\n" * 3
    documents = [article + "本文关键词：娃娃,菜炒,必威betway中文版,香菇\n", article]
    path = tmp_path / "cc.jsonl"
    path.write_text("".join(json.dumps({"raw_content": text}, ensure_ascii=False) + "\n" for text in documents), encoding="utf-8")
    assert spam.main([str(path)]) == 0
    assert capsys.readouterr().out.startswith("2 documents: 1 hold spam lines before cleaning (1 lines), 0 after (0 lines)")
