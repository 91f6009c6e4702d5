#!/usr/bin/env python3
"""How fast, how much memory, and which stage is slow. Timings, not a test.

    python bench/speed.py                        # a 200 MB corpus, jobs 1 and 2
    python bench/speed.py --size-mb 20           # a smaller one
    python bench/speed.py --out /dev/shm --repeat 3   # output to memory, best of three
    python bench/speed.py --real samples ../shared/eval/dev/cleaneval ...

1. Builds a corpus of the chosen size from samples/, deterministically: the
   five pages varied (paragraphs of other pages mixed in, numbers changed,
   the article pasted twice, a page flattened to one long line), saved as
   UTF-8, GBK or Big5, a hundred files a folder.
2. Runs ``python -m cleaner CORPUS -o OUT -q -j N`` for each N in --jobs and
   reports MB/s and pages/s, with the peak memory of the whole process tree
   (sampled from /proc) and of its largest process. ``--out`` chooses where
   the output is written: on a disk, creating and renaming thousands of
   files is kernel time that two jobs share; under /dev/shm it is not.
3. Cleans a slice of the corpus in this process with every stage timed
   (decode, segment, rules, dedup, context, layout, write), so the slow
   stage is visible.
4. With --real, times in-process cleaning of real folders (one process).
5. If trafilatura is installed, times it on the same slice's text (each line
   a <p>, as trafilatura needs HTML) and prints the ratio.

    python bench/speed.py --dev ../shared/eval/dev   # the real pages only

With --dev, times ``cleaner`` as one process (startup included, one job) on
every page of every set under the folder, then trafilatura on the same
pages' text in the same run, and prints both rates and their ratio.

    python bench/speed.py --shard --size-mb 50

With --shard, the corpus's pages are made one JSON Lines file first, and the
runs time ``--jobs`` spreading the documents of that one file.

    python bench/speed.py --startup samples/000_587dec79ab138032.txt

With --startup, times what a pre-commit hook pays a file: a process that
imports cleaner and cleans one small page.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import outcome, pipeline  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.files import Source  # noqa: E402
from cleaner.pipeline import Config  # noqa: E402

ENCODINGS = (("utf-8", 0.6), ("gbk", 0.25), ("big5", 0.15))
PER_FOLDER = 100
_DIGITS = re.compile(r"\d")


def build(root: Path, size: int, seed: int = 7) -> tuple[int, int]:
    """Write a corpus of about ``size`` bytes under ``root``; (files, bytes)."""
    pages = sorted(p for p in (ROOT / "samples").glob("*.txt") if not p.name.endswith(".gold.txt"))
    raws = [p.read_text(encoding="utf-8").splitlines() for p in pages]
    golds = [p.with_name(p.name[: -len(".txt")] + ".gold.txt").read_text(encoding="utf-8").splitlines() for p in pages]
    rng = random.Random(seed)
    written = files = 0
    while written < size:
        number = rng.randrange(len(raws))
        lines = list(raws[number])
        if rng.random() < 0.5:  # paragraphs of another article mixed in
            other = golds[rng.randrange(len(golds))]
            at = rng.randrange(len(lines) + 1)
            lines[at:at] = rng.sample(other, min(len(other), rng.randint(1, 4)))
        if rng.random() < 0.2:  # the article pasted twice
            lines += [""] + golds[number]
        lines = [_DIGITS.sub(lambda _: str(rng.randrange(10)), line) if rng.random() < 0.3 else line for line in lines]
        text = "\n".join(lines) + "\n"
        if rng.random() < 0.1:  # flattened to one line, as document-sharing sites do
            text = " ".join(line for line in lines if line.strip()) + "\n"
        encoding = rng.choices([e for e, _ in ENCODINGS], [w for _, w in ENCODINGS])[0]
        data = text.encode(encoding, errors="ignore")  # Big5 has no simplified-only characters
        folder = root / f"{files // PER_FOLDER:04d}"
        if files % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{files:06d}.txt").write_bytes(data)
        written += len(data)
        files += 1
    return files, written


def shard_of(corpus: Path, shard: Path) -> tuple[Path, int]:
    """The corpus's pages, decoded, as the documents of one JSON Lines file."""
    from cleaner import decode

    with open(shard, "w", encoding="utf-8") as out:
        for n, page in enumerate(sorted(corpus.rglob("*.txt"))):
            out.write(json.dumps({"id": n, "text": decode(page.read_bytes()).text}, ensure_ascii=False) + "\n")
    return shard, shard.stat().st_size


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                stack += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def watch(process: subprocess.Popen) -> int:
    """Wait for the process to end, sampling the resident memory of its
    tree; the peak, in bytes."""
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    return peak


def run_cli(corpus: Path, jobs: int, extra: list[str], out_parent: Path | None = None) -> dict:
    """Time the command line on the corpus, sampling the tree's memory; the
    output goes to a new folder under ``out_parent`` (default: the system's
    temporary folder)."""
    with tempfile.TemporaryDirectory(dir=out_parent) as out:
        command = [sys.executable, "-m", "cleaner", str(corpus), "-o", out, "-q", "-j", str(jobs), *extra]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT)
        peak = watch(process)
        code = process.returncode
        seconds = time.perf_counter() - started
        largest = _largest_child_rss()
    return {"jobs": jobs, "seconds": seconds, "peak_tree": peak, "peak_process": largest, "exit": code}


def _largest_child_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


class Stages:
    """Wraps the pipeline's functions with timers (this process only)."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    def wrap(self, owner, name: str, stage: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - started

        timed.__name__ = original.__name__
        setattr(owner, name, timed)

    def install(self) -> None:
        from cleaner import boilerplate, dedup, layout

        self.wrap(pipeline, "decode", "decode")  # clean_bytes
        self.wrap(outcome, "decode", "decode")  # files of a run
        self.wrap(pipeline, "segment", "segment")
        self.wrap(outcome, "write_atomic", "write")
        steps = pipeline.steps()
        names = {
            layout.drop_symbol_lines: "layout",
            boilerplate.drop_rule_hits: "rules",
            dedup.drop_copies: "dedup",
            boilerplate.judge_context: "context",
            layout.normalise_blank_lines: "layout",
        }
        timed_steps = []
        for step in steps:
            stage = names.get(step, step.__name__)

            def run_step(page, step=step, stage=stage):
                started = time.perf_counter()
                step(page)
                self.seconds[stage] += time.perf_counter() - started

            timed_steps.append(run_step)
        pipeline.steps = lambda: tuple(timed_steps)


def stage_times(corpus: Path, limit: int) -> tuple[Counter, float, int, list[str]]:
    """Clean up to ``limit`` bytes of the corpus in this process, stage by stage."""
    sources = []
    size = 0
    for path in sorted(corpus.rglob("*.txt")):
        sources.append(path)
        size += path.stat().st_size
        if size >= limit:
            break
    stages = Stages()
    stages.install()
    texts = []
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        for path in sources:
            prepared = outcome.prepare(Source(path, path.relative_to(corpus)), Config())
            outcome.deliver(prepared, outcome.Mode.OUTPUT_DIR, Path(out))
        seconds = time.perf_counter() - started
    for path in sources[:200]:
        texts.append(decode(path.read_bytes()).text)
    return stages.seconds, seconds, size, texts


def trafilatura_ratio(texts: list[str], ours_per_byte: float, size: int | None = None) -> str:
    """Trafilatura's rate on ``texts`` and cleaner's speed relative to it.
    Both rates are per byte of the input files (``size``), or of the texts
    encoded as UTF-8 when the size of the files is not given."""
    try:
        import trafilatura
    except ImportError as error:  # (or a module it needs is missing: lxml 5.2 moved lxml.html.clean out)
        missing = "not installed" if getattr(error, "name", None) == "trafilatura" else f"cannot be imported ({error})"
        return f"trafilatura {missing}: no reference (pip install trafilatura lxml_html_clean)"
    documents = ["<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in t.splitlines() if line.strip()) + "</body></html>" for t in texts]
    size = size or sum(len(t.encode("utf-8")) for t in texts)
    started = time.perf_counter()
    for document in documents:
        trafilatura.extract(document)
    theirs = (time.perf_counter() - started) / size
    return f"trafilatura on the same text: {size / 1e6 / (theirs * size):.2f} MB/s; cleaner is {theirs / ours_per_byte:.2f}x its speed"


def real_folders(folders: list[Path]) -> None:
    print("\nreal pages, one process (in-process clean_bytes, decode included):")
    print(f"{'folder':28s} {'pages':>6s} {'MB':>7s} {'seconds':>8s} {'MB/s':>6s} {'pages/s':>8s}")
    from cleaner import clean_bytes

    clean_bytes("预热。".encode())  # imports and compiled patterns are not part of the rate
    for folder in folders:
        paths = sorted(p for p in folder.rglob("*.txt") if not p.name.endswith(".gold.txt"))
        data = [p.read_bytes() for p in paths]
        size = sum(map(len, data))
        started = time.perf_counter()
        for item in data:
            clean_bytes(item)
        seconds = time.perf_counter() - started
        print(f"{folder.name[:28]:28s} {len(paths):6d} {size / 1e6:7.2f} {seconds:8.2f} {size / 1e6 / seconds:6.2f} {len(paths) / seconds:8.1f}")


def dev_sets(root: Path) -> None:
    """One ``cleaner`` process on every dev page, then trafilatura on the same text."""
    pages = sorted(p for p in root.glob("*/*.txt") if not p.name.endswith(".gold.txt"))
    size = sum(p.stat().st_size for p in pages)
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "cleaner", *map(str, pages), "-o", out, "-q", "-j", "1"], capture_output=True, text=True)
        seconds = time.perf_counter() - started
    status = "" if run.returncode == 0 else f" (exit {run.returncode}: {run.stderr.strip()[:200]})"
    print(f"cleaner, one process, startup included: {len(pages)} pages, {size / 1e6:.1f} MB in {seconds:.2f} s = {size / 1e6 / seconds:.2f} MB/s{status}")
    texts = [decode(p.read_bytes()).text for p in pages]
    print(trafilatura_ratio(texts, seconds / size, size))


def startup(page: Path, runs: int = 20) -> None:
    """``cleaner -q PAGE`` as a pre-commit hook runs it, one process a
    file: after one run that writes Python's bytecode and cleaner's own cache
    (as an installed package has them), the least and the median of
    ``runs`` wall-clock times, and the same for a Python that does nothing."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

    def times(command: list[str]) -> tuple[float, float]:
        subprocess.run(command, env=env, capture_output=True)
        spent = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True)
            spent.append(time.perf_counter() - started)
        spent.sort()
        return spent[0], spent[len(spent) // 2]

    least, median = times([sys.executable, "-m", "cleaner", "-q", str(page)])
    bare, bare_median = times([sys.executable, "-c", "pass"])
    print(f"import and clean {page.name} ({page.stat().st_size} bytes): least {least * 1000:.0f} ms, median {median * 1000:.0f} ms "
          f"(Python alone: {bare * 1000:.0f} / {bare_median * 1000:.0f} ms; {runs} runs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=200.0, help="corpus size (default 200)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to time (default 1 2)")
    parser.add_argument("--stage-mb", type=float, default=20.0, help="bytes of the corpus to time stage by stage (default 20)")
    parser.add_argument("--corpus", type=Path, help="keep the corpus here (default: a temporary folder)")
    parser.add_argument("--real", type=Path, nargs="*", default=[], help="also time these real folders in one process")
    parser.add_argument("--cli-args", default="", help="extra options for the command line runs, e.g. '--templates'")
    parser.add_argument("--out", type=Path, help="write the command line runs' output under this folder (e.g. /dev/shm: the cleaning without the disk)")
    parser.add_argument("--repeat", type=int, default=1, help="time each worker count this many times, in turns, and keep the fastest (default 1)")
    parser.add_argument("--dev", type=Path, help="time only the real pages of these dev sets (e.g. ../shared/eval/dev), against trafilatura")
    parser.add_argument("--shard", action="store_true", help="time one JSON Lines file of the corpus's pages instead of its files")
    parser.add_argument("--startup", type=Path, help="time only import and cleaning of this one page, a process a run")
    args = parser.parse_args(argv)
    if args.startup:
        startup(args.startup)
        return 0
    if args.dev:
        dev_sets(args.dev)
        return 0

    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        started = time.perf_counter()
        if corpus.exists() and any(corpus.iterdir()):
            files = sum(1 for _ in corpus.rglob("*.txt"))
            size = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
            print(f"corpus: {corpus} (existing): {files} files, {size / 1e6:.1f} MB")
        else:
            files, size = build(corpus, int(args.size_mb * 1e6))
            print(f"corpus: {files} files, {size / 1e6:.1f} MB (UTF-8, GBK, Big5) built in {time.perf_counter() - started:.1f} s")
        if args.shard:
            corpus, size = shard_of(corpus, Path(scratch) / "shard.jsonl")
            print(f"as one JSON Lines file: {size / 1e6:.1f} MB")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(f"\n{'jobs':>4s} {'seconds':>8s} {'MB/s':>6s} {'pages/s':>8s} {'peak RSS, all processes':>24s} {'largest process':>16s}")
        rates = {}
        tried: dict[int, list[dict]] = {}
        for _ in range(args.repeat):  # (in turns: a machine that slows down for a while slows every count)
            for jobs in args.jobs:
                tried.setdefault(jobs, []).append(run_cli(corpus, jobs, args.cli_args.split(), args.out))
        fastest: dict[int, dict] = {}
        for jobs, runs in tried.items():  # the fastest run that succeeded; the most memory any took
            fastest[jobs] = dict(min([run for run in runs if run["exit"] == 0] or runs, key=lambda run: run["seconds"]))
            fastest[jobs]["peak_tree"] = max(run["peak_tree"] for run in runs)
            fastest[jobs]["peak_process"] = max(run["peak_process"] for run in runs)
        for jobs, run in fastest.items():
            rate = size / 1e6 / run["seconds"]
            rates[jobs] = rate
            print(
                f"{jobs:4d} {run['seconds']:8.1f} {rate:6.2f} {files / run['seconds']:8.1f} "
                f"{run['peak_tree'] / 2**20:21.0f} MB {run['peak_process'] / 2**20:13.0f} MB" + ("" if run["exit"] == 0 else f"  (exit {run['exit']})")
            )
        if 1 in rates and len(rates) > 1:
            for jobs, rate in rates.items():
                if jobs != 1:
                    print(f"speed-up with {jobs} jobs: {rate / rates[1]:.2f}x")

        if args.shard:
            return _real(args.real)
        seconds, total, sliced, texts = stage_times(corpus, int(args.stage_mb * 1e6))
        print(f"\nstages, one process, {sliced / 1e6:.1f} MB of the corpus in {total:.1f} s ({sliced / 1e6 / total:.2f} MB/s):")
        for stage, spent in seconds.most_common():
            print(f"  {stage:10s} {spent:7.2f} s  {100 * spent / total:5.1f}%")
        rest = total - sum(seconds.values())
        print(f"  {'other':10s} {rest:7.2f} s  {100 * rest / total:5.1f}%  (reading, assembling, passes' bookkeeping)")
        print(trafilatura_ratio(texts, total / sliced))
    return _real(args.real)


def _real(folders: list[Path]) -> int:
    if folders:
        real_folders(folders)
    return 0


if __name__ == "__main__":
    sys.exit(main())
