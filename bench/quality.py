#!/usr/bin/env python3
"""Score cleaner against gold article text.

    python bench/quality.py                      # samples/
    python bench/quality.py FOLDER [FOLDER...]   # any folders of <id>.txt + <id>.gold.txt
    python bench/quality.py FOLDER --per-page --json scores.json
    python bench/quality.py FOLDER --templates   # learn site templates over each folder first
    python bench/quality.py FOLDER --lost        # gold text lost, by the reason code that removed it
    python bench/quality.py FOLDER --kept        # junk text kept, by where it lies: before, inside, after the article
    python bench/quality.py FOLDER --json new.json --against old.json   # pages that got worse since old.json

Tokens are CJK characters and runs of other letters/digits (NFKC,
case-folded, punctuation and whitespace ignored), compared as multisets, so a
page whose article is kept twice loses precision. Per page P/R/F1, then macro
and micro averages per folder, next to the do-nothing baseline (the input
itself). Pages are cleaned in-process with the default Config; with
--templates, after a first pass over the folder's raw pages (as the
command line's --templates does over its run).

With --lost, the gold text that the output misses is charged to the removed
blocks that held it, in page order: tokens lost by reason code, and gold
lines lost (removed blocks of at least LOST_MIN_KEY characters of key whose
key is in the gold text and nowhere in the output) by reason code. A rule
that removes sentences of the article shows up here before it shows up in
the recall.

With --kept, the output's tokens that the gold lacks are charged to the
kept blocks that hold them, in page order, and each block to where it lies:
before the first kept line of the article (a gold line, as --lost finds
them), after the last one, or inside. A header kept is "before", a
comment thread or related-article teasers "after".

With --against OLD.json (written by --json on an earlier run), the pages
whose F1 fell, worst first: what a change cost, page by page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, clean_bytes  # noqa: E402
from cleaner.templates import learn  # noqa: E402
from cleaner.chars import TOKEN_RE, dedup_key  # noqa: E402
from cleaner.files import discover  # noqa: E402


def tokens(text: str) -> Counter:
    return Counter(TOKEN_RE.findall(unicodedata.normalize("NFKC", text).casefold()))


LOST_MIN_KEY = 10
_RULE_EVIDENCE = re.compile(r"^([a-z_]+\.[a-z_]+): ")


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
    lost_tokens: Counter = field(default_factory=Counter)  # reason code -> gold tokens it removed
    lost_lines: Counter = field(default_factory=Counter)  # reason code -> gold lines it removed
    kept_junk: Counter = field(default_factory=Counter)  # before / inside / after -> junk tokens kept there


def score_folder(folder: Path, config: Config | None = None, templates: bool = False, charge: bool = False) -> list[Page]:
    """Clean every ``<id>.txt`` that has an ``<id>.gold.txt`` and score it
    (``charge``: and charge the gold text it misses to the reasons, see
    :func:`lost`, and the junk it keeps to where it lies, see :func:`kept`)."""
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
        page = Page(page_id, p, r, f, base_f, tp, sum(out.values()), sum(gold.values()))
        if charge:
            gold_text = gold_path.read_text(encoding="utf-8")
            page.lost_tokens, page.lost_lines = lost(result, gold, gold_text)
            page.kept_junk = kept(result, gold, gold_text)
        pages.append(page)
    return pages


def lost(result, gold: Counter, gold_text: str) -> tuple[Counter, Counter]:
    """Gold tokens and gold lines that removed blocks took, by reason code;
    lines also by ``inside <reason>`` when they lay between two gold lines of
    the page (inside the article), and by ``rule <name>`` when a rule's own
    hit, not a judgement of the page's layout, removed them inside."""
    missing = gold - tokens(result.text)
    out_key = dedup_key(result.text)
    keys = [dedup_key(d.block.text) for d in result.decisions]
    in_gold, first, last = _gold_lines(keys, gold_text)
    by_tokens: Counter = Counter()
    by_lines: Counter = Counter()
    for at, decision in enumerate(result.decisions):
        text = decision.block.text
        if decision.kept or not text:
            continue
        taken = tokens(text) & missing
        if taken:
            missing -= taken
            by_tokens[decision.reason.value] += sum(taken.values())
        if not in_gold[at] or keys[at] in out_key:
            continue
        by_lines[decision.reason.value] += 1
        if first < at < last:
            by_lines["inside " + decision.reason.value] += 1
            rule = _RULE_EVIDENCE.match(decision.evidence)
            if rule is not None:
                by_lines["rule " + rule.group(1)] += 1
    return by_tokens, by_lines


def _gold_lines(keys: list[str], gold_text: str) -> tuple[list[bool], int, int]:
    """Which of the blocks (by their comparison keys) are lines of the gold
    text (LOST_MIN_KEY characters of key or more, found in it), and the
    first and last of them (``len(keys)`` and -1 when there is none)."""
    gold_key = dedup_key(gold_text)
    in_gold = [len(key) >= LOST_MIN_KEY and key in gold_key for key in keys]
    if True not in in_gold:
        return in_gold, len(in_gold), -1
    return in_gold, in_gold.index(True), len(in_gold) - 1 - in_gold[::-1].index(True)


def kept(result, gold: Counter, gold_text: str) -> Counter:
    """Output tokens the gold lacks, by where their block lies: ``before``
    the first kept gold line, ``after`` the last, or ``inside``; all
    ``outside`` when no gold line was kept."""
    blocks = [d.block.text for d in result.decisions if d.kept and d.block.text]
    _, first, last = _gold_lines([dedup_key(text) for text in blocks], gold_text)
    unclaimed = Counter(gold)
    junk: Counter = Counter()
    for at, text in enumerate(blocks):
        found = tokens(text)
        extra = found - unclaimed
        unclaimed -= found
        if extra:
            where = "outside" if first > last else "before" if at < first else "after" if at > last else "inside"
            junk[where] += sum(extra.values())
    return junk


def summarise(pages: list[Page]) -> dict:
    n = max(len(pages), 1)
    micro = prf(sum(p.tp for p in pages), sum(p.n_out for p in pages), sum(p.n_gold for p in pages))
    return {
        "pages": len(pages),
        "macro": {"p": sum(p.p for p in pages) / n, "r": sum(p.r for p in pages) / n, "f1": sum(p.f for p in pages) / n},
        "micro": dict(zip(("p", "r", "f1"), micro)),
        "baseline_macro_f1": sum(p.base_f for p in pages) / n,
        "lost_tokens": dict(sum((p.lost_tokens for p in pages), Counter()).most_common()),
        "lost_lines": dict(sum((p.lost_lines for p in pages), Counter()).most_common()),
        "kept_junk": dict(sum((p.kept_junk for p in pages), Counter()).most_common()),
        "f1": {p.id: round(p.f, 4) for p in pages},
    }


def worse(before: dict, after: dict, least: float = 0.005) -> list[tuple[float, str, float, float]]:
    """``(change, folder/page, F1 before, F1 after)`` of the pages whose F1
    fell by ``least`` or more between two --json summaries, worst first."""
    out = []
    for folder, summary in after.items():
        old = before.get(folder, {}).get("f1", {})
        for page, f in summary["f1"].items():
            if page in old and f <= old[page] - least:
                out.append((f - old[page], f"{Path(folder).name}/{page}", old[page], f))
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--per-page", action="store_true", help="print every page's scores")
    parser.add_argument("--json", type=Path, help="write the summary to this file")
    parser.add_argument("--templates", action="store_true", help="learn site templates over each folder first")
    parser.add_argument("--lost", action="store_true", help="print the gold text lost, by reason code")
    parser.add_argument("--kept", action="store_true", help="print the junk text kept, by where it lies")
    parser.add_argument("--against", type=Path, help="an earlier --json summary: print the pages whose F1 fell since")
    args = parser.parse_args(argv)
    summary = {}
    lost_tokens: Counter = Counter()
    lost_lines: Counter = Counter()
    kept_junk: dict[str, Counter] = {}
    print(f"{'folder':24s} {'pages':>5s} | {'macroP':>6s} {'macroR':>6s} {'macroF':>6s} | {'microP':>6s} {'microR':>6s} {'microF':>6s} || {'in:mF':>6s}  seconds")
    for folder in args.folders:
        started = time.perf_counter()
        pages = score_folder(folder, templates=args.templates, charge=args.lost or args.kept)
        seconds = time.perf_counter() - started
        if args.per_page:
            for page in pages:
                print(f"  {page.id[:40]:40s} P={page.p:.3f} R={page.r:.3f} F1={page.f:.3f}   (input F1={page.base_f:.3f})")
        s = summarise(pages)
        s["seconds"] = seconds
        summary[str(folder)] = s
        m, u = s["macro"], s["micro"]
        print(f"{folder.name[:24]:24s} {s['pages']:5d} | {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f} | {u['p']:6.3f} {u['r']:6.3f} {u['f1']:6.3f} || {s['baseline_macro_f1']:6.3f}  {seconds:.2f}")
        lost_tokens.update(s["lost_tokens"])
        lost_lines.update(s["lost_lines"])
        kept_junk[folder.name] = Counter(s["kept_junk"])
    if args.lost:
        print(f"\ngold lost, all folders     {'tokens':>7s} {'lines':>6s} {'inside':>6s}")
        for reason in sorted(r for r in set(lost_tokens) | set(lost_lines) if " " not in r):
            print(f"  {reason:24s} {lost_tokens[reason]:7d} {lost_lines[reason]:6d} {lost_lines['inside ' + reason]:6d}")
        inside = sum(n for r, n in lost_lines.items() if r.startswith("inside "))
        print(f"  {'total':24s} {sum(lost_tokens.values()):7d} {sum(n for r, n in lost_lines.items() if ' ' not in r):6d} {inside:6d}")
        print("gold lines removed inside the article by a rule's own hit:")
        for name, count in sorted(((r[5:], n) for r, n in lost_lines.items() if r.startswith("rule ")), key=lambda x: (-x[1], x[0])):
            print(f"  {name:24s} {count:6d}")
    if args.kept:
        regions = ("before", "inside", "after", "outside")
        print(f"\njunk tokens kept      {' '.join(f'{r:>8s}' for r in regions)}")
        for name, junk in kept_junk.items():
            print(f"  {name[:19]:19s} {' '.join(f'{junk[r]:8d}' for r in regions)}")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        shared = [folder for folder in summary if "f1" in before.get(folder, {})]
        if not shared:
            print(f"\n{args.against} holds no page scores for these folders (written before --against, or for other paths)")
        fell = worse(before, summary)
        print(f"\n{len(fell)} pages fell by 0.005 F1 or more since {args.against}" + (":" if fell else ""))
        for change, page, old, new in fell:
            print(f"  {change:+.3f}  {page:50s} {old:.3f} -> {new:.3f}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
