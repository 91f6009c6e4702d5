#!/usr/bin/env python3
"""Score cleaner against gold article text.

    python bench/quality.py                      # samples/
    python bench/quality.py FOLDER [FOLDER...]   # any folders of <id>.txt + <id>.gold.txt
    python bench/quality.py FOLDER --per-page --json scores.json
    python bench/quality.py FOLDER --templates   # learn site templates over each folder first

Tokens are CJK characters and runs of other letters/digits (NFKC,
case-folded, punctuation and whitespace ignored), compared as multisets, so a
page whose article is kept twice loses precision. Per page P/R/F1, then macro
and micro averages per folder, next to the do-nothing baseline (the input
itself). Pages are cleaned in-process with the default Config; with
--templates, after a first pass over the folder's raw pages (as the
command line's --templates does over its run).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, clean_bytes  # noqa: E402
from cleaner.batch import learn  # noqa: E402
from cleaner.chars import TOKEN_RE  # noqa: E402
from cleaner.files import discover  # noqa: E402


def tokens(text: str) -> Counter:
    return Counter(TOKEN_RE.findall(unicodedata.normalize("NFKC", text).casefold()))


def prf(tp: int, n_out: int, n_gold: int) -> tuple[float, float, float]:
    if n_out == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    p = tp / n_out if n_out else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Page:
    id: str
    p: float
    r: float
    f: float
    base_f: float
    tp: int
    n_out: int
    n_gold: int


def score_folder(folder: Path, config: Config | None = None, templates: bool = False) -> list[Page]:
    """Clean every ``<id>.txt`` that has an ``<id>.gold.txt`` and score it."""
    learned = learn(discover([folder], ["*.txt", "!*.gold.txt"]), config or Config()) if templates else None
    pages = []
    for gold_path in sorted(folder.glob("*.gold.txt")):
        page_id = gold_path.name[: -len(".gold.txt")]
        raw_path = folder / f"{page_id}.txt"
        if not raw_path.exists():
            continue
        raw = raw_path.read_bytes()
        gold = tokens(gold_path.read_text(encoding="utf-8"))
        result = clean_bytes(raw, config, learned)
        out = tokens(result.text)
        base = tokens(result.source.text if result.source else raw.decode("utf-8", "replace"))
        tp = sum((out & gold).values())
        p, r, f = prf(tp, sum(out.values()), sum(gold.values()))
        _, _, base_f = prf(sum((base & gold).values()), sum(base.values()), sum(gold.values()))
        pages.append(Page(page_id, p, r, f, base_f, tp, sum(out.values()), sum(gold.values())))
    return pages


def summarise(pages: list[Page]) -> dict:
    n = max(len(pages), 1)
    micro = prf(sum(p.tp for p in pages), sum(p.n_out for p in pages), sum(p.n_gold for p in pages))
    return {
        "pages": len(pages),
        "macro": {"p": sum(p.p for p in pages) / n, "r": sum(p.r for p in pages) / n, "f1": sum(p.f for p in pages) / n},
        "micro": dict(zip(("p", "r", "f1"), micro)),
        "baseline_macro_f1": sum(p.base_f for p in pages) / n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--per-page", action="store_true", help="print every page's scores")
    parser.add_argument("--json", type=Path, help="write the summary to this file")
    parser.add_argument("--templates", action="store_true", help="learn site templates over each folder first")
    args = parser.parse_args(argv)
    summary = {}
    print(f"{'folder':24s} {'pages':>5s} | {'macroP':>6s} {'macroR':>6s} {'macroF':>6s} | {'microP':>6s} {'microR':>6s} {'microF':>6s} || {'in:mF':>6s}  seconds")
    for folder in args.folders:
        started = time.perf_counter()
        pages = score_folder(folder, templates=args.templates)
        seconds = time.perf_counter() - started
        if args.per_page:
            for page in pages:
                print(f"  {page.id[:40]:40s} P={page.p:.3f} R={page.r:.3f} F1={page.f:.3f}   (input F1={page.base_f:.3f})")
        s = summarise(pages)
        s["seconds"] = seconds
        summary[str(folder)] = s
        m, u = s["macro"], s["micro"]
        print(f"{folder.name[:24]:24s} {s['pages']:5d} | {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f} | {u['p']:6.3f} {u['r']:6.3f} {u['f1']:6.3f} || {s['baseline_macro_f1']:6.3f}  {seconds:.2f}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
