"""--jobs inside one file: a large JSON Lines or WARC file is cleaned in
parts by several workers, and its output, report and messages are those of
one process cleaning it whole."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from cleaner import parts
from cleaner.files import Source
from cleaner.formats import Reading, pack, unpack

from .test_formats import CLEAN_DOC, PAGES, RECORDS, cli_run

SIZE = 3000  # bytes a part, so that a shard of a few dozen documents has many


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", SIZE)


def _shard(path: Path, records: list[dict], codec: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_bytes(pack(codec, ("\ufeff" + lines).encode("utf-8")))  # (a byte order mark before the first line only)
    return path


def _runs(path: Path, tmp_path: Path, *options) -> list[tuple[int, str, bytes, str]]:
    """Exit code, messages, output and report of a -j 1 and a -j 2 run."""
    runs = []
    for jobs in ("1", "2"):
        out, report = tmp_path / f"out{jobs}", tmp_path / f"report{jobs}.jsonl"
        result = cli_run(path, "-o", out, "--report", report, "-j", jobs, *options)
        records = re.sub(r'"seconds": [0-9.e-]+, |"output": "[^"]*", ', "", report.read_text(encoding="utf-8"))
        runs.append((result.exit_code, result.stderr, b"".join(p.read_bytes() for p in sorted(out.rglob("*.*"))), records))
    return runs


def _warc(path: Path, gzip: bool) -> Path:
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for n, page in enumerate(PAGES * 4):
            writer.write_record(writer.create_warc_record(f"http://x/{n}", "conversion", payload=io.BytesIO(page.encode()), warc_content_type="text/plain"))
    return path


@pytest.mark.parametrize("codec", [None, "gzip"])
def test_a_large_shard_cleaned_in_parts_is_the_shard_cleaned_whole(tmp_path, small_parts, codec):
    records = [dict(r, n=n) for n in range(12) for r in RECORDS] + [{"text": "网站首页 公文大全 范文\n会议强调，要牢记使命担当。"}]
    shard = _shard(tmp_path / "in" / ("shard.jsonl" + (".gz" if codec else "")), records, codec)
    cut = list(parts.Spread(Reading(), SIZE).items([Source(shard, Path(shard.name))]))
    assert len(cut) > 5 and all(isinstance(part, parts.Part) for part in cut)
    assert [part.first for part in cut][:2] == [1, 1 + cut[0].decompressed.count(b"\n")] and sum(p.share for p in cut) == shard.stat().st_size

    whole, in_parts = _runs(shard, tmp_path)
    assert whole == in_parts
    code, messages, output, report = whole
    assert messages.count("no string 'text' field") == 12 and code == 1  # every bad record told, by its line in the shard
    assert f"{shard}: line 46: no string 'text' field" in messages
    written = [json.loads(line) for line in unpack(output)[1].decode().splitlines()]
    assert written[0]["text"] == CLEAN_DOC[0] and written[-1]["text"] == "会议强调，要牢记使命担当。"
    assert len(report.splitlines()) == len(records)


def test_problems_past_the_first_twenty_are_counted_alike_in_parts(tmp_path, small_parts):
    # (Short records: each part has more than twenty problems of its own.)
    shard = _shard(tmp_path / "in" / "shard.jsonl", [{"body": f"page {n}"} for n in range(500)])
    whole, in_parts = _runs(shard, tmp_path, "--text-field", "text")
    assert whole == in_parts
    assert "480 more records could not be cleaned (see --report)" in whole[1] and whole[1].count("\n") == 21


def test_a_large_warc_cleaned_in_parts_is_the_warc_cleaned_whole(tmp_path, small_parts):
    warc = _warc(tmp_path / "in" / "crawl.warc.gz", gzip=True)
    cut = list(parts.Spread(Reading(), SIZE).items([Source(warc, Path(warc.name))]))
    assert len(cut) > 3 and all(isinstance(part, parts.Part) for part in cut)
    whole, in_parts = _runs(warc, tmp_path)
    assert whole == in_parts and whole[0] == 0 and len(whole[3].splitlines()) == len(PAGES) * 4


@pytest.mark.parametrize("cut", ["content", "headers"])
def test_a_damaged_warc_is_told_as_when_cleaned_whole(tmp_path, small_parts, cut):
    warc = _warc(tmp_path / "in" / "crawl.warc", gzip=False)
    data = warc.read_bytes()
    # (The last record's content cut short is that record's error; cut in
    # its headers, the archive cannot be read to its end: it is not cut
    # into parts, and the damage is the file's.)
    warc.write_bytes(data[:-500] if cut == "content" else data[: data.rindex(b"WARC/1.0") + 30])
    cut_into = list(parts.Spread(Reading(), SIZE).items([Source(warc, Path(warc.name))]))
    assert (len(cut_into) > 1) is (cut == "content")
    whole, in_parts = _runs(warc, tmp_path)
    assert whole == in_parts and whole[0] == 1
    assert ("cut short" if cut == "content" else "the archive is damaged after record") in whole[1]


def test_a_large_file_named_twice_is_cleaned_twice_as_with_one_job(tmp_path, small_parts):
    shard = _shard(tmp_path / "in" / "shard.jsonl", [dict(r, n=n) for n in range(12) for r in RECORDS])
    runs = [cli_run(shard.parent, shard, "--check", "-j", jobs) for jobs in ("1", "2")]
    assert [(r.exit_code, r.stdout, r.stderr) for r in runs[1:]] == [(runs[0].exit_code, runs[0].stdout, runs[0].stderr)]
    assert runs[0].stdout.count("would clean") == 2


def test_a_warc_that_warcio_warns_about_is_not_cut(tmp_path, small_parts, capfd):
    warc = _warc(tmp_path / "in" / "crawl.warc", gzip=False)
    data = warc.read_bytes()
    length = data.index(b"Content-Length: ", data.index(b"WARC/1.0", 4000)) + len(b"Content-Length: ")
    end = data.index(b"\r\n", length)
    warc.write_bytes(data[:length] + str(int(data[length:end]) - 2).encode() + data[end:])  # a record 2 bytes longer than it says
    assert list(parts.Spread(Reading(), SIZE).items([Source(warc, Path(warc.name))])) == [Source(warc, Path(warc.name))]
    assert capfd.readouterr().err == ""  # (the look for where to cut tells nothing; the cleaning tells warcio's warning once)


def test_a_worker_that_dies_while_chunks_are_queued_costs_its_item_only():
    from cleaner import pool

    assert list(pool.ordered(2, range(20), _dies_at_five, None, lambda item: ("failed", item), 1)) == [*range(5), ("failed", 5), *range(6, 20)]


def _dies_at_five(item: int) -> int:
    import os
    import time

    if item == 5:
        os._exit(9)
    time.sleep(0.02)
    return item
