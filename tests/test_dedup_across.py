"""Duplicates across the files of a run (--dedup-across)."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.variants import edited, rewrapped
from cleaner.cli import Exit, cli
from cleaner import minhash
from cleaner.dedup_across import THRESHOLD, Index, Sketch, Table, furniture_signature

from .conftest import SAMPLES

ARTICLE = (SAMPLES / "003_16ae7f1c72d43ddc.txt").read_text(encoding="utf-8")
OTHER = (SAMPLES / "002_1814720abe64748a.txt").read_text(encoding="utf-8")
SHARED = "会议强调，要坚持立德树人根本任务，深化产教融合、校企合作，不断提升职业教育的质量和吸引力，为经济社会发展提供有力人才支撑。"


def _sketch(article: str, furniture: str = "") -> Sketch:
    """As :func:`cleaner.dedup_across.sketch` makes it of a page."""
    return Sketch(*minhash.sketch(article), furniture_signature(furniture))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _corpus(root: Path, order: list[str]) -> Path:
    """The same five files, created in the given order."""
    pages = {
        "a.txt": ARTICLE,
        "b.txt": "其他网站首页 新闻 体育 财经 科技\n" + edited(rewrapped(ARTICLE), every=120),  # same article elsewhere
        "c.txt": OTHER,
        "d.txt": "另一篇文章的标题\n这是另一篇文章的第一段，讲的是完全不同的事情，和前面的文章没有关系。\n" + SHARED + "\n这是另一篇文章的最后一段，同样讲的是自己的事情，内容各不相同。\n",
        "e.txt": "第三篇文章\n第三篇文章的开头讲了一件别的事情，与前两篇都不相同，篇幅也不长。\n" + SHARED + "\n第三篇文章的结尾也说了自己的话，表达了作者的看法和期待。\n",
    }
    root.mkdir()
    for name in order:
        (root / name).write_text(pages[name], encoding="utf-8")
    return root


def _records(path: Path) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_keep_reports_copies_and_repeats_but_writes_everything(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    plain, kept = tmp_path / "plain", tmp_path / "kept"
    assert run(corpus, "-o", plain).exit_code == Exit.OK
    result = run(corpus, "-o", kept, "--dedup-across", "keep", "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK
    for name in "abcde":
        assert (kept / f"{name}.txt").read_bytes() == (plain / f"{name}.txt").read_bytes()
    records = _records(tmp_path / "r.jsonl")
    assert Path(records["b.txt"]["duplicate_of"]["path"]).name == "a.txt"
    assert records["b.txt"]["duplicate_of"]["similarity"] >= 0.8
    assert "duplicate_of" not in records["c.txt"] and "duplicate_of" not in records["d.txt"]
    assert [Path(r["also_in"]).name for r in records["e.txt"]["repeated"]] == ["d.txt"]


def test_drop_leaves_later_copies_unwritten_and_removes_repeated_paragraphs(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    out = tmp_path / "out"
    result = run(corpus, "-o", out, "--dedup-across", "drop", "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "c.txt", "d.txt", "e.txt"]
    assert "b.txt: near-duplicate of" in result.stderr
    assert SHARED in (out / "d.txt").read_text(encoding="utf-8")
    e = (out / "e.txt").read_text(encoding="utf-8")
    assert SHARED not in e and e.startswith("第三篇文章")
    record = _records(tmp_path / "r.jsonl")["e.txt"]
    assert record["counts"]["dup.across"] == 1
    assert any(r["reason"] == "dup.across" and "d.txt line" in r["evidence"] for r in record["removals"])


def test_same_folder_same_result_whatever_the_order_on_disk(tmp_path):
    outputs = []
    for number, order in enumerate((["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"], ["e.txt", "d.txt", "c.txt", "b.txt", "a.txt"])):
        corpus = _corpus(tmp_path / f"in{number}", order)
        out = tmp_path / f"out{number}"
        run(corpus, "-o", out, "--dedup-across", "drop")
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]


def test_drop_with_in_place_is_refused(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "b.txt"])
    result = run(corpus, "--in-place", "--dedup-across", "drop")
    assert result.exit_code == Exit.USAGE
    assert (corpus / "b.txt").read_text(encoding="utf-8").startswith("其他网站首页")


def test_lsh_compares_few_pairs(monkeypatch):
    """No all-pairs comparison: 400 unrelated documents cost a handful of
    signature comparisons, not 79,800."""
    import cleaner.dedup_across as dedup_across

    calls = 0
    real = dedup_across.similarity

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(dedup_across, "similarity", counting)
    memory = Index()
    rng = random.Random(7)
    for number in range(400):
        text = "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(300))
        assert memory.document(f"p{number}", _sketch(text)) is None
    assert calls < 400 and len(memory) == 400


@pytest.mark.parametrize("every", [60, 200])
def test_near_duplicate_found_through_lsh(every):
    memory = Index()
    assert memory.document("article", _sketch(ARTICLE)) is None
    assert memory.document("other", _sketch(OTHER)) is None
    twin = memory.document("copy", _sketch(edited(ARTICLE, every=every)))
    assert twin is not None and twin.path == "article"
    assert len(memory) == 2  # a copy is not an original: later pages are not compared with it


def test_cross_file_state_belongs_to_one_run(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "b.txt"])
    for name in ("x", "y"):
        result = run(corpus, "-o", tmp_path / name, "--dedup-across", "drop")
        assert result.exit_code == Exit.OK
    assert sorted(p.name for p in (tmp_path / "y").iterdir()) == ["a.txt"]
    shutil.rmtree(tmp_path / "x")


def _jsonl_corpus(root: Path) -> Path:
    """The five pages as the documents of two JSON Lines files (a corpus
    split into shards), with a field of their own each."""
    pages = {name: (root.parent / "src" / name).read_text(encoding="utf-8") for name in "abcde"}
    root.mkdir()
    shards = {"0.jsonl": ["a", "c", "d"], "1.jsonl": ["b", "e"]}
    for shard, names in shards.items():
        lines = [json.dumps({"id": name, "text": pages[name]}, ensure_ascii=False) for name in names]
        (root / shard).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_documents_of_json_lines_files_are_compared_across_the_run(tmp_path, jobs):
    src = _corpus(tmp_path / "src", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    for page in src.iterdir():
        page.rename(page.with_suffix(""))
    corpus = _jsonl_corpus(tmp_path / "in")
    result = run(corpus, "-o", tmp_path / "kept", "--dedup-across", "keep", "--report", tmp_path / "k.jsonl", "-j", jobs)
    assert result.exit_code == Exit.OK, result.output
    reports = {r["record"]: r for r in map(json.loads, (tmp_path / "k.jsonl").read_text(encoding="utf-8").splitlines()) if r["path"].endswith("1.jsonl")}
    assert reports["1"]["duplicate_of"]["path"].endswith("0.jsonl [1]") and reports["1"]["dropped"] is False
    assert [r["also_in"] for r in reports["2"]["repeated"]][0].endswith("0.jsonl [3]")
    kept = [json.loads(line) for line in (tmp_path / "kept" / "1.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in kept] == ["b", "e"]

    result = run(corpus, "-o", tmp_path / "out", "--dedup-across", "drop", "--report", tmp_path / "d.jsonl", "-j", jobs)
    assert result.exit_code == Exit.OK, result.output
    assert "1 document(s) near-duplicates of earlier ones" in result.stderr
    first = [json.loads(line) for line in (tmp_path / "out" / "0.jsonl").read_text(encoding="utf-8").splitlines()]
    second = [json.loads(line) for line in (tmp_path / "out" / "1.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in first] == ["a", "c", "d"] and [r["id"] for r in second] == ["e"]
    assert SHARED in first[2]["text"] and SHARED not in second[0]["text"] and second[0]["text"].startswith("第三篇文章")
    reports = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    dropped = [r for r in reports if r.get("dropped")]
    assert len(dropped) == 1 and set(dropped[0]["counts"]) >= {"dup.document"}
    # Cleaning the output again finds nothing more to drop.
    again = run(tmp_path / "out", "--check", "--dedup-across", "drop", "-j", jobs)
    assert again.exit_code == Exit.OK, again.output


def _site(name: str, article: str) -> str:
    """``article`` framed by a site's furniture: a menu, a breadcrumb and a
    footer of its own, as long as the article."""
    menu = "  ".join(f"{name}频道{i}" for i in range(12))
    footer = "\n".join(f"{name}推荐阅读：第{i}条新闻标题，点击查看详情" for i in range(15))
    return f"{name}首页\n{menu}\n当前位置：{name} > 新闻 > 正文\n\n{article}\n\n{footer}\n版权所有 {name}网 京ICP备12345678号\n"


def test_pages_are_compared_on_their_article(tmp_path):
    """The same article on two sites is one article; two articles on one site are two."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "1.txt").write_text(_site("甲", ARTICLE), encoding="utf-8")
    (corpus / "2.txt").write_text(_site("乙", rewrapped(ARTICLE)), encoding="utf-8")
    (corpus / "3.txt").write_text(_site("甲", OTHER), encoding="utf-8")
    result = run(corpus, "--check", "--dedup-across", "keep", "--report", tmp_path / "r.jsonl")
    assert result.exit_code in (Exit.OK, Exit.FAILED) and not result.stderr.count("error")
    records = _records(tmp_path / "r.jsonl")
    assert Path(records["2.txt"]["duplicate_of"]["path"]).name == "1.txt"
    assert "duplicate_of" not in records["3.txt"]


def test_an_article_of_a_few_sentences_is_not_compared(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    short = "今天上午，市里召开了全市安全生产工作会议。会议强调，要把安全放在首位。\n"
    for name in ("1.txt", "2.txt"):
        (corpus / name).write_text(short, encoding="utf-8")
    result = run(corpus, "-o", tmp_path / "out", "--dedup-across", "drop", "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK
    records = _records(tmp_path / "r.jsonl")
    assert all(r["too_short"] is True and "duplicate_of" not in r for r in records.values())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1.txt", "2.txt"]


def test_duplicates_listing_has_a_line_per_copy(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    listing = tmp_path / "dups.tsv"
    result = run(corpus, "--check", "--dedup-across", "keep", "--duplicates", listing, "--report", tmp_path / "r.jsonl")
    assert result.exit_code in (Exit.OK, Exit.FAILED) and not result.stderr.count("error")
    lines = [line.split("\t") for line in listing.read_text(encoding="utf-8").splitlines()]
    assert [(Path(page).name, Path(original).name) for page, original, _, _ in lines] == [("b.txt", "a.txt")]
    record = _records(tmp_path / "r.jsonl")["b.txt"]["duplicate_of"]
    assert (float(lines[0][2]), float(lines[0][3])) == (record["similarity"], record["shared"])
    refused = run(corpus, "--check", "--duplicates", listing)
    assert refused.exit_code == Exit.USAGE and "--dedup-across" in refused.output


def test_an_article_framed_by_another_sites_prose_is_a_copy():
    """Across sites, a page whose article is another's with prose of its own
    site around it (longer than the article) is a copy: the two are under
    the threshold, but one holds most of the other. On one site, the same
    pair is two articles: a site's pages share its prose."""
    extra = OTHER
    for furniture, copy in (("另一个网站 首页 新闻 体育 财经 关于我们 联系我们", True), ("本站 首页 新闻 体育", False)):
        memory = Index()
        assert memory.document("article", _sketch(ARTICLE, "本站 首页 新闻 体育")) is None
        found = memory.document("framed", _sketch(ARTICLE + extra, furniture))
        assert (found is not None) is copy
        if found is not None:
            assert found.path == "article" and found.similarity < THRESHOLD and found.shared > 0.9


def test_a_page_joins_an_original_never_a_copy():
    """A chain of edits (each copy close to the one before, far from the
    first) cannot make a cluster of pages that do not resemble its original."""
    memory = Index()
    rng = random.Random(3)
    text = list("".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(1500)))
    names = []
    for step in range(8):
        twin = memory.document(f"p{step}", _sketch("".join(text)))
        names.append(twin.path if twin else None)
        for at in rng.sample(range(len(text)), 45):  # 3% of the characters, again and again
            text[at] = chr(0x4E00 + rng.randrange(3000))
    assert all(name in (None, *(f"p{step}" for step in range(8) if names[step] is None)) for name in names)
    originals = [f"p{step}" for step in range(8) if names[step] is None]
    assert len(originals) == len(memory) >= 2 and names[1] == "p0"


def test_table_keeps_every_value_of_a_key():
    table = Table("Q", slots=8)
    rng = random.Random(5)
    added: dict[int, list[int]] = {}
    for value in range(500):
        key = rng.choice([0, 1, 2**64 - 1, *range(100, 140)])
        table.add(key, value)
        added.setdefault(key or 1, []).append(value)
    for key, values in added.items():
        assert sorted(table.get(key)) == values
    assert list(table.get(99)) == [] and table.count == 500


def test_a_file_name_that_is_not_utf8_is_reported(tmp_path):
    """The report and the listing are UTF-8 whatever the file names: a name's
    stray bytes are escaped, and the report's JSON gives the name back."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    odd = os.path.join(os.fsencode(corpus), b"caf\xe9.txt")
    with open(odd, "wb") as f:
        f.write(ARTICLE.encode("utf-8"))
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    listing = tmp_path / "dups.tsv"
    result = run(corpus, "-q", "-o", tmp_path / "out", "--dedup-across", "keep", "--duplicates", listing, "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK, result.output
    paths = [json.loads(line)["path"] for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert os.fsencode(paths[1]) == odd
    assert listing.read_text(encoding="utf-8").startswith(str(corpus / "caf\\udce9.txt") + "\t")


def test_a_page_without_furniture_is_of_no_known_site():
    """Nothing removed says nothing about a page's site: the shared share,
    which holds only across sites, does not apply to it."""
    extra = OTHER
    for furniture in ("", "另一个网站 首页 新闻 体育 财经 关于我们 联系我们"):
        memory = Index()
        assert memory.document("article", _sketch(ARTICLE, "本站 首页 新闻 体育")) is None
        found = memory.document("framed", _sketch(ARTICLE + extra, furniture))
        assert (found is None) is (furniture == "")

