#!/usr/bin/env python3
"""How many instructions cleaning costs: a count that, unlike a timing, does
not move with the machine's load, so a step of a few percent can be judged.

    python bench/instructions.py                       # every 27th dev page
    python bench/instructions.py --every 9 DEV_FOLDER

Runs ``clean_bytes`` over every Nth ``.txt`` page (gold files aside) of the
dev sets under callgrind (valgrind), counting only what runs inside
``clean_bytes``, with the command line's collector settings and the string
hash seed fixed at 0 (a random seed moves the count by up to 1%: sets and
dictionaries of strings fill differently). Needs valgrind and the compiled
core. The count is of a run's steady state: the catalogue's expressions,
which a run compiles as rules are first tried, and rapidfuzz, which it
imports at the first near match, are ready before the measured pages.
Compare counts of the same pages only.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
# The compiled ``clean_bytes`` (its Python-callable wrapper); callgrind counts
# from its entry to its return.
COUNTED = "__pyx_pw_*pipeline*clean_bytes"


def pages(dev: Path, every: int) -> list[Path]:
    found = sorted(p for p in dev.rglob("*.txt") if not p.name.endswith(".gold.txt"))
    return found[::every]


def clean(paths: list[str]) -> None:
    """The measured run: what the command line does with each page's bytes."""
    sys.path.insert(0, str(ROOT))
    from cleaner import compiled
    from cleaner.cli import YOUNG_OBJECTS_COLLECTED
    from cleaner.pipeline import clean_bytes
    from cleaner.rules import RULES

    if compiled.missing():
        sys.exit(f"the compiled core is not loaded: {compiled.status()}")
    datas = [Path(path).read_bytes() for path in paths]
    for rule in RULES:
        rule.pattern  # (compiled now, outside the count)
    importlib.import_module("rapidfuzz.fuzz")
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_COLLECTED, *gc.get_threshold()[1:])
    for data in datas:
        clean_bytes(data)


def count(paths: list[Path]) -> int:
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: this count needs it")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        listing = Path(scratch) / "pages"
        listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
        command = [
            "valgrind", "--tool=callgrind", f"--toggle-collect={COUNTED}", f"--callgrind-out-file={out}",
            sys.executable, __file__, "--measured", str(listing),
        ]
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        totals = re.search(r"^(?:totals|summary): (\d+)", out.read_text(encoding="utf-8", errors="replace"), re.M)
        if totals is None:
            sys.exit(f"no count in {out.name}")
        return int(totals.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev", nargs="?", type=Path, default=DEV, help="folder of dev sets (default: ../shared/eval/dev)")
    parser.add_argument("--every", type=int, default=27, help="count every Nth page (default: 27)")
    parser.add_argument("--measured", type=Path, help=argparse.SUPPRESS)  # (the run under callgrind)
    args = parser.parse_args()
    if args.measured is not None:
        clean(args.measured.read_text(encoding="utf-8").splitlines())
        return
    chosen = pages(args.dev, args.every)
    size = sum(path.stat().st_size for path in chosen)
    total = count(chosen)
    print(f"{len(chosen)} pages, {size / 1e3:.0f} KB: clean_bytes {total / 1e6:,.1f} million instructions")


if __name__ == "__main__":
    main()
