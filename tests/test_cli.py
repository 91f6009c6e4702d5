"""Every mode of the command line, through Click's CliRunner (stdout and stderr apart)."""

from __future__ import annotations

import json
import os
import select
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import Exit, cli

from .conftest import ROOT, sample_pages

PAGE = "网站首页 公文大全\n\n第一段讲了一件事情。\n第二段又讲了一件事情。\n\n\n\n第一段讲了一件事情。\n第二段又讲了一件事情。\n"
CLEAN = "网站首页 公文大全\n\n第一段讲了一件事情。\n第二段又讲了一件事情。\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder of pages: nested, hidden, GBK, binary."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for page in sample_pages()[:3]:
        shutil.copy(page, root / page.name)
    (root / "sub" / "page.txt").write_bytes(PAGE.encode("gbk"))
    (root / ".hidden" / "secret.txt").write_text(PAGE, encoding="utf-8")
    (root / ".dotfile.txt").write_text(PAGE, encoding="utf-8")
    (root / "notes.md").write_text(PAGE, encoding="utf-8")
    return root


def test_stdin_to_stdout():
    for args in ((), ("-",)):
        result = run(*args, input=PAGE.encode("utf-8"))
        assert result.exit_code == Exit.OK
        assert result.stdout == CLEAN
        assert result.stderr == ""


def test_stdin_in_gbk_comes_out_as_utf8():
    result = run(input=PAGE.encode("gbk"))
    assert result.stdout_bytes == CLEAN.encode("utf-8")


def test_single_file_goes_to_stdout(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = run(page)
    assert result.exit_code == Exit.OK and result.stdout == CLEAN
    assert page.read_text(encoding="utf-8") == PAGE


def test_output_folder_mirrors_relative_paths(corpus, tmp_path):
    out = tmp_path / "out"
    result = run(corpus, "-o", out)
    assert result.exit_code == Exit.OK, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    expected = sorted([p.name for p in sample_pages()[:3]] + ["sub/page.txt", "notes.md"])
    assert written == expected
    assert (out / "sub" / "page.txt").read_bytes() == CLEAN.encode("utf-8")
    for page in sample_pages()[:3]:
        assert (out / page.name).read_text(encoding="utf-8") == clean_text(page.read_text(encoding="utf-8")).text


def test_glob_selects_and_excludes(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(corpus, "-o", out, "--glob", "*.txt", "--glob", "!page.txt").exit_code == Exit.OK
    assert sorted(p.name for p in out.rglob("*.txt")) == sorted(p.name for p in sample_pages()[:3])
    out2 = tmp_path / "out2"
    assert run(corpus, "-o", out2, "--glob", "sub/*.txt").exit_code == Exit.OK
    assert [p.relative_to(out2).as_posix() for p in out2.rglob("*.txt")] == ["sub/page.txt"]


def test_output_folder_inside_input_is_not_read_back(corpus):
    out = corpus / "cleaned"
    assert run(corpus, "-o", out).exit_code == Exit.OK
    assert not (out / "cleaned").exists()
    assert run(corpus, "-o", out).exit_code == Exit.OK
    assert not (out / "cleaned").exists()


def test_in_place_rewrites_only_what_changes(tmp_path):
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_bytes(PAGE.encode("gbk"))
    clean.write_text(CLEAN, encoding="utf-8")
    os.chmod(dirty, 0o640)
    before = clean.stat().st_mtime_ns
    result = run(tmp_path, "--in-place")
    assert result.exit_code == Exit.OK
    assert dirty.read_text(encoding="utf-8") == CLEAN
    assert stat.S_IMODE(dirty.stat().st_mode) == 0o640
    assert clean.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "dirty.txt"]  # no temp files left


def test_check_lists_files_that_would_change_and_writes_nothing(corpus):
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    result = run(corpus, "--check")
    assert result.exit_code == Exit.FAILED
    listed = result.stdout.splitlines()
    assert f"would clean {corpus / 'sub' / 'page.txt'}" in listed
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before


def test_check_is_zero_on_its_own_output(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, "-o", out)
    result = run(out, "--check")
    assert result.exit_code == Exit.OK, result.stdout
    assert result.stdout == ""


def test_check_on_stdin():
    assert run("--check", input=PAGE.encode()).exit_code == Exit.FAILED
    assert run("--check", input=CLEAN.encode()).exit_code == Exit.OK


def test_diff_tags_each_removal_with_its_reason(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE + "------\n", encoding="utf-8")
    result = run(page, "--diff")
    assert result.exit_code == Exit.OK
    lines = result.stdout.splitlines()
    assert lines[0] == f"--- {page}"
    assert "-第一段讲了一件事情。  [dup.exact: repeats line 3 (a run of 2 sentences)]" in lines
    assert any(line.startswith("-------  [layout.symbols:") for line in lines)  # "-" + "------"
    assert " 第二段又讲了一件事情。" in lines  # context
    assert page.read_text(encoding="utf-8") == PAGE + "------\n"


def test_diff_is_silent_for_clean_files(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(CLEAN, encoding="utf-8")
    assert run(page, "--diff").stdout == ""


def test_explain_goes_to_stderr_and_leaves_stdout_clean(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = run(page, "--explain")
    assert result.stdout == CLEAN
    assert f"{page}: 5 of 9 blocks removed" in result.stderr
    assert "dup.exact" in result.stderr and "repeats line 3" in result.stderr
    assert "3 surplus blank line(s) (layout.blank)" in result.stderr


def test_explain_prints_brackets_literally(tmp_path):
    page = tmp_path / "page.txt"
    text = "【声明】[bold]不是标记[/bold]，第一段讲了一件事情。\n第二段又讲了一件事情。\n"
    page.write_text(text * 2, encoding="utf-8")
    result = run(page, "--explain")
    assert "[bold]不是标记[/bold]" in result.stderr


def test_report_has_one_record_per_input(corpus, tmp_path):
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    report = tmp_path / "report.jsonl"
    result = run(corpus, "--check", "--report", report)
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    by_name = {Path(r["path"]).name: r for r in records}
    assert len(records) == 6
    gbk = by_name["page.txt"]
    assert gbk["status"] == "ok" and gbk["encoding"] == "gb18030" and 0 < gbk["confidence"] <= 1
    assert gbk["bytes_in"] == len(PAGE.encode("gbk")) and gbk["bytes_out"] == len(CLEAN.encode())
    assert gbk["counts"] == {"dup.exact": 2, "layout.blank": 3}
    first = gbk["removals"][0]
    assert set(first) >= {"line", "piece", "start", "end", "reason", "evidence", "text"}
    dup = [r for r in gbk["removals"] if r["reason"] == "dup.exact"][0]
    assert dup["line"] == 8 and dup["ref_line"] == 3 and dup["text"] == "第一段讲了一件事情。"
    assert by_name["image.png"]["status"] == "skipped"
    assert result.exit_code == Exit.FAILED  # --check found changes


def test_forced_encoding(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode("gbk"))
    assert run(page, "--encoding", "gbk").stdout == CLEAN
    result = run(page, "--encoding", "utf-8", "--report", tmp_path / "r.jsonl")
    assert result.exit_code == Exit.OK
    assert "replacement character" in result.stderr
    assert json.loads((tmp_path / "r.jsonl").read_text())["lossy"] is True


def test_disable_turns_a_reason_off(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert run(page, "--disable", "dup").stdout.count("第一段讲了一件事情。") == 2
    assert run(page, "--disable", "dup.exact,layout.blank").stdout.count("\n\n\n") == 1


def test_missing_file_is_one_line_and_the_run_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    result = run(tmp_path / "missing.txt", good, "-o", out)
    assert result.exit_code == Exit.FAILED
    assert result.stderr.strip() == f"cleaner: error: {tmp_path / 'missing.txt'}: no such file or folder"
    assert (out / "good.txt").read_text(encoding="utf-8") == CLEAN


def test_binary_files_are_skipped_with_a_message(corpus, tmp_path):
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    result = run(corpus, "-o", tmp_path / "out")
    assert result.exit_code == Exit.OK
    assert f"cleaner: skipped: {corpus / 'image.png'}: binary file" in result.stderr
    assert not (tmp_path / "out" / "image.png").exists()
    assert "skipped" not in run(corpus, "-o", tmp_path / "out", "-q").stderr


def _without_privileges() -> None:
    """In the child, before it runs the command: drop every capability from
    the bounding set, so that root too is refused a file it has no
    permission to read (CAP_DAC_OVERRIDE is what lets root read anything)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in range(64):
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP


def test_a_named_file_that_cannot_be_read_is_that_files_error(tmp_path):
    locked, good = tmp_path / "locked.txt", tmp_path / "good.txt"
    locked.write_text(PAGE, encoding="utf-8")
    good.write_text(PAGE, encoding="utf-8")
    locked.chmod(0)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleaner", locked, good, "-o", out, "-j", "1"]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_without_privileges)
    assert done.returncode == Exit.FAILED, done.stderr
    assert done.stderr == f"cleaner: error: {locked}: permission denied\n"
    assert (out / "good.txt").read_text(encoding="utf-8") == CLEAN
    assert not (out / "locked.txt").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "x", "--in-place", "a.txt"], "choose one of"),
        (["--check", "--in-place", "a.txt"], "choose one of"),
        (["a.txt", "b.txt"], "several inputs"),
        (["-", "a.txt"], "cannot be mixed"),
        (["-o", "out"], "need PATH"),
        (["--disable", "nope", "a.txt"], "unknown reason code 'nope'"),
        (["--encoding", "klingon", "a.txt"], "unknown encoding"),
        (["--no-such-option"], "No such option"),
    ],
)
def test_usage_errors_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args, input=b"")
    assert result.exit_code == Exit.USAGE
    assert message in result.stderr


def test_version_and_help():
    version = run("--version").stdout
    assert version.startswith("cleaner, version ")
    assert "compiled core loaded" in version
    help_text = run("--help").stdout
    for option in ("--output", "--in-place", "--check", "--diff", "--explain", "--report", "--encoding", "--glob", "--disable", "--quiet"):
        assert option in help_text


def test_python_dash_m_and_console_script(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleaner", str(page)], capture_output=True, cwd=ROOT, check=False)
    assert done.returncode == 0 and done.stdout.decode() == CLEAN
    missing = subprocess.run([sys.executable, "-m", "cleaner", str(tmp_path / "nope.txt")], capture_output=True, check=False)
    assert missing.returncode == 1
    assert b"Traceback" not in missing.stderr and len(missing.stderr.splitlines()) == 1


def test_outputs_get_ordinary_permissions(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert run(page, "-o", tmp_path / "out").exit_code == Exit.OK
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out" / "page.txt").stat().st_mode) == 0o644


def _on_a_terminal(args: list[str]) -> tuple[int, str, bytes]:
    """Run the command with stderr on a pseudo-terminal and stdout on a pipe:
    exit code, what the terminal showed, what the pipe got."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *args], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read()
    os.close(leader)
    return proc.wait(), shown.decode("utf-8", "replace"), out


def test_a_terminal_gets_a_summary_table_and_quiet_silences_it(corpus, tmp_path):
    import re

    code, shown, out = _on_a_terminal([str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(tmp_path / "r.jsonl")])
    assert code == Exit.OK and out == b""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    records = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert re.search(rf"files\s+{len(records)} \({len(records)} changed, 0 skipped, 0 failed\)", plain), plain
    for row in ("MB in / out", "seconds", "MB/s", "dup.exact", "boiler.link_list"):
        assert row in plain, row
    code, shown, out = _on_a_terminal([str(corpus), "-o", str(tmp_path / "quiet"), "-j", "1", "-q"])
    assert code == Exit.OK and "MB/s" not in shown
    piped = run(corpus, "-o", tmp_path / "piped")
    assert "MB/s" not in piped.stderr


def test_no_arguments_on_a_terminal_says_it_reads_stdin():
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner"], stdin=follower, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    os.write(leader, PAGE.encode("utf-8") + b"\x04")  # the page, then Ctrl-D
    shown = b""
    while b"Ctrl-D" not in shown and select.select([leader], [], [], 10)[0]:
        shown += os.read(leader, 65536)
    assert proc.stdout.read().decode("utf-8") == CLEAN and proc.wait(timeout=30) == Exit.OK
    os.close(leader)
    assert b"cleaner: reading a page from the terminal (end it with Ctrl-D" in shown


def test_small_edges(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    result = run(folder)
    assert result.exit_code == Exit.USAGE and "a folder: choose -o DIR" in result.stderr
    # A forced encoding that does not fit says so.
    (folder / "page.txt").write_text("中文页面，讲了一件事情。\n", encoding="utf-8")
    result = run(folder / "page.txt", "--encoding", "gbk")
    assert "the encoding forced with --encoding (gbk) does not fit" in result.stderr
    # A path with a line break is quoted: one message, one line.
    odd = folder / "evil\nwould clean other.txt"
    odd.write_text(PAGE, encoding="utf-8")
    result = run(odd, "--check")
    assert result.exit_code == Exit.FAILED and result.stdout == f"would clean {str(odd)!r}\n"


def test_a_killed_runs_temporary_file_is_neither_read_nor_left_behind(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(gone.stdout)  # a process that has ended
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    leftover = tmp_path / f".page.txt.cleaner-{pid}-k1ll3d.tmp"
    leftover.write_text(PAGE[:20], encoding="utf-8")
    fresh = tmp_path / f".other.txt.cleaner-{os.getpid()}-l1v3.tmp"  # this process still runs: not ours to remove
    fresh.write_text("x", encoding="utf-8")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    os.utime(fresh, (old, old))
    result = run(tmp_path, "--in-place")
    assert result.exit_code == Exit.OK and result.stderr == ""
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") == CLEAN
    assert not leftover.exists() and fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "page.txt"]


def test_cleaning_one_small_file_compiles_few_rules_and_loads_no_fuzzy_matcher():
    # What a pre-commit run pays on every commit: the catalogue's expressions
    # are compiled as rules are tried, and rapidfuzz is loaded when a ratio
    # is first needed, which a page with no near-copies never asks for.
    script = (
        "import sys, runpy; sys.argv = ['cleaner', '-q', '--no-config', sys.argv[1]]\n"
        "try: runpy.run_module('cleaner', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "from cleaner.rules import RULES\n"
        "print(sum('pattern' in vars(r) for r in RULES), len(RULES), 'rapidfuzz' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "samples" / "000_587dec79ab138032.txt")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    compiled_rules, rules, fuzzy = done.stdout.splitlines()[-1].split()  # (after the cleaned text)
    assert int(compiled_rules) < int(rules) / 2 and fuzzy == "False", done.stderr


def test_only_the_report_module_imports_rich():
    # (What the terminal shows is rendered in one place; the library and the
    # workers do not pay for rich's import.)
    import ast

    package = Path(__file__).resolve().parent.parent / "cleaner"
    importers = set()
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == "rich" or name.startswith("rich.") for name in names):
                importers.add(module.relative_to(package).as_posix())
    assert importers == {"report.py"}
