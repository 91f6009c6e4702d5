"""Inputs that are not one plain-text page: gzip/zstd, JSON Lines, WARC/WET, HTML."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from click.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import Exit, cli
from cleaner.formats import Format, html_text, output_name, pack, sniff, unpack

from .conftest import sample_pages

PAGES = [p.read_text(encoding="utf-8") for p in sample_pages()]
CLEAN = [clean_text(p).text for p in PAGES]


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
    assert unpack(written) == (codec, CLEAN[1].encode("utf-8"))
    # --in-place, then --check finds nothing to do
    assert cli_run(tmp_path / "in", "--in-place").exit_code == Exit.OK
    assert unpack(page.read_bytes()) == (codec, CLEAN[1].encode("utf-8"))
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


def test_jsonl_cleans_the_text_field_and_keeps_the_rest(tmp_path):
    data = tmp_path / "docs.jsonl"
    data.write_text(_jsonl(RECORDS), encoding="utf-8")
    result = cli_run(data, "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK
    assert "1 record(s) without a string 'text' field" in result.stderr
    lines = result.stdout.splitlines()
    out = [json.loads(line) for line in lines]
    assert [r["id"] for r in out] == ["a", "b", "c", "d"]
    assert out[0] == {**RECORDS[0], "text": CLEAN[0]}
    assert out[3]["text"] == CLEAN[3]
    # untouched records come back byte for byte
    source = _jsonl(RECORDS).splitlines()
    assert lines[1] == source[1] and lines[2] == source[2]
    reports = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["record"], r["status"]) for r in reports] == [("1", "ok"), ("2", "untouched"), ("3", "ok"), ("4", "ok")]
    assert reports[0]["removed"] == len(clean_text(PAGES[0]).removed) and reports[2]["changed"] is False


def test_jsonl_cleaned_twice_changes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "docs.jsonl").write_text(_jsonl(RECORDS), encoding="utf-8")
    assert cli_run(tmp_path / "in", "-o", tmp_path / "once").exit_code == Exit.OK
    assert cli_run(tmp_path / "once", "--check").exit_code == Exit.OK
    assert cli_run(tmp_path / "in", "--check").exit_code == Exit.FAILED


def test_jsonl_from_a_pipe_with_another_field():
    records = [{"body": PAGES[4], "url": "u"}]
    result = cli_run("--format", "jsonl", "--text-field", "body", input=_jsonl(records).encode("utf-8"))
    assert result.exit_code == Exit.OK
    assert json.loads(result.stdout) == {"body": CLEAN[4], "url": "u"}


def test_jsonl_with_a_broken_line_is_an_error_naming_the_line(tmp_path):
    data = tmp_path / "docs.jsonl"
    data.write_text(_jsonl(RECORDS[:1]) + "{not json\n", encoding="utf-8")
    result = cli_run(data, "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {data}: line 2: not valid JSON")
    assert not (tmp_path / "out" / "docs.jsonl").exists()


def test_jsonl_with_several_jobs_is_the_same(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.jsonl").write_text(_jsonl(RECORDS[n % 4 :]), encoding="utf-8")
    for jobs in ("1", "2"):
        assert cli_run(folder, "-o", tmp_path / jobs, "-j", jobs, "-q").exit_code == Exit.OK
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
    assert out[0]["text"] == clean_text(PAGES[1]).text
    assert out[1]["text"] == "A short English page.\n"
    assert out[2]["text"] == clean_text(html_text(HTML_PAGE.encode("utf-8"))).text
    assert "track()" not in out[2]["text"] and "p{}" not in out[2]["text"]
    reports = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in reports] == [r["url"] for r in out]
    # -o: JSON Lines, compressed as the input was
    assert cli_run(tmp_path / "in", "-o", tmp_path / "out").exit_code == Exit.OK
    codec, plain = unpack((tmp_path / "out" / "x.warc.wet.jsonl.gz").read_bytes())
    assert codec == "gzip" and plain.decode("utf-8") == result.stdout


def test_a_damaged_warc_is_an_error(tmp_path):
    pytest.importorskip("warcio")
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\nshort\r\n\r\nnot a record\r\n")
    result = cli_run(bad, "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.startswith(f"cleaner: error: {bad}: not a readable WARC file: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "out" / "bad.warc.jsonl").exists()


# HTML ------------------------------------------------------------------------------


def test_html_keeps_block_structure_and_drops_code():
    pytest.importorskip("lxml")
    text = html_text(b"<html><body><h1>Title</h1><div>one <b>two</b><br>three<!-- c -->four</div>"
                     b"<ul><li>a</li><li>b</li></ul><pre>x\n y</pre><script>no()</script><style>.x{}</style>"
                     b"<table><tr><td>r1</td><td>c2</td></tr><tr><th>r2</th></tr></table></body></html>")
    assert text == "Title\none two\nthreefour\na\nb\nx\ny\nr1 c2\nr2\n"


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
    for jobs in ("1", "2"):
        result = cli_run(folder, "-o", tmp_path / jobs, "-j", jobs)
        assert result.exit_code == Exit.FAILED
        assert result.stderr == f"cleaner: error: {folder / 'page.html'}: its output page.txt would overwrite that of page.txt; not written\n"
        assert (tmp_path / jobs / "page.txt").read_text(encoding="utf-8") == CLEAN[2]


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


def test_output_names():
    from pathlib import Path

    assert output_name(Path("d/x.warc.wet.gz"), Format.WARC) == Path("d/x.warc.wet.jsonl.gz")
    assert output_name(Path("p.html"), Format.HTML) == Path("p.txt")
    assert output_name(Path("p.txt.gz"), Format.TEXT) == Path("p.txt.gz")


def test_an_unreadable_warc_record_costs_that_record_only(tmp_path):
    warcio = pytest.importorskip("warcio.warcwriter")
    path = tmp_path / "mixed.warc"
    with open(path, "wb") as out:
        writer = warcio.WARCWriter(out, gzip=False)
        for url, payload in (("http://x/1", b"\x00\x01\x02binary" * 50), ("http://x/2", PAGES[4].encode("utf-8"))):
            writer.write_record(writer.create_warc_record(url, "conversion", payload=io.BytesIO(payload), warc_content_type="text/plain"))
    result = cli_run(path)
    assert result.exit_code == Exit.OK
    assert "1 record(s) whose text could not be read" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["url"], r["text"]) for r in out] == [("http://x/1", ""), ("http://x/2", CLEAN[4])]
