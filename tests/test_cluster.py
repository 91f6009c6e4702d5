"""--engine ray on a real Ray cluster of this machine (127.0.0.1, two
worker processes): the same files, report and messages as --jobs 1, with
the cross-file stages run as map and reduce, and with a worker killed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bench.dedup_across import DEV, Builder, name, read_sources

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
# Ray on this machine's loopback only, without the token of a shared cluster.
RAY_ENV = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0", "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
# The driver: cleaner's command, with small units of work (so that a small
# corpus makes many tasks) and, when asked, a worker that dies.
DRIVER = """
import os, sys, ray
from cleaner import cluster, cli
cluster.UNIT_BYTES = int(sys.argv[1])
if "CLEANER_NO_RETRY" in os.environ:  # (a dead worker's task fails at once: the engine's own retry, file by file)
    cluster.RETRIES = 0
hook = {"worker_process_setup_hook": "tests.dying.arm"} if "CLEANER_DIE_ON" in os.environ else {}
ray.init(address=sys.argv[2], logging_level="error", runtime_env={"env_vars": {k: v for k, v in os.environ.items() if k.startswith("CLEANER_") or k == "PYTHONPATH"}, **hook})
sys.argv = ["cleaner", *sys.argv[3:]]
cli.main()
"""


@pytest.fixture(scope="module")
def cluster():
    """`ray start --head` on 127.0.0.1 with 2 CPUs, stopped at the end."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    temp = tempfile.mkdtemp(prefix="ray", dir="/tmp")  # (Ray's socket paths must be short)
    env = {**os.environ, **RAY_ENV}
    head = subprocess.Popen(
        [BIN / "ray", "start", "--head", "--block", "--node-ip-address=127.0.0.1", f"--port={port}", "--num-cpus=2",
         "--include-dashboard=false", "--object-store-memory=300000000", "--disable-usage-stats", f"--temp-dir={temp}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while subprocess.run([BIN / "ray", "status", f"--address={address}"], env=env, capture_output=True).returncode:
            assert head.poll() is None and time.monotonic() < deadline, "the Ray head did not start"
            time.sleep(1)
        yield address
    finally:
        head.terminate()
        try:
            head.wait(60)
        except subprocess.TimeoutExpired:
            head.kill()
        shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Articles on several sites (each with its template), syndicated,
    re-scraped and re-wrapped; some of the pages as a JSON Lines file, one
    of whose records cannot be cleaned; and a binary file."""
    folder = tmp_path_factory.mktemp("generated")
    docs = Builder(read_sources(DEV), seed=2).corpus(400)
    for n, doc in enumerate(docs[:300]):
        (folder / name(2, n)).write_text(doc.text, encoding="utf-8")
    with open(folder / "shard.jsonl", "w", encoding="utf-8") as shard:
        for n, doc in enumerate(docs[300:]):
            shard.write(json.dumps({"id": n, "text": doc.text}, ensure_ascii=False) + "\n")
            if n == 50:
                shard.write('{"id": "cut short", "text": "\n')  # (a record that cannot be cleaned)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    return folder


def _local(paths: list[Path], out: Path, options: list[str]) -> tuple:
    return _finished(subprocess.run([BIN / "cleaner", "-j", "1", *options, "-o", out, "--report", f"{out}.jsonl", *paths], capture_output=True), out)


def _on_ray(address: str, paths: list[Path], out: Path, options: list[str], unit_bytes: int, env: dict | None = None) -> tuple:
    env = {**os.environ, **RAY_ENV, "PYTHONPATH": str(Path(__file__).parent.parent), **(env or {})}
    command = [sys.executable, "-c", DRIVER, str(unit_bytes), address, "--engine", "ray", *options, "-o", out, "--report", f"{out}.jsonl", *paths]
    return _finished(subprocess.run(command, capture_output=True, env=env), out)


def _finished(done: subprocess.CompletedProcess, out: Path) -> tuple:
    """What a run leaves: its exit code, its messages, its report (less timings) and its files."""
    messages = [line for line in done.stderr.decode().splitlines() if line.startswith("cleaner:")]
    records = []
    for line in Path(f"{out}.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("seconds", None)
        record.pop("output", None)  # (paths aside: under each run's own folder)
        records.append(record)
    files = {path.relative_to(out): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    return done.returncode, messages, records, files


def _same(local: tuple, ray: tuple) -> None:
    assert ray[0] == local[0]
    assert ray[1] == local[1]
    assert ray[2] == local[2]
    assert sorted(ray[3]) == sorted(local[3])
    assert all(ray[3][path] == data for path, data in local[3].items())


def test_dev_sets_with_templates_and_dedup_across_as_on_one_machine(cluster, tmp_path):
    dev = sorted(p for p in DEV.iterdir() if p.is_dir())
    options = ["-q", "--no-config", "--glob", "*.txt", "--glob", "*.html", "--glob", "!*.gold.txt", "--templates", "--dedup-across", "drop"]
    local = _local(dev, tmp_path / "local", options)
    ray = _on_ray(cluster, dev, tmp_path / "ray", options, unit_bytes=2 << 20)
    assert len(local[2]) > 1000 and any(r.get("duplicate_of") for r in local[2])
    _same(local, ray)


@pytest.mark.parametrize("retried_by", ["ray", "cleaner"])
def test_generated_corpus_as_on_one_machine_with_a_worker_killed(cluster, generated, tmp_path, retried_by):
    options = ["--no-config", "--templates", "--dedup-across", "drop"]
    local = _local([generated], tmp_path / "local", options)
    died = tmp_path / "died"
    victim = sorted(p.name for p in generated.iterdir())[150]
    env = {"CLEANER_DIE_ON": victim, "CLEANER_DIED": str(died), **({"CLEANER_NO_RETRY": "1"} if retried_by == "cleaner" else {})}
    ray = _on_ray(cluster, [generated], tmp_path / "ray", options, unit_bytes=100_000, env=env)
    assert died.exists()  # (a worker did die, on a file in the middle of the run)
    assert local[0] == 1 and any("shard.jsonl: line 52" in message for message in local[1])  # (the record that cannot be cleaned)
    dropped = [r for r in local[2] if r.get("dropped")]
    assert len(dropped) > 20 and any(r.get("path", "").endswith("shard.jsonl") for r in local[2])
    _same(local, ray)


def test_a_run_without_cross_file_stages_as_on_one_machine(cluster, generated, tmp_path):
    options = ["--no-config"]
    _same(_local([generated], tmp_path / "local", options), _on_ray(cluster, [generated], tmp_path / "ray", options, unit_bytes=50_000))
