"""A corpus run as a library call (cleaner.clean_corpus): what the command runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Config, Mode, clean_corpus
from cleaner.cli import Exit, cli

from .test_dedup_across import _corpus


def _written(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_library_run_writes_what_the_command_writes(tmp_path, jobs):
    corpus = _corpus(tmp_path / "in", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    by_command, by_library = tmp_path / "command", tmp_path / "library"
    options = ["--templates", "--dedup-across", "drop", "-j", str(jobs)]
    assert CliRunner().invoke(cli, [str(corpus), "-o", str(by_command), *options]).exit_code == Exit.OK
    outcomes = list(clean_corpus([corpus], mode=Mode.OUTPUT_DIR, output=by_library, templates=True, dedup_across="drop", jobs=jobs))
    assert [o.path.name for o in outcomes] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    assert [o.path.name for o in outcomes if o.verdict.dropped] == ["b.txt"]  # the copy of a.txt, left out
    assert _written(by_library) == _written(by_command) and "b.txt" not in _written(by_library)


def test_a_dry_run_writes_nothing_and_holds_the_text(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "d.txt"])
    before = _written(corpus)
    outcomes = list(clean_corpus([corpus], Config(), jobs=1))
    assert _written(corpus) == before and all(o.written is None for o in outcomes)
    assert all(o.result is not None and o.output == o.result.text.encode("utf-8") for o in outcomes)


def test_one_path_and_an_output_folder_may_be_strings(tmp_path):
    corpus = _corpus(tmp_path / "in", ["a.txt", "d.txt"])
    outcomes = list(clean_corpus(str(corpus), mode=Mode.OUTPUT_DIR, output=str(tmp_path / "out"), jobs=1))
    assert [o.path.name for o in outcomes] == ["a.txt", "d.txt"] and sorted(_written(tmp_path / "out")) == ["a.txt", "d.txt"]


def test_workers_are_the_run_s_own_whatever_the_default_start_method(tmp_path):
    # (From Python 3.14, Linux starts processes through a fork server by
    # default; a worker whose parent is not the run must not think it died.)
    corpus = _corpus(tmp_path / "in", ["a.txt", "c.txt", "d.txt"])
    script = (
        "import multiprocessing, sys\n"
        "multiprocessing.set_start_method('forkserver', force=True)\n"
        "from cleaner import clean_corpus\n"
        f"outcomes = list(clean_corpus([{str(corpus)!r}], jobs=2))\n"
        "print([o.error for o in outcomes])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[None, None, None]"


def test_contradictory_options_are_refused_before_anything_runs(tmp_path):
    with pytest.raises(ValueError, match="dedup_across"):
        clean_corpus([tmp_path], dedup_across="maybe")
    with pytest.raises(ValueError, match="output folder"):
        clean_corpus([tmp_path], mode=Mode.OUTPUT_DIR)
    with pytest.raises(ValueError, match="in place"):
        clean_corpus([tmp_path], mode=Mode.IN_PLACE, dedup_across="drop")
