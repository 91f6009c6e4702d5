"""Site templates learned over a run (--templates), and worker processes (--jobs)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cleaner import clean_text
from cleaner.templates import learn
from cleaner.cli import Exit, cli
from cleaner.files import discover
from cleaner.pipeline import Config
from cleaner.reasons import Reason
from cleaner.segment import segment
from cleaner.templates import Templates, page_hashes

from .conftest import SAMPLES

# Articles of one site: each a title and three paragraphs of its own.
ARTICLES = [
    ["市政府召开常务会议研究部署秋季防汛工作", "会议指出，今年入汛以来我市降雨偏多，部分河流水位持续偏高，防汛形势严峻复杂。", "会议要求，各区县要压实防汛责任，加强隐患排查，确保人民群众生命财产安全。", "会议还研究了其他事项，并对下一阶段工作作出安排。"],
    ["我市新建十所中小学将于九月投入使用", "记者从市教育局获悉，今年我市新建的十所中小学已完成验收，将于九月开学时投入使用。", "新学校共提供学位一万两千个，有效缓解了城区入学难的问题。", "教育部门表示，将继续加大投入，推动义务教育优质均衡发展。"],
    ["老旧小区改造惠及三万户居民", "今年以来，我市共启动老旧小区改造项目四十六个，惠及居民三万余户。", "改造内容包括管网更新、外墙保温、加装电梯和增设停车位等。", "居民王女士说，改造后小区环境焕然一新，住得更舒心了。"],
    ["地铁五号线二期工程全面开工", "地铁五号线二期工程日前全面开工建设，线路全长十八公里，设站十二座。", "工程预计三年后建成通车，届时将串联起城市东部多个重要片区。", "建设单位表示，将严格落实安全生产责任，确保工程质量和施工安全。"],
]
# What the site prints around every article; no rule knows its sign-off
# sentence, which reads like the article's last line.
SIGN_OFF = "山城晚报全体采编人员竭诚为读者提供真实可靠的本地新闻服务。"
FOOTER = "联系我们 | 关于我们 | 广告服务"


def site_page(article: list[str], sign_off: str = SIGN_OFF) -> str:
    return "\n".join(["山城晚报 首页 本地 财经 体育 文旅", "", article[0], "", *article[1:], sign_off, FOOTER]) + "\n"


def learned(pages: list[str]) -> Templates:
    templates = Templates()
    for page in pages:
        templates.add(page_hashes(segment(page)))
    return templates


def test_the_sign_off_every_page_shares_goes_only_with_templates():
    pages = [site_page(article) for article in ARTICLES]
    templates = learned(pages)
    for page, article in zip(pages, ARTICLES):
        alone = clean_text(page).text
        assert SIGN_OFF in alone  # the page alone cannot tell it from the article
        result = clean_text(page, templates=templates)
        assert result.text == "\n".join([article[0], "", *article[1:]]) + "\n"
        sign_off = next(d for d in result.decisions if d.block.text == SIGN_OFF)
        assert sign_off.reason is Reason.BOILER_TEMPLATE
        assert sign_off.evidence == f"template: seen in {len(pages)} of {len(pages)} pages"


def test_a_line_of_one_page_or_two_is_not_template():
    pages = [site_page(ARTICLES[0]), site_page(ARTICLES[1])] + [site_page(a, sign_off="本报讯。") for a in ARTICLES[2:]]
    result = clean_text(pages[0], templates=learned(pages))
    assert SIGN_OFF in result.text  # in two files only: under the bar of three


def test_a_syndicated_article_is_not_its_sites_template():
    # The same article on five sites, each with its own menu and footer.
    article = ARTICLES[0]
    pages = [f"第{n}网 首页 新闻 专题\n\n" + "\n".join(article) + f"\n第{n}网版权所有\n" for n in range(5)]
    templates = learned(pages)
    for page in pages:
        assert clean_text(page, templates=templates).text == clean_text(page).text


def test_short_lines_many_pages_share_count_only_with_their_neighbours():
    # 同志们： opens every speech, followed each time by a different first paragraph.
    speeches = [["同志们：", *article[1:]] for article in ARTICLES]
    pages = ["\n".join(speech) + "\n" for speech in speeches]
    templates = learned(pages)
    for page in pages:
        result = clean_text(page, templates=templates)
        assert result.text.startswith("同志们：\n")
        assert not any(d.reason is Reason.BOILER_TEMPLATE for d in result.decisions)


def test_counts_are_hashes_of_lines_and_pairs_and_do_not_depend_on_order():
    pages = [site_page(article) for article in ARTICLES]
    forward, backward = learned(pages), learned(pages[::-1])
    assert forward.counts == backward.counts and forward.pages == backward.pages == 4
    assert all(isinstance(key, int) and 0 <= key < 2**64 for key in forward.counts)


def _site(root: Path) -> Path:
    root.mkdir()
    for number, article in enumerate(ARTICLES):
        (root / f"{number}.txt").write_text(site_page(article), encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return root


def test_learn_reads_every_file_and_leaves_bad_ones_to_the_clean_pass(tmp_path):
    site = _site(tmp_path / "site")
    templates = learn(discover([site]), Config())
    assert templates.pages == len(ARTICLES)  # the binary file is not counted
    assert learn(discover([site]), Config(), jobs=2).counts == templates.counts


def test_cli_templates_with_one_and_two_jobs(tmp_path):
    site = _site(tmp_path / "site")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        report = tmp_path / f"r{jobs}.jsonl"
        result = CliRunner().invoke(cli, [str(site), "-o", str(out), "--templates", "-j", jobs, "--report", str(report)])
        assert result.exit_code == Exit.OK, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
        records = {Path(r["path"]).name: r for r in map(json.loads, report.read_text(encoding="utf-8").splitlines())}
        assert records["0.txt"]["counts"]["boiler.template"] >= 1
        assert records["broken.txt"]["status"] == "skipped"
    assert outputs[0] == outputs[1]
    assert SIGN_OFF not in outputs[0]["0.txt"].decode("utf-8")


def test_jobs_give_the_same_files_report_and_summary_as_one_job(tmp_path):
    pages = sorted(p for p in SAMPLES.glob("*.txt") if not p.name.endswith(".gold.txt"))
    corpus = tmp_path / "in"
    corpus.mkdir()
    for copy in range(3):  # enough files for every worker to get several
        for page in pages:
            (corpus / f"{copy}_{page.name}").write_bytes(page.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    seen = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        report = tmp_path / f"r{jobs}.jsonl"
        result = CliRunner().invoke(cli, [str(corpus), "-o", str(out), "-j", jobs, "--report", str(report), "--dedup-across", "keep"])
        assert result.exit_code == Exit.OK, result.output
        records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
        for record in records:
            record.pop("output", None)
        seen.append(({p.name: p.read_bytes() for p in sorted(out.iterdir())}, records))
    assert seen[0] == seen[1] == seen[2]
    assert [Path(r["path"]).name for r in seen[0][1]] == sorted(p.name for p in corpus.iterdir())


def test_the_documents_of_a_json_lines_file_are_pages_of_the_run(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = [json.dumps({"url": f"http://example.com/{n}", "text": site_page(article)}, ensure_ascii=False) for n, article in enumerate(ARTICLES)]
    (corpus / "site.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    templates = learn(discover([corpus]), Config())
    assert templates.pages == len(ARTICLES)
    assert learn(discover([corpus]), Config(), jobs=2).counts == templates.counts
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, [str(corpus), "-o", str(tmp_path / jobs), "--templates", "-j", jobs])
        assert result.exit_code == Exit.OK, result.output
        cleaned = [json.loads(line) for line in (tmp_path / jobs / "site.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [r["url"] for r in cleaned] == [f"http://example.com/{n}" for n in range(len(ARTICLES))]
        for record, article in zip(cleaned, ARTICLES):
            assert SIGN_OFF not in record["text"] and article[1] in record["text"]


def test_a_page_too_large_to_clean_does_not_stop_template_learning(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import Exit, cli

    (tmp_path / "big.txt").write_bytes(b"x\n" * 60_000)
    (tmp_path / "page.txt").write_text("第一段，讲了一件事情。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [str(tmp_path), "-o", str(tmp_path / "out"), "--templates", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == Exit.FAILED and "copied through unchanged" in result.stderr
    assert (tmp_path / "out" / "page.txt").exists() and (tmp_path / "out" / "big.txt").exists()
