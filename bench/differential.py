#!/usr/bin/env python3
"""Does this tree clean exactly as another commit does? Text, and every
decision with its reason, evidence and twin, page by page.

    python bench/differential.py                  # against the commit before the compiled core
    python bench/differential.py --base HEAD~3 --generated 5000

The pages: every page of ``../shared/eval/dev/*`` and ``../shared/eval/unlabeled``,
the samples, and ``--generated`` pages drawn from the property tests'
page strategy (tests/properties.py), the same pages for both trees. The
other commit is exported with ``git archive`` to a temporary folder and run
from there, in its own process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
BASE = "52ab35c"  # main when the compiled core was begun

# Run in a tree's own process: clean every page, print one digest a page.
_WORKER = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from cleaner import clean_bytes, clean_text
from cleaner.decode import DecodeError
for line in open(sys.argv[2], encoding="utf-8"):
    name, kind, payload = json.loads(line)
    try:
        result = clean_bytes(open(payload, "rb").read()) if kind == "file" else clean_text(payload)
    except (DecodeError, ValueError) as error:
        outcome = ["error", type(error).__name__, str(error)]
    else:
        outcome = [result.text, [[d.block.index, d.block.position, d.reason.value, d.evidence, d.ref] for d in result.decisions]]
    digest = hashlib.sha256(json.dumps(outcome, ensure_ascii=False).encode()).hexdigest()
    print(json.dumps([name, digest]))
"""


def pages(generated: int) -> list[tuple[str, str, str]]:
    files = sorted(p for p in SHARED.glob("dev/*/*.txt") if not p.name.endswith(".gold.txt"))
    files += sorted(p for p in (SHARED / "unlabeled").rglob("*") if p.is_file())
    files += sorted(p for p in (ROOT / "samples").glob("*.txt") if not p.name.endswith(".gold.txt"))
    out = [(str(p.relative_to(ROOT.parent)), "file", str(p)) for p in files]
    if generated:
        sys.path.insert(0, str(ROOT))
        from hypothesis.errors import NonInteractiveExampleWarning

        from tests.properties import pages as strategy

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NonInteractiveExampleWarning)
            out += [(f"generated/{n}", "text", strategy.example()) for n in range(generated)]
    return out


def digests(tree: Path, listing: Path) -> dict[str, str]:
    run = subprocess.run([sys.executable, "-c", _WORKER, str(tree), str(listing)], capture_output=True, text=True, check=True)
    return dict(map(json.loads, run.stdout.splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE, help=f"the commit to compare with (default {BASE})")
    parser.add_argument("--generated", type=int, default=2000, help="generated pages to add (default 2000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "base"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "cleaner"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        listing = Path(scratch) / "pages.jsonl"
        todo = pages(args.generated)
        listing.write_text("".join(json.dumps(page, ensure_ascii=False) + "\n" for page in todo), encoding="utf-8")
        before, after = digests(base, listing), digests(ROOT, listing)
    differ = sorted(name for name in before if before[name] != after.get(name))
    real = sum(kind == "file" for _, kind, _ in todo)
    print(f"{len(todo)} pages ({real} real, {len(todo) - real} generated): {len(differ)} cleaned differently from {args.base}")
    for name in differ[:20]:
        print(f"  {name}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
