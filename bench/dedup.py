#!/usr/bin/env python3
"""Does duplicate detection stay linear? Timings, not a test.

    python bench/dedup.py            # in-page 10x/100x/1000x, cross-file 1k/10k
    python bench/dedup.py --quick    # smaller sizes

In-page: a page of N distinct paragraphs followed by an edited copy of
itself, for N = 10, 100, 1000 times the blocks of a sample page; the time per
block should stay flat. Cross-file: N documents built from sample sentences
(one in five a near copy of an earlier one) through the MinHash-LSH stage;
the time per document should stay flat from 1k to 10k. If datasketch is
installed, its MinHash (128 permutations, numpy) is timed on the same texts
next to ours (one-permutation hashing, 64 bins, pure Python).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.variants import edited  # noqa: E402
from cleaner import Config, clean_text  # noqa: E402
from cleaner.dedup_across import Index, Sketch  # noqa: E402
from cleaner.minhash import shingles, signature, sketch  # noqa: E402
from cleaner.reasons import parse_reasons  # noqa: E402

ONLY_DEDUP = Config(disable=parse_reasons("boiler"))


def sample_sentences() -> list[str]:
    gold = (ROOT / "samples" / "001_776db95d8be1ec78.gold.txt").read_text(encoding="utf-8")
    out = []
    for line in gold.splitlines():
        out += [s + "。" for s in line.split("。") if len(s) > 10]
    return out


def in_page(factors: list[int]) -> None:
    sentences = sample_sentences()
    base = len(sentences)
    print(f"in-page: a page of n distinct paragraphs, then an edited copy of it ({base} sentences in the sample)")
    print(f"{'paragraphs':>11s} {'blocks':>7s} {'seconds':>8s} {'µs/block':>9s} {'removed':>8s}")
    for factor in factors:
        paragraphs = [f"第{i}段：{sentences[i % base]}" for i in range(base * factor)]
        page = "\n".join(paragraphs) + "\n"
        text = page + "\n" + edited(page)
        started = time.perf_counter()
        result = clean_text(text, ONLY_DEDUP)
        seconds = time.perf_counter() - started
        blocks = len(result.decisions)
        removed = sum(1 for d in result.removed if d.reason.value.startswith("dup."))
        print(f"{len(paragraphs):11d} {blocks:7d} {seconds:8.3f} {seconds / blocks * 1e6:9.1f} {removed:8d}")


def documents(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    pool = sample_sentences()
    docs: list[str] = []
    for n in range(count):
        if docs and rng.random() < 0.2:
            docs.append(edited(rng.choice(docs), every=60))
        else:
            body = [f"编号{n}-{k}：{rng.choice(pool)}" for k in range(12)]
            docs.append("\n".join(body) + "\n")
    return docs


def cross_file(sizes: list[int]) -> None:
    print("\ncross-file: n documents through MinHash-LSH (one in five a near copy)")
    print(f"{'documents':>10s} {'seconds':>8s} {'ms/doc':>7s} {'copies found':>13s}")
    for size in sizes:
        docs = documents(size)
        memory = Index()
        started = time.perf_counter()
        found = sum(memory.document(f"d{number}", Sketch(*sketch(doc), signature(""))) is not None for number, doc in enumerate(docs))
        seconds = time.perf_counter() - started
        print(f"{size:10d} {seconds:8.2f} {seconds / size * 1e3:7.3f} {found:13d}")


def against_datasketch(count: int) -> None:
    try:
        from datasketch import MinHash
    except ImportError:
        print("\n(datasketch not installed: pip install datasketch to compare)")
        return
    docs = documents(count)
    started = time.perf_counter()
    for doc in docs:
        signature(doc)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        sketch = MinHash(num_perm=128)
        sketch.update_batch([s.encode("utf-8") for s in shingles(doc)])
    theirs = time.perf_counter() - started
    print(f"\nsignatures of {count} documents: ours {ours:.2f}s, datasketch MinHash(128) {theirs:.2f}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    in_page([1, 10, 100] if args.quick else [1, 10, 100, 1000])
    cross_file([500, 2000] if args.quick else [1000, 10000])
    against_datasketch(500 if args.quick else 2000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
