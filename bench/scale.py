#!/usr/bin/env python3
"""``--engine ray`` against ``--jobs`` on one machine. Timings, not a test.

    python bench/scale.py                      # a 50 MB corpus, 100,000 small documents
    python bench/scale.py --size-mb 20 --small 20000 --out /dev/shm

1. Builds the corpus of bench/speed.py (pages of samples/ varied, in UTF-8,
   GBK and Big5) under --out, and times ``cleaner -j 1`` and ``-j 2`` on it,
   then ``cleaner --engine ray`` on a Ray cluster of this machine (started
   here, on 127.0.0.1) with 1 and with 2 worker CPUs.
2. The scheduling overhead: the round trip of a task that does nothing
   (ray.remote, 2,000 of them), and what the engine adds to a run: Ray with
   1 worker less ``-j 1`` (joining the cluster, and the units' tasks; the
   units are counted as for 2 CPUs).
3. The memory of the driver on --small files of one short page each (lines
   of the dev sets' golds), with
   ``--dedup-across keep``: the peak resident memory of the ``cleaner``
   process alone (the workers are Ray's processes, not its children),
   against that of ``-j 2``'s whole process tree.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed import build, watch  # noqa: E402

BIN = Path(sys.executable).parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
RAY_ENV = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0", "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


class Cluster:
    """A Ray head on 127.0.0.1 with ``cpus`` worker CPUs, for the length of a ``with``."""

    def __init__(self, cpus: int, port: int = 6391):
        self.cpus, self.address = cpus, f"127.0.0.1:{port}"
        self.temp = tempfile.mkdtemp(prefix="ray", dir="/tmp")
        self.env = {**os.environ, **RAY_ENV}

    def __enter__(self) -> Cluster:
        port = self.address.rsplit(":", 1)[1]
        self.head = subprocess.Popen(
            [BIN / "ray", "start", "--head", "--block", "--node-ip-address=127.0.0.1", f"--port={port}", f"--num-cpus={self.cpus}",
             "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={self.temp}"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        while subprocess.run([BIN / "ray", "status", f"--address={self.address}"], env=self.env, capture_output=True).returncode:
            time.sleep(1)
        return self

    def __exit__(self, *_) -> None:
        self.head.terminate()
        self.head.wait(60)


def timed(command: list, env: dict | None = None) -> dict:
    """Wall time and the peak resident memory of the process and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = watch(process)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, command))} failed with exit code {process.returncode}")
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 2**20, 1)}


def cleaner(corpus: Path, out: Path, options: list[str], env: dict | None = None) -> dict:
    return timed([BIN / "cleaner", "-q", "--no-config", *options, "-o", str(out), str(corpus)], env)


def task_round_trip(address: str, env: dict, tasks: int = 2000) -> float:
    """Seconds a task that does nothing costs, submitted all at once."""
    script = f"""
import time, ray
ray.init(address="{address}", logging_level="error")
@ray.remote
def nothing(x):
    return x
ray.get([nothing.remote(i) for i in range(100)])
started = time.perf_counter()
ray.get([nothing.remote(i) for i in range({tasks})])
print((time.perf_counter() - started) / {tasks})
"""
    return float(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True).stdout.decode().split()[-1])


def small_pages(root: Path, count: int, seed: int = 3) -> int:
    """``count`` files of one short page each: one to three lines of the dev
    sets' golds (so that pages share a line now and then, as a corpus's do)."""
    golds = sorted({line for p in sorted(DEV.glob("*/*.gold.txt")) for line in p.read_text(encoding="utf-8").splitlines() if len(line) > 20})
    rng = random.Random(seed)
    written = 0
    for n in range(count):
        folder = root / f"{n // 1000:03d}"
        if n % 1000 == 0:
            folder.mkdir(parents=True)
        data = ("\n".join(rng.sample(golds, rng.randint(1, 3))) + "\n").encode("utf-8")
        (folder / f"{n:06d}.txt").write_bytes(data)
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--small", type=int, default=100_000, help="small documents for the driver's memory (default 100000)")
    parser.add_argument("--out", type=Path, help="where the corpora and outputs go (e.g. /dev/shm)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from cleaner import cluster

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="scale-", dir=args.out) as tmp:
        work = Path(tmp)
        files, size = build(work / "corpus", args.size_mb << 20)
        units = len(cluster._units(list(_sources(work / "corpus")), 2))
        results["corpus"] = {"files": files, "mb": round(size / 2**20, 1), "units": units}
        for jobs in (1, 2):
            results[f"jobs {jobs}"] = cleaner(work / "corpus", work / f"out-j{jobs}", ["-j", str(jobs)])
        for cpus in (1, 2):
            with Cluster(cpus) as ray:
                env = {**ray.env, "RAY_ADDRESS": ray.address}
                results[f"ray {cpus}"] = cleaner(work / "corpus", work / f"out-ray{cpus}", ["--engine", "ray"], env)
                if cpus == 1:
                    results["task round trip ms"] = round(1000 * task_round_trip(ray.address, env), 3)
                else:
                    small = small_pages(work / "small", args.small)
                    results["small"] = {"files": args.small, "mb": round(small / 2**20, 1)}
                    results["small ray 2 driver"] = cleaner(work / "small", work / "small-ray", ["--engine", "ray", "--dedup-across", "keep"], env)
        results["small jobs 2 tree"] = cleaner(work / "small", work / "small-j2", ["-j", "2", "--dedup-across", "keep"])
    mb = results["corpus"]["mb"]
    for name in ("jobs 1", "jobs 2", "ray 1", "ray 2"):
        results[name]["mb_per_s"] = round(mb / results[name]["seconds"], 2)
    results["ray 1 - jobs 1 s"] = round(results["ray 1"]["seconds"] - results["jobs 1"]["seconds"], 2)  # (joining the cluster, and the tasks)
    print(json.dumps(results, indent=None if args.json else 1))
    return 0


def _sources(corpus: Path):
    from cleaner.files import discover

    return discover([corpus])


if __name__ == "__main__":
    sys.exit(main())
