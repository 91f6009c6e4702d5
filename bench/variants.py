#!/usr/bin/env python3
"""Re-wrapped and doubled pages: does the cleaner give back what it gives
for the page as it was?

    python bench/variants.py                       # samples/
    python bench/variants.py FOLDER [FOLDER...]    # folders of <id>.txt + <id>.gold.txt

For every page, one single variant and four doubled ones are built. The
single one is the page hard-wrapped as text dumps write it: Chinese lines cut
every 30 to 45 characters, others at a space before 60 to 80 characters (the
width drawn per page, reproducibly). The doubled ones are the page followed
by a copy of itself that is exact, re-wrapped at 40 characters a line,
width-swapped (full-width punctuation made half-width and the reverse), or
edited (one character in eighty changed). Each variant is cleaned and scored
against the page's gold text; a cleaner that reads wrapped lines as the
paragraph they make, and removes the copy, scores what the page scores.
Prints macro F1 per variant next to the page's own.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import prf, tokens  # noqa: E402
from cleaner import clean_bytes, clean_text  # noqa: E402

WRAP = 40
_TO_HALF = str.maketrans("，。！？：；（）“”‘’、", ",.!?:;()\"\"''" + ",")
_TO_FULL = str.maketrans(",!?:;()", "，！？：；（）")


def rewrapped(text: str, width: int = WRAP) -> str:
    """Every line cut into lines of ``width`` characters, as a mobile page."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        out += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out) + "\n"


def hard_wrapped(text: str, seed: str) -> str:
    """The page as a text dump writes it: Chinese lines cut every 30 to 45
    characters, other lines at a space before 60 to 80 (one width a page)."""
    rng = random.Random(zlib.crc32(seed.encode()))
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in text) * 4 > len(text)
    width = rng.randint(30, 45) if cjk else rng.randint(60, 80)
    if cjk:
        return rewrapped(text, width)
    out = []
    for line in text.splitlines():
        out += textwrap.wrap(line.strip(), width, break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(out) + "\n"


def width_swapped(text: str) -> str:
    """Full-width punctuation made half-width, half-width made full-width."""
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return text.translate(_TO_HALF)
    return text.translate(_TO_FULL)


def edited(text: str, every: int = 80) -> str:
    """One letter or CJK character in ``every`` replaced, deterministically."""
    chars = list(text)
    seen = 0
    for i, char in enumerate(chars):
        if char.isalnum():
            seen += 1
            if seen % every == 0:
                chars[i] = "改" if "\u4e00" <= char <= "\u9fff" else ("x" if char != "x" else "y")
    return "".join(chars)


VARIANTS = {
    "exact": lambda text: text,
    "rewrapped": rewrapped,
    "width": width_swapped,
    "edited": edited,
}


def doubled(text: str, variant: str) -> str:
    return text.rstrip("\n") + "\n\n" + VARIANTS[variant](text)


def f1(output: str, gold: str) -> float:
    out, want = tokens(output), tokens(gold)
    return prf(sum((out & want).values()), sum(out.values()), sum(want.values()))[2]


def score_variants(folder: Path) -> dict[str, float]:
    """Macro F1 of the pages, of the pages hard-wrapped, and of each doubled variant."""
    sums = {"single": 0.0, "wrapped": 0.0, **{name: 0.0 for name in VARIANTS}}
    pages = 0
    for gold_path in sorted(folder.glob("*.gold.txt")):
        raw_path = folder / f"{gold_path.name[: -len('.gold.txt')]}.txt"
        if not raw_path.exists():
            continue
        gold = gold_path.read_text(encoding="utf-8")
        single = clean_bytes(raw_path.read_bytes())
        text = single.source.text if single.source else raw_path.read_text(encoding="utf-8")
        sums["single"] += f1(single.text, gold)
        sums["wrapped"] += f1(clean_text(hard_wrapped(text, raw_path.name)).text, gold)
        for name in VARIANTS:
            sums[name] += f1(clean_text(doubled(text, name)).text, gold)
        pages += 1
    return {name: total / max(pages, 1) for name, total in sums.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    args = parser.parse_args(argv)
    print(f"{'':16s} {'page':>7s} {'wrapped':>8s}  doubled: " + " ".join(f"{name:>9s}" for name in VARIANTS) + "   (macro F1)")
    for folder in args.folders:
        scores = score_variants(folder)
        doubled = " ".join(f"{scores[name]:9.3f}" for name in VARIANTS)
        print(f"{folder.name[:16]:16s} {scores['single']:7.3f} {scores['wrapped']:8.3f}           {doubled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
