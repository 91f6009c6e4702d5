"""No crash, no loss, no surprise: properties on generated input, hostile
files and folders, regular expressions on adversarial text, and writes that
survive SIGKILL."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Config, PageTooLarge, clean_bytes, clean_text, files
from cleaner.corpus import clean_corpus
from cleaner.cli import Exit, cli
from cleaner.rules import DEFAULT, RULES

from . import fuzz
from .conftest import ROOT, sample_pages
from .properties import CONFIG, any_bytes, check_bytes, check_result, pages

PAGE = (sample_pages()[0]).read_text(encoding="utf-8")
CLEAN = clean_text(PAGE).text
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def cli_run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


# Properties ---------------------------------------------------------------


@QUICK
@given(pages)
def test_any_page_keeps_the_promises(text):
    check_result(text, clean_text(text, CONFIG))


@pytest.mark.slow
@QUICK
@given(any_bytes)
def test_any_bytes_are_cleaned_or_refused_the_documented_way(data):
    assert check_bytes(data) in ("cleaned", "lossy", "refused", "too large")


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(pages, st.sampled_from(["utf-8", "gb18030", "utf-16"])), min_size=1, max_size=8))
def test_jobs_change_nothing(tmp_path_factory, documents):
    folder = tmp_path_factory.mktemp("jobs")
    for number, (text, encoding) in enumerate(documents):
        (folder / f"{number}.txt").write_bytes(text.encode(encoding, errors="ignore"))

    def outcomes(jobs):
        return [
            (o.path, o.error, o.skipped, o.changed, o.result.text if o.result else None, o.counts)
            for o in clean_corpus([folder], CONFIG, jobs=jobs)
        ]

    assert outcomes(1) == outcomes(2)


@pytest.mark.slow
def test_the_fuzzer_runs_and_counts(capsys):
    assert fuzz.main(["--minutes", "0.02"]) == 0
    line = capsys.readouterr().out
    assert re.match(r"\d+ inputs in \d+ s, no failure: ", line)
    assert int(line.split()[0]) >= 500


# Hostile files -------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", "\u3000\u3000\n\n".encode()], ids=["empty", "blank", "wide-blank"])
def test_empty_and_blank_files_give_empty_output(tmp_path, content):
    page = tmp_path / "page.txt"
    page.write_bytes(content)
    result = cli_run(page, "-o", tmp_path / "out")
    assert result.exit_code == Exit.OK
    assert (tmp_path / "out" / "page.txt").read_bytes() == b""
    assert page.read_bytes() == content


def test_nul_bytes_in_a_page_are_tolerated(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode("utf-8").replace("。".encode(), "。\x00".encode(), 2))
    result = cli_run(page)
    # A few NULs in a text file are not a binary file: cleaned like the rest, kept as they are.
    assert result.exit_code == Exit.OK and result.stderr == ""
    assert result.stdout == CLEAN.replace("。", "。\x00", 2)


@pytest.mark.parametrize("where", ["end", "start", "middle"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_page_padded_with_nul_bytes_is_text(tmp_path, where, encoding):
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    text = PAGE.encode(encoding)
    padding = bytes(100_000)
    half = text.index("\n".encode(encoding), len(text) // 2) + 1
    page.write_bytes({"end": text + padding, "start": padding + text, "middle": text[:half] + padding + text[half:]}[where])
    result = cli_run(page.parent, "-o", tmp_path / "out")
    assert result.exit_code == Exit.OK
    assert result.stderr == f"cleaner: warning: {page}: 100000 NUL byte(s) of padding dropped\n"
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == CLEAN
    (tmp_path / "in" / "zeros.txt").write_bytes(bytes(5000))
    result = cli_run(page.parent / "zeros.txt")
    assert result.stderr.startswith(f"cleaner: skipped: {page.parent / 'zeros.txt'}: binary file")


def test_invalid_utf8_in_the_middle_is_a_warning_and_a_result(tmp_path):
    page = tmp_path / "page.txt"
    data = PAGE.encode("utf-8")
    middle = data.index("。".encode()) + 3
    page.write_bytes(data[:middle] + b"\xff\xfe" + data[middle:])
    report = tmp_path / "r.jsonl"
    result = cli_run(page, "-o", tmp_path / "out", "--report", report)
    assert result.exit_code == Exit.OK
    assert result.stderr.count("\n") == 1 and "replacement character" in result.stderr
    record = json.loads(report.read_text(encoding="utf-8"))
    assert record["lossy"] and record["encoding"] == "utf-8" and record["replaced"] == 2


def test_a_file_of_two_encodings_is_read_line_by_line(tmp_path):
    page = tmp_path / "page.txt"
    lines = CLEAN.splitlines()
    half = len(lines) // 2
    page.write_bytes(("\n".join(lines[:half]) + "\n").encode("utf-8") + ("\n".join(lines[half:]) + "\n").encode("gb18030"))
    report = tmp_path / "r.jsonl"
    assert cli_run(page, "-o", tmp_path / "out", "--report", report).exit_code == Exit.OK
    assert json.loads(report.read_text(encoding="utf-8"))["encoding"] == "utf-8+gb18030"
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == CLEAN


def test_a_long_single_line_is_cleaned_and_a_50_mb_one_copied_through(tmp_path):
    line = ("中文内容" * 750_000).encode("utf-8")  # 9 MB, 3,000,000 characters, one line, no punctuation
    result = clean_bytes(line)
    assert len(result.decisions) == 3_000_000 // 20_000  # cut into blocks of 20,000 characters
    assert result.text == ""  # no sentence anywhere: not an article
    assert {d.reason.value for d in result.decisions} == {"boiler.no_content"}
    big = tmp_path / "in" / "line.txt"
    big.parent.mkdir()
    big.write_bytes(line * 6)  # 54 MB: over the limit of characters a page may have
    result = cli_run(big.parent, "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED
    assert result.stderr == f"cleaner: error: {big}: too large to clean as one page: 54000000 bytes (the limit is 4000000 characters); copied through unchanged\n"
    assert (tmp_path / "out" / "line.txt").read_bytes() == line * 6


def test_a_million_tiny_lines_is_copied_through_with_an_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x\n" * 1_000_000)
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    result = cli_run(tmp_path, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == Exit.FAILED
    assert result.stderr == f"cleaner: error: {tmp_path / 'a.txt'}: too large to clean as one page: over 50000 lines; copied through unchanged\n"
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"x\n" * 1_000_000
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == CLEAN
    with pytest.raises(PageTooLarge):
        clean_text("x\n" * 20, Config(max_lines=10))
    with pytest.raises(PageTooLarge):
        clean_text("x" * 20, Config(max_chars=10))


def test_unreadable_file_is_one_line_and_the_run_goes_on(tmp_path, monkeypatch):
    locked, good = tmp_path / "locked.txt", tmp_path / "good.txt"
    locked.write_text(PAGE, encoding="utf-8")
    good.write_text(PAGE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path):  # as for a file without read permission (root reads everything)
        if path.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = cli_run(tmp_path, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == Exit.FAILED
    assert result.stderr == f"cleaner: error: {locked}: permission denied\n"
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == CLEAN


def test_broken_links_and_link_loops_are_reported_and_skipped(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "page.txt").write_text(PAGE, encoding="utf-8")
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "sub" / "loop").symlink_to(root)
    result = cli_run(root, "-o", tmp_path / "out")
    assert result.exit_code == Exit.FAILED
    errors = sorted(result.stderr.splitlines())
    assert errors == [
        f"cleaner: error: {root / 'dangling.txt'}: broken symbolic link",
        f"cleaner: error: {root / 'sub' / 'loop'}: symbolic link loop: folder already visited",
    ]
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == CLEAN


@pytest.mark.parametrize("name", ["with space.txt", "-dash.txt", "引号'\"$*?.txt", "é\u0301 combining.txt", "tab\tname.txt"])
def test_odd_file_names(tmp_path, name):
    root = tmp_path / "in"
    root.mkdir()
    (root / name).write_text(PAGE, encoding="utf-8")
    report = tmp_path / "r.jsonl"
    result = cli_run(root, "-o", tmp_path / "out", "--report", report)
    assert result.exit_code == Exit.OK
    assert (tmp_path / "out" / name).read_text(encoding="utf-8") == CLEAN
    assert json.loads(report.read_text(encoding="utf-8"))["path"] == str(root / name)


def test_a_file_that_changes_while_being_cleaned_is_left_alone(tmp_path, monkeypatch):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    from cleaner import corpus

    prepare = corpus.prepare

    def prepare_then_edit(*args, **kwargs):
        outcome = prepare(*args, **kwargs)
        page.write_text(PAGE + "新写入的一行。\n", encoding="utf-8")  # someone saves the file meanwhile
        return outcome

    monkeypatch.setattr(corpus, "prepare", prepare_then_edit)
    result = cli_run(page, "--in-place", "-j", "1")
    assert result.exit_code == Exit.FAILED
    assert result.stderr == f"cleaner: error: {page}: changed while being cleaned; left as it is\n"
    assert page.read_text(encoding="utf-8") == PAGE + "新写入的一行。\n"


@pytest.mark.parametrize("mode", ["-o", "--in-place"])
def test_disk_full_is_one_line_per_file_and_nothing_is_damaged(tmp_path, monkeypatch, mode):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(PAGE, encoding="utf-8")

    def full(fd, data):
        os.write(fd, data[: len(data) // 2])  # (a part gets written, then the disk is full)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    out = tmp_path / "out"
    args = [root, "-o", out] if mode == "-o" else [root, "--in-place"]
    result = cli_run(*args, "-j", "1")
    assert result.exit_code == Exit.FAILED
    assert result.stderr.splitlines() == [f"cleaner: error: {root / n}: cannot write: no space left on device" for n in ("a.txt", "b.txt")]
    for name in ("a.txt", "b.txt"):
        assert (root / name).read_text(encoding="utf-8") == PAGE
    leftovers = [p.name for p in (out if mode == "-o" else root).rglob("*") if p.is_file() and p.name not in ("a.txt", "b.txt")]
    assert leftovers == []  # no temporary file left behind


def test_an_output_folder_removed_during_a_run_is_made_again(tmp_path):
    target = tmp_path / "out" / "page.txt"
    files.write_atomic(target, b"one")
    shutil.rmtree(tmp_path / "out")
    files.write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in target.parent.iterdir()] == ["page.txt"]


# Regular expressions on adversarial text -------------------------------------

# Each pattern meets long runs of the characters it is made of, of separators
# and of digits: where catastrophic backtracking would show.
_FILLERS = " \u3000>|:：-.。,，1a中"


def _adversarial(pattern: str, size: int) -> list[str]:
    chars = sorted({c for c in re.sub(r"\\[a-zA-Z]|[\\^$.*+?()[\]{}|]", "", pattern)} | set(_FILLERS))
    texts = []
    for char in chars:
        texts.append(char * size)
        texts.append((char + " ") * (size // 2))
        texts.append((char + "1") * (size // 2) + "\n")
    literals = [part for part in re.split(r"[\\^$.*+?()[\]{}|]+", pattern) if len(part) > 1][:20]
    texts += [(literal + " ") * (size // (len(literal) + 1)) for literal in literals]
    # (A run that matches all the way but for its last character: where a
    # repeated group can split the run in many ways, each is tried.)
    texts += [(literal + " ") * (size // (len(literal) + 1)) + "x" for literal in literals]
    texts += [("2023-08-11 " + literal) * (size // 40) for literal in literals[:5]]
    return texts


def _patterns() -> list[tuple[str, re.Pattern]]:
    """Every expression the tool runs. The gates' ``anchored*`` expressions
    are only ever matched at the start of a block (their alternatives lost
    their ``^`` when combined), so they are labelled
    ``match``: searching them would try every start, which the tool never does."""
    found = [(f"rule {r.name}", r.pattern) for r in RULES]
    for gate in DEFAULT.gates:
        for name in ("anchored", "anchored_numeric", "searched", "numeric"):  # (literals are not an expression)
            how = "match" if name.startswith("anchored") else "search"
            found.append((f"gate {gate.lower} {name} {how}", getattr(gate, name)))
    for module in sorted(set(sys.modules)):
        if module == "cleaner" or module.startswith("cleaner."):
            for name, value in vars(sys.modules[module]).items():
                if isinstance(value, re.Pattern):
                    found.append((f"{module}.{name}", value))
    return found


def _slowest(queue, size: int) -> None:
    worst = (0.0, "")
    for label, pattern in _patterns():
        for text in _adversarial(pattern.pattern, size):
            started = time.perf_counter()
            if label.endswith(" match"):
                pattern.match(text)
            else:
                pattern.search(text)
                pattern.findall(text)
            spent = time.perf_counter() - started
            if spent > worst[0]:
                worst = (spent, label)
    queue.put(worst)


@pytest.mark.slow
def test_every_expression_runs_in_bounded_time_on_adversarial_text():
    # In a child process: a runaway pattern cannot be interrupted in-process.
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_slowest, args=(queue, 6000))
    child.start()
    child.join(timeout=240)
    if child.is_alive():
        child.kill()
        pytest.fail("a regular expression ran for minutes on adversarial text")
    spent, label = queue.get(timeout=5)
    # Linear patterns take about 0.01 s here; a quadratic one took 0.4 s at
    # 4,000 characters and would take about 1 s at 6,000.
    assert spent < 0.25, f"{label} took {spent:.2f} s on 6,000 characters"
    assert len(_patterns()) > len(RULES) + 2 * 4 + 10  # the rules, both gates' expressions, the modules' own


# Atomic writes under SIGKILL -------------------------------------------------


def _pages(folder: Path, count: int) -> dict[str, bytes]:
    folder.mkdir()
    rng = random.Random(3)
    originals = {}
    for number in range(count):
        page = sample_pages()[number % len(sample_pages())].read_text(encoding="utf-8")
        lines = page.splitlines()
        rng.shuffle(lines[: len(lines) // 4])
        data = ("\n".join(lines) * 3 + "\n").encode("utf-8")
        (folder / f"{number:03d}.txt").write_bytes(data)
        originals[f"{number:03d}.txt"] = data
    return originals


def _writing(work: Path, out: Path, originals: dict[str, bytes], mode: str) -> bool:
    """Has the run written anything yet (a temporary file or a finished one)?"""
    if mode == "-o":
        return out.exists() and any(out.iterdir())
    return any(p.name.startswith(".") for p in work.iterdir()) or any(
        (work / name).read_bytes() != data for name, data in originals.items()
    )


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["--in-place", "-o"])
def test_sigkill_never_leaves_a_half_written_file(tmp_path, mode):
    originals = _pages(tmp_path / "pristine", 60)
    expected = {name: clean_bytes(data).text.encode("utf-8") for name, data in originals.items()}
    rng = random.Random(11)
    killed_mid_run = 0
    for trial in range(5):
        work = tmp_path / f"work{trial}"
        shutil.copytree(tmp_path / "pristine", work)
        out = tmp_path / f"out{trial}"
        args = [str(work), "--in-place"] if mode == "--in-place" else [str(work), "-o", str(out)]
        process = subprocess.Popen([sys.executable, "-m", "cleaner", *args, "-q", "-j", "2"], cwd=ROOT)
        # Kill it once it is writing, a little later each trial.
        deadline = time.monotonic() + 60
        while process.poll() is None and not _writing(work, out, originals, mode) and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.05) * trial)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_mid_run += process.returncode == -signal.SIGKILL
        for name, data in originals.items():
            if mode == "--in-place":
                assert (work / name).read_bytes() in (data, expected[name]), f"{name} damaged"
            else:
                assert (work / name).read_bytes() == data
                target = out / name
                assert not target.exists() or target.read_bytes() == expected[name], f"{name} half-written"
        visible = sorted(p.name for p in (work if mode == "--in-place" else out).glob("[!.]*"))
        assert set(visible) <= set(originals)  # temporary files are hidden (.NAME.*.tmp)
        # A run after the crash finishes the job and ignores the leftovers.
        finish = subprocess.run([sys.executable, "-m", "cleaner", *args, "-q"], cwd=ROOT, check=False)
        assert finish.returncode == 0
        target = work if mode == "--in-place" else out
        assert {name: (target / name).read_bytes() for name in originals} == expected
    assert killed_mid_run >= 3
