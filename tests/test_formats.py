"""Inputs that are not one plain-text page: gzip/zstd, JSON Lines, WARC/WET, HTML."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import Exit, cli
from cleaner.formats import Format, html_text, output_name, pack, sniff, unpack

from .conftest import sample_pages

PAGES = [p.read_text(encoding="utf-8") for p in sample_pages()]
CLEAN = [clean_text(p).text for p in PAGES]
# A document's cleaned text ends as its text did (some sample pages have no final newline).
CLEAN_DOC = [c if p.endswith("\n") else c.rstrip("\n") for p, c in zip(PAGES, CLEAN)]


def cli_run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


# Compression -------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["gzip", "zstd"])
def test_compressed_pages_are_read_and_written_back_compressed(tmp_path, codec):
    pytest.importorskip("zstandard") if codec == "zstd" else None
    name = "page.txt.gz" if codec == "gzip" else "page.txt.zst"
    page = tmp_path / "in" / name
    page.parent.mkdir()
    page.write_bytes(pack(codec, PAGES[1].encode("gb18030")))
    # stdout: plain text
    assert cli_run(page).stdout == CLEAN[1]
    # -o: the same name, compressed the same way
    assert cli_run(tmp_path / "in", "-o", tmp_path / "out").exit_code == Exit.OK
    written = (tmp_path / "out" / name).read_bytes()
    assert unpack(written) == (codec, CLEAN[1].encode("utf-8"), None)
    # --in-place, then --check finds nothing to do
    assert cli_run(tmp_path / "in", "--in-place").exit_code == Exit.OK
    assert unpack(page.read_bytes()) == (codec, CLEAN[1].encode("utf-8"), None)
    assert cli_run(tmp_path / "in", "--check").exit_code == Exit.OK


def test_gzip_output_is_the_same_bytes_every_time():
    assert pack("gzip", b"abc") == pack("gzip", b"abc")


def test_damaged_gzip_is_one_line_and_the_run_goes_on(tmp_path):
    (tmp_path / "bad.txt.gz").write_bytes(gzip.compress(PAGES[0].encode())[:-30])
    (tmp_path / "good.txt").write_text(PAGES[0], encoding="utf-8")
    result = cli_run(tmp_path, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {tmp_path / 'bad.txt.gz'}: damaged gzip data") and result.stderr.count("\n") == 1
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == CLEAN[0]


# JSON Lines ---------------------------------------------------------------------


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


RECORDS = [
    {"id": "a", "text": PAGES[0], "lang": "zh", "meta": {"n": 1}},
    {"id": "b", "content": "no text field here"},
    {"id": "c", "text": CLEAN[2]},
    {"id": "d", "text": PAGES[3]},
]


GOOD = [r for r in RECORDS if "text" in r]


def test_jsonl_cleans_the_text_field_and_keeps_the_rest(tmp_path):
    data = tmp_path / "docs.jsonl"
    data.write_text(_jsonl(RECORDS), encoding="utf-8")
    result = cli_run(data, "--report", tmp_path / "r.jsonl")
    # A record without a text field is carried through, and is an error.
    assert result.exit_code == Exit.FAILED
    assert result.stderr == f"cleaner: error: {data}: line 2: no string 'text' field; carried through as it was\n"
    lines = result.stdout.splitlines()
    out = [json.loads(line) for line in lines]
    assert [r["id"] for r in out] == ["a", "b", "c", "d"]
    assert out[0] == {**RECORDS[0], "text": CLEAN_DOC[0]}
    assert out[3]["text"] == CLEAN_DOC[3]
    # records without a text field, and records already clean, come back byte for byte
    source = _jsonl(RECORDS).splitlines()
    assert lines[1] == source[1] and lines[2] == source[2]
    reports = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["record"], r["status"]) for r in reports] == [("1", "ok"), ("2", "error"), ("3", "ok"), ("4", "ok")]
    assert reports[1]["error"] == "line 2: no string 'text' field"
    assert reports[0]["removed"] == len(clean_text(PAGES[0]).removed) and reports[2]["changed"] is False


def test_jsonl_keeps_each_texts_own_ending(tmp_path):
    data = tmp_path / "docs.jsonl"
    raw = _jsonl([{"text": CLEAN[2].rstrip("\n")}, {"text": PAGES[0].rstrip("\n")}, {"text": PAGES[0].rstrip("\n") + "\n"}])
    data.write_text(raw, encoding="utf-8")
    result = cli_run(data)
    assert result.exit_code == Exit.OK
    lines = result.stdout.splitlines()
    assert lines[0] == raw.splitlines()[0]  # already clean: byte for byte
    assert [json.loads(line)["text"] for line in lines[1:]] == [CLEAN[0].rstrip("\n"), CLEAN[0]]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b'{"id": "cut", "text": "the shard ends in the middle of', "line 5: not valid JSON: Unterminated string"),
        ('{"text": "网页"}'.encode("gbk") + b"\n", "line 5: not UTF-8"),
        (b'{"text": 42}\n', "line 5: no string 'text' field"),
        (b'["text"]\n', "line 5: no string 'text' field"),
    ],
    ids=["truncated", "not-utf8", "not-a-string", "not-an-object"],
)
def test_jsonl_bad_line_is_carried_through_and_the_rest_cleaned(tmp_path, bad, message):
    data = tmp_path / "in" / "docs.jsonl"
    data.parent.mkdir()
    data.write_bytes(_jsonl(GOOD[:1]).encode("utf-8") + b"\n" + _jsonl(GOOD[1:]).encode("utf-8") + bad)
    result = cli_run(data.parent, "-o", tmp_path / "out", "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {data}: {message}") and result.stderr.count("\n") == 1
    out = (tmp_path / "out" / "docs.jsonl").read_bytes().split(b"\n")
    assert out[3] == bad.rstrip(b"\n")  # as it was, byte for byte
    assert [json.loads(line)["text"] for line in out[:3]] == [CLEAN_DOC[0], CLEAN[2], CLEAN_DOC[3]]
    statuses = [json.loads(line)["status"] for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert statuses == ["ok", "ok", "ok", "error"]


def test_jsonl_cleaned_twice_changes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "docs.jsonl").write_text(_jsonl(GOOD), encoding="utf-8")
    assert cli_run(tmp_path / "in", "-o", tmp_path / "once").exit_code == Exit.OK
    assert cli_run(tmp_path / "once", "--check").exit_code == Exit.OK
    assert cli_run(tmp_path / "in", "--check").exit_code == Exit.FAILED


def test_jsonl_from_a_pipe_with_another_field():
    records = [{"body": PAGES[4], "url": "u"}]
    result = cli_run("--format", "jsonl", "--text-field", "body", input=_jsonl(records).encode("utf-8"))
    assert result.exit_code == Exit.OK
    assert json.loads(result.stdout) == {"body": CLEAN_DOC[4], "url": "u"}


def test_jsonl_with_several_jobs_is_the_same(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.jsonl").write_text(_jsonl(RECORDS[n % 4 :]), encoding="utf-8")
    for jobs in ("1", "2"):
        result = cli_run(folder, "-o", tmp_path / jobs, "-j", jobs, "-q")
        assert result.exit_code == Exit.FAILED and result.stderr.count("line 1: no string 'text' field") == 2
    assert {p.name: p.read_bytes() for p in (tmp_path / "1").iterdir()} == {p.name: p.read_bytes() for p in (tmp_path / "2").iterdir()}


# WARC / WET ----------------------------------------------------------------------

HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>"
    "<nav><a href='/'>首页</a> | <a>新闻</a> | <a>关于</a></nav>"
    + "".join(f"<p>{line}</p>" for line in PAGES[0].splitlines())
    + "<script>track()</script></body></html>"
)


def _wet(path) -> list[tuple[str, str]]:
    warcio = pytest.importorskip("warcio.warcwriter")
    from warcio.statusandheaders import StatusAndHeaders

    pages = [("http://a.example/1", PAGES[1]), ("http://b.example/2", "A short English page.\nAll rights reserved.\n")]
    with open(path, "wb") as out:
        writer = warcio.WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("x.warc.wet.gz", {"software": "test"}))
        for url, text in pages:
            record = writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode("utf-8")), warc_content_type="text/plain")
            writer.write_record(record)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        response = writer.create_warc_record("http://c.example/3", "response", payload=io.BytesIO(HTML_PAGE.encode("utf-8")), http_headers=headers)
        writer.write_record(response)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://c.example/i.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image))
    return pages


def test_a_wet_file_becomes_jsonl_with_ids_and_urls(tmp_path):
    pytest.importorskip("lxml")
    wet = tmp_path / "in" / "x.warc.wet.gz"
    wet.parent.mkdir()
    pages = _wet(wet)
    result = cli_run(wet, "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in out] == [url for url, _ in pages] + ["http://c.example/3"]
    assert all(r["id"].startswith("<urn:uuid:") and r["date"] for r in out)
    assert out[0]["text"] == CLEAN_DOC[1]
    assert out[1]["text"] == "A short English page.\n"
    assert out[2]["text"] == clean_text(html_text(HTML_PAGE.encode("utf-8"))).text
    assert "track()" not in out[2]["text"] and "p{}" not in out[2]["text"]
    reports = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in reports] == [r["url"] for r in out]
    # -o: JSON Lines, compressed as the input was
    assert cli_run(tmp_path / "in", "-o", tmp_path / "out").exit_code == Exit.OK
    codec, plain, _ = unpack((tmp_path / "out" / "x.warc.wet.jsonl.gz").read_bytes())
    assert codec == "gzip" and plain.decode("utf-8") == result.stdout


@pytest.mark.parametrize("where", [60, 600, -1], ids=["in-headers", "in-content", "gzip-cut"])
def test_a_warc_cut_short_keeps_the_records_before_the_damage(tmp_path, where):
    pytest.importorskip("lxml")
    whole = tmp_path / "whole.warc.wet.gz"
    pages = _wet(whole)
    if where < 0:  # a download of the compressed file cut off in the third record
        data = whole.read_bytes()
        members = [at for at in range(len(data)) if data.startswith(b"\x1f\x8b\x08", at)]
        data = data[: members[-2] + 200]  # (one member a record: warcinfo, a, b, c, image)
    else:  # inside the third record (an HTML page), in its headers or its content
        plain = gzip.decompress(whole.read_bytes())
        data = plain[: plain.index(b"http://c.example/3") + where]
    cut = tmp_path / "in" / "cut.warc.wet"
    cut.parent.mkdir()
    cut.write_bytes(data)
    result = cli_run(cut.parent, "-o", tmp_path / "out", "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {cut}: ") and any(why in result.stderr for why in ("cut short", "damaged gzip data", "not a whole record"))
    _, written, _ = unpack((tmp_path / "out" / "cut.warc.wet.jsonl").read_bytes())  # (compressed as its input was)
    out = [json.loads(line) for line in written.decode("utf-8").splitlines()]
    assert [(r["url"], r["text"]) for r in out[:2]] == [(pages[0][0], CLEAN_DOC[1]), (pages[1][0], "A short English page.\n")]
    assert all(record["text"] is None for record in out[2:])  # nothing half-read is cleaned as if whole
    assert "error" in [json.loads(line)["status"] for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_cut_gzip_text_file_gives_what_could_be_read_and_is_never_written_over(tmp_path):
    page = tmp_path / "in" / "page.txt.gz"
    page.parent.mkdir()
    text = "\n".join(f"第{n}段，讲了一件不同的事情，而且讲得很清楚。" for n in range(3000)) + "\n"
    data = gzip.compress(text.encode("utf-8"))[:-100]
    page.write_bytes(data)
    result = cli_run(page.parent, "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {page}: damaged gzip data after ")
    _, written, _ = unpack((tmp_path / "out" / "page.txt.gz").read_bytes())
    assert len(written) > len(text.encode("utf-8")) // 2 and text.encode("utf-8").startswith(written.rsplit(b"\n", 2)[0])
    refused = cli_run(page.parent, "--in-place")
    assert refused.exit_code == Exit.FAILED and "only part of it could be read; left as it is" in refused.stderr
    assert page.read_bytes() == data


def test_a_damaged_warc_is_an_error(tmp_path):
    pytest.importorskip("warcio")
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\nshort\r\n\r\nnot a record\r\n")
    result = cli_run(bad, "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {bad}: the archive is damaged after record #1; the rest cannot be read")
    assert result.stderr.count("\n") == 1
    assert [json.loads(line)["text"] for line in (tmp_path / "out" / "bad.warc.jsonl").read_text(encoding="utf-8").splitlines()] == ["short"]
    (tmp_path / "junk.warc").write_bytes(b"WARC/1.0\r\nnot a record at all\r\n")
    result = cli_run(tmp_path / "junk.warc", "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED and result.stderr.startswith(f"cleaner: error: {tmp_path / 'junk.warc'}: not a readable WARC file: ")
    assert not (tmp_path / "out" / "junk.warc.jsonl").exists()


# HTML ------------------------------------------------------------------------------


def test_html_keeps_block_structure_and_drops_code():
    pytest.importorskip("lxml")
    text = html_text(b"<html><body><h1>Title</h1><div>one <b>two</b><br>three<!-- c -->four</div>"
                     b"<ul><li>a</li><li>b</li></ul><pre>x\n y</pre><script>no()</script><style>.x{}</style>"
                     b"<table><tr><td>r1</td><td>c2</td></tr><tr><th>r2</th></tr></table></body></html>")
    assert text == "Title\none two\nthreefour\na\nb\nx\ny\nr1 c2\nr2\n"


ARTICLE_LINES = [line for line in PAGES[1].splitlines() if line.strip()]
ARTICLE_HTML = "".join(f"<p>{line}</p>" for line in ARTICLE_LINES)
ARTICLE_CLEAN = clean_text("\n".join(ARTICLE_LINES) + "\n").text


@pytest.mark.parametrize("stray", ["</html>", "</body>", "</body></html>", "</BODY >"])
def test_html_read_past_a_stray_end_tag_as_a_browser_does(stray):
    pytest.importorskip("lxml")
    page = f"<html><body><nav><a>首页</a> | <a>新闻</a></nav>{stray}<div>{ARTICLE_HTML}</div></body></html>".encode("utf-8")
    text = html_text(page)
    assert text.splitlines()[0] == "首页 | 新闻"
    assert clean_text(text).text == ARTICLE_CLEAN


def test_html_keeps_the_article_a_page_holds_in_noscript():
    pytest.importorskip("lxml")
    page = (
        "<html><head><noscript><link rel=stylesheet href=x.css><style>p{}</style></noscript></head>"
        f"<body><nav>首页 | 新闻</nav><div id=app></div><noscript><article>{ARTICLE_HTML}</article></noscript>"
        "<noscript><img src='/pixel.gif' width=1 height=1></noscript>"
        "<noscript>&lt;img src=&quot;/beacon.gif&quot;&gt;</noscript></body></html>"
    ).encode("utf-8")
    text = html_text(page)
    assert "p{}" not in text and "<img" not in text and "beacon" not in text
    assert clean_text(text).text == ARTICLE_CLEAN


def test_html_in_gbk_is_decoded():
    pytest.importorskip("lxml")
    page = "<html><head><meta charset='gbk'></head><body><p>中文段落，讲了一件事情。</p></body></html>"
    assert html_text(page.encode("gbk")) == "中文段落，讲了一件事情。\n"


def test_html_files_become_clean_text_files(tmp_path):
    pytest.importorskip("lxml")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    assert cli_run(folder, "-o", tmp_path / "out").exit_code == Exit.OK
    written = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert written == clean_text(html_text(HTML_PAGE.encode("utf-8"))).text
    assert CLEAN[0].splitlines()[0] in written
    assert cli_run(tmp_path / "out", "--check").exit_code == Exit.OK  # its output is clean text
    refused = cli_run(folder, "--in-place")
    assert refused.exit_code == Exit.FAILED and "not in place; use -o DIR" in refused.stderr
    assert (folder / "page.html").read_text(encoding="utf-8") == HTML_PAGE


def test_an_html_page_beside_its_text_twin_does_not_overwrite_it(tmp_path):
    pytest.importorskip("lxml")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "page.txt").write_text(PAGES[2], encoding="utf-8")
    html_clean = clean_text(html_text(HTML_PAGE.encode("utf-8"))).text
    for jobs in ("1", "2"):
        result = cli_run(folder, "-o", tmp_path / jobs, "-j", jobs)
        assert result.exit_code == Exit.FAILED
        # The first in the run's order keeps the output; the other is an error naming both.
        assert result.stderr == f"cleaner: error: {folder / 'page.txt'}: its output page.txt is also that of {folder / 'page.html'}; not written\n"
        assert (tmp_path / jobs / "page.txt").read_text(encoding="utf-8") == html_clean
    # Only the run's own outputs count: with the text file left out of the run, no error.
    result = cli_run(folder, "-o", tmp_path / "html", "--glob", "*.html")
    assert result.exit_code == Exit.OK and result.stderr == ""
    assert (tmp_path / "html" / "page.txt").read_text(encoding="utf-8") == html_clean


def test_two_roots_never_write_one_output_twice(tmp_path):
    for root, page in (("a", PAGES[2]), ("b", PAGES[3])):
        (tmp_path / root / "sub").mkdir(parents=True)
        (tmp_path / root / "sub" / "x.txt").write_text(page, encoding="utf-8")
        (tmp_path / root / f"only-{root}.txt").write_text(page, encoding="utf-8")
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = cli_run(tmp_path / "a", tmp_path / "b", "-o", out, "-j", jobs)
        assert result.exit_code == Exit.FAILED
        assert result.stderr == f"cleaner: error: {tmp_path / 'b' / 'sub' / 'x.txt'}: its output sub/x.txt is also that of {tmp_path / 'a' / 'sub' / 'x.txt'}; not written\n"
        assert (out / "sub" / "x.txt").read_text(encoding="utf-8") == CLEAN[2]
        assert sorted(p.name for p in out.iterdir()) == ["only-a.txt", "only-b.txt", "sub"]
    # Files named on the command line are roots too.
    result = cli_run(tmp_path / "a" / "sub" / "x.txt", tmp_path / "b" / "sub" / "x.txt", "-o", tmp_path / "named")
    assert result.exit_code == Exit.FAILED and "its output x.txt is also that of" in result.stderr


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.jsonl.gz", b"{}", Format.JSONL),
        ("a.WET", b"", Format.WARC),
        ("a.txt", b"WARC/1.0\r\n", Format.WARC),
        ("a.txt", b"\xef\xbb\xbf  <!DOCTYPE html>", Format.HTML),
        ("a.htm", b"", Format.HTML),
        ("a.txt", b"<p>a tag in a text file</p>", Format.TEXT),
    ],
)
def test_formats_are_recognised_by_name_then_content(name, head, expected, tmp_path):
    assert sniff(tmp_path / name, head) is expected


def test_output_names_follow_the_name_or_the_chosen_format():
    from pathlib import Path

    assert output_name(Path("d/x.warc.wet.gz")) == Path("d/x.warc.wet.jsonl.gz")
    assert output_name(Path("p.HTML")) == Path("p.txt")
    assert output_name(Path("p.txt.gz")) == Path("p.txt.gz")
    assert output_name(Path("page.php")) == Path("page.php")  # HTML inside, by content: the name stays
    assert output_name(Path("page.php"), Format.HTML) == Path("page.txt")


def test_an_unreadable_warc_record_costs_that_record_only(tmp_path):
    warcio = pytest.importorskip("warcio.warcwriter")
    path = tmp_path / "mixed.warc"
    with open(path, "wb") as out:
        writer = warcio.WARCWriter(out, gzip=False)
        for url, payload in (("http://x/1", b"\x00\x01\x02binary" * 50), ("http://x/2", PAGES[4].encode("utf-8"))):
            writer.write_record(writer.create_warc_record(url, "conversion", payload=io.BytesIO(payload), warc_content_type="text/plain"))
    result = cli_run(path)
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {path}: record <urn:uuid:") and "cannot be read as text" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["url"], r["text"]) for r in out] == [("http://x/1", None), ("http://x/2", CLEAN_DOC[4])]


def test_progress_moves_within_a_file_of_documents(tmp_path):
    from cleaner import Config
    from cleaner.corpus import Done, clean_corpus
    from cleaner.files import Source
    from cleaner.outcome import prepare
    from pathlib import Path

    data = pack("gzip", _jsonl(GOOD * 20).encode("utf-8"))
    shard = tmp_path / "in" / "shard.jsonl.gz"
    shard.parent.mkdir()
    shard.write_bytes(data)
    (tmp_path / "in" / "page.txt").write_text(PAGES[0], encoding="utf-8")
    ticks: list[int] = []
    prepare(Source(shard, Path(shard.name)), Config(), progress=ticks.append, keep=False)
    assert len(ticks) >= 60 and sum(ticks) == len(data)  # a tick a document, in bytes of the file as stored
    total = len(data) + len(PAGES[0].encode("utf-8"))
    for jobs in (1, 2):
        done = Done()
        outcomes = list(clean_corpus([shard.parent], Config(), jobs=jobs, details=False, progress=done))
        assert len(outcomes) == 2 and done.done == total


def test_report_records_are_the_same_however_the_documents_are_held(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.jsonl").write_text(_jsonl(RECORDS[n:] + GOOD), encoding="utf-8")
    (folder / "broken.warc").write_bytes(b"WARC/1.0\r\nnot a record at all\r\n")
    reports = []
    for extra in (["-j", "1"], ["-j", "2"], ["-j", "1", "--explain"], ["-j", "2", "--explain"]):
        report = tmp_path / f"r{len(reports)}.jsonl"
        cli_run(folder, "-o", tmp_path / f"out{len(reports)}", "--report", report, *extra)
        reports.append(report.read_text(encoding="utf-8"))
    assert len(reports[0].splitlines()) == sum(len(RECORDS[n:]) + len(GOOD) for n in range(3)) + 1  # every document, and the broken one
    assert "not a readable WARC file" in reports[0].splitlines()[-1]
    assert [r.replace(str(tmp_path / "out1"), str(tmp_path / "out0")) for r in reports] == [reports[0]] * 4
    assert not list(Path(tempfile.gettempdir()).glob("cleaner-report-*"))  # (spool files are removed once copied)


def test_a_report_has_a_record_for_every_file_of_documents(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.jsonl").write_bytes(b"")
    whole = pack("gzip", _jsonl(GOOD).encode("utf-8") + _jsonl(GOOD).encode("utf-8"))
    (folder / "cut.jsonl.gz").write_bytes(whole[: len(whole) - 40])
    for extra in ([], ["--explain"]):
        report = tmp_path / f"r{len(extra)}.jsonl"
        cli_run(folder, "-o", tmp_path / f"out{len(extra)}", "--report", report, "-q", *extra)
        recs = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
        cut = [r for r in recs if r["path"].endswith("cut.jsonl.gz")]
        assert [r.get("record") for r in cut][-1] is None and cut[-1]["status"] == "error"  # the file's own record, last
        assert "damaged gzip data" in cut[-1]["error"] and all(r["status"] == "ok" for r in cut[:-2])  # (the last line read is cut too)
        assert [(r["status"], r.get("record")) for r in recs if r["path"].endswith("empty.jsonl")] == [("ok", None)]


def test_a_shard_of_bad_records_tells_the_first_twenty_and_counts_the_rest(tmp_path):
    shard = tmp_path / "shard.jsonl"
    shard.write_text(_jsonl([{"content": f"document {n}"} for n in range(100)]), encoding="utf-8")
    result = cli_run(shard, "-o", tmp_path / "out")
    lines = result.stderr.splitlines()
    assert result.exit_code == Exit.FAILED and len(lines) == 21
    assert lines[0].endswith("line 1: no string 'text' field; carried through as it was")
    assert lines[-1] == f"cleaner: error: {shard}: 80 more records could not be cleaned (see --report)"
    assert (tmp_path / "out" / "shard.jsonl").read_bytes() == shard.read_bytes()


def test_compressed_members_may_be_padded_with_zeros():
    assert unpack(gzip.compress(b"one") + bytes(10) + gzip.compress(b"two") + bytes(4)) == ("gzip", b"onetwo", None)
