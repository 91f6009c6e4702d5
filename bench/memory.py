#!/usr/bin/env python3
"""Peak memory of the command line on large inputs, against the bound
4 x (input size) + 150 MB. Measurements, not a test.

    python bench/memory.py                  # 200 MB inputs (a few minutes)
    python bench/memory.py --size-mb 50     # smaller ones

Each input is built from samples/ (deterministically) and cleaned by
``python -m cleaner FILE -o OUT -q -j 1`` in a process of its own, whose peak
resident memory the kernel reports (``ru_maxrss``):

* ``lines``: SIZE MB of ordinary lines, one page: far over the limits of a
  page (``max-lines``, ``max-chars``), so copied through with an error;
* ``one-line``: 50 MB on a single line (a flattened document), likewise;
* ``jsonl``: SIZE MB of JSON Lines documents, the samples' pages varied:
  cleaned one document at a time;
* ``jsonl --report``: the same with a report (its records are written to a
  temporary file as the documents are cleaned);
* ``lines-at-limit``: the largest page of short lines cleaned whole
  (just under ``max-lines``);
* ``chars-at-limit``: the largest page of long lines cleaned whole (just
  under ``max-chars``).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000

# Runs a command and prints the largest resident set of any process it ran (KB).
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def _pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")) if not p.name.endswith(".gold.txt")]


def _lines(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.splitlines()]


def build(kind: str, path: Path, size: int, rng: random.Random) -> None:
    pages = _pages()
    lines = _lines(pages)
    written = 0

    def write(text: str) -> None:
        nonlocal written
        out.write(text)
        written += len(text.encode("utf-8"))

    with open(path, "w", encoding="utf-8") as out:
        if kind == "lines":
            while written < size:
                write(rng.choice(lines) + "\n")
        elif kind == "one-line":
            flat = " ".join(line for line in lines if line.strip())
            while written < size:
                write(flat + " ")
            write("\n")
        elif kind == "jsonl":
            number = 0
            while written < size:
                page = rng.choice(pages).splitlines()
                head = page[: len(page) // 3]
                rng.shuffle(head)  # menus in another order, as on another page of the site
                write(json.dumps({"id": number, "text": "\n".join(head + page[len(head) :])}, ensure_ascii=False) + "\n")
                number += 1
        elif kind == "lines-at-limit":
            whole = [line for line in lines if len(line) < 300]  # (a longer line is cut into sentences, each a block)
            for _ in range(49_000):
                out.write(rng.choice(whole) + "\n")
        elif kind == "chars-at-limit":
            long = [line for line in lines if 100 < len(line) < 300]
            characters = 0
            while characters < 3_900_000:
                line = rng.choice(long)
                write(line + "\n")
                characters += len(line) + 1
        else:
            raise ValueError(kind)


def measure(path: Path, extra: list[str]) -> tuple[float, int, int]:
    """(seconds, exit code, peak resident bytes) of cleaning ``path``."""
    with tempfile.TemporaryDirectory() as out:
        extra = [out + "/report.jsonl" if arg == "REPORT" else arg for arg in extra]  # (the report goes beside the output)
        command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "cleaner", str(path), "-o", out, "-q", "-j", "1", *extra]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - started
    return seconds, done.returncode, int(done.stdout.split()[-1]) * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--only", nargs="*", help="run only these cases")
    args = parser.parse_args(argv)
    cases = {"lines": args.size_mb, "one-line": 50, "jsonl": args.size_mb, "jsonl --report": args.size_mb, "lines-at-limit": 0, "chars-at-limit": 0}
    print(f"{'input':16s} {'MB':>7s} {'seconds':>8s} {'exit':>4s} {'peak MB':>8s} {'bound MB':>9s}")
    with tempfile.TemporaryDirectory() as folder:
        for kind, megabytes in cases.items():
            if args.only and kind not in args.only:
                continue
            name, *flags = kind.split()
            path = Path(folder) / (f"{name}.jsonl" if name == "jsonl" else f"{name}.txt")
            build(name, path, megabytes * MB, random.Random(7))
            size = path.stat().st_size
            seconds, code, peak = measure(path, ["--report", "REPORT"] if "--report" in flags else [])
            bound = 4 * size + 150 * MB
            verdict = "ok" if peak <= bound else "OVER"
            print(f"{kind:16s} {size / MB:7.1f} {seconds:8.1f} {code:4d} {peak / MB:8.0f} {bound / MB:9.0f}  {verdict}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
