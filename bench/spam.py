#!/usr/bin/env python3
"""Gambling spam in Common Crawl text: how many documents hold it before
cleaning, and how many still do after.

    python bench/spam.py                                  # the CC sample in ../shared/eval/corpus
    python bench/spam.py FILE.jsonl [FILE.jsonl ...] --field raw_content

A line counts as spam when it names a gambling brand or term of LEXICON.
The list is the yardstick only: the cleaner does not read it (its rules
catch keyword stuffing by the line's shape), so a line the cleaner keeps
and the list names is likely spam it missed. Likely: a few of its words
are also ordinary ones (金沙江, 棋牌室), which is why every line left is
printed, with its document, for a reader to judge. A brand injected into a
sentence of the article (…作为js333金沙线路国落实…) stays by design, since
the cleaner keeps or removes whole sentences and never edits one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import clean_text  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "eval" / "corpus" / "chinesewebtext-cc-sample" / "2021-43" / "cleared1.jsonl"
LEXICON = re.compile(
    r"威尼斯人|金沙|太阳城|申博|皇冠(?:国际|体育|娱乐)|博彩|娱乐城|现金网|百家乐|时时彩|棋牌|必威|betway|乐虎|葡京|真人娱乐|"
    r"体育投注|赌场|老虎机|电子游艺|bb电子|ag代理|娱乐平台|娱乐网址|注册送|开奖|六合彩|飞艇|北京赛车|秒速赛车",
    re.IGNORECASE,
)


def spam_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if LEXICON.search(line)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=[SAMPLE])
    parser.add_argument("--field", default="raw_content", help="the field that holds the text (default raw_content)")
    args = parser.parse_args(argv)
    documents = before = after = lines_before = lines_after = 0
    left: list[tuple[str, str]] = []
    for path in args.files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            text = json.loads(line)[args.field]
            documents += 1
            found, kept = spam_lines(text), spam_lines(clean_text(text).text)
            before += bool(found)
            after += bool(kept)
            lines_before += len(found)
            lines_after += len(kept)
            left += [(f"{path.name}:{number}", spam) for spam in kept]
    print(f"{documents} documents: {before} hold spam lines before cleaning ({lines_before} lines), {after} after ({lines_after} lines)")
    for where, spam in left:
        print(f"  {where}: {spam[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
