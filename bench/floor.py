#!/usr/bin/env python3
"""How fast are the first stages of cleaning? Each alone, measured.

    python bench/floor.py                          # samples/
    python bench/floor.py FOLDER [FOLDER...]       # any folders of .txt pages

Times, in one process on the same pages, a ladder of ever larger parts of
the work every page needs before any judgement: decoding; decoding,
splitting into lines and stripping them; segmenting (long lines cut into
sentences); segmenting and the per-block statistics the rules and the
article search read (:func:`cleaner.features.features`); the same plus each
block's comparison key for duplicates; and the whole of ``clean_bytes``.
Each rung is a ceiling for anything that does the rungs below it the same
way: when segmenting and counting alone run at some rate, no pipeline that
also matches rules, compares sentences and scores the page runs faster.
Timings, not a test; the best of three runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import clean_bytes  # noqa: E402
from cleaner.chars import dedup_key, strip  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.features import features  # noqa: E402
from cleaner.segment import segment  # noqa: E402


def _lines(data: bytes) -> None:
    for line in decode(data).text.splitlines():
        strip(line)


def _segments(data: bytes) -> None:
    segment(decode(data).text)


def _statistics(data: bytes) -> None:
    for block in segment(decode(data).text):
        features(block.text)


def _keys(data: bytes) -> None:
    for block in segment(decode(data).text):
        features(block.text)
        dedup_key(block.text)


RUNGS: tuple[tuple[str, Callable[[bytes], object]], ...] = (
    ("decode", decode),
    ("+ split into lines, strip", _lines),
    ("+ segment (long lines cut into sentences)", _segments),
    ("+ per-block statistics (features)", _statistics),
    ("+ comparison keys", _keys),
    ("clean_bytes (everything)", clean_bytes),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    args = parser.parse_args(argv)
    pages = [
        p.read_bytes()
        for folder in args.folders
        for p in sorted(folder.rglob("*.txt"))
        if not p.name.endswith(".gold.txt")
    ]
    size = sum(map(len, pages)) / 1e6
    clean_bytes("预热。".encode())  # imports and compiled patterns are not part of the rate
    print(f"{len(pages)} pages, {size:.2f} MB, one process\n")
    print(f"{'work':45s} {'MB/s':>7s}")
    for name, work in RUNGS:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for page in pages:
                work(page)
            best = min(best, time.perf_counter() - started)
        print(f"{name:45s} {size / best:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
