"""Fuzz decode + segment + clean for as long as you like.

    python -m tests.fuzz --minutes 10          # hypothesis: generated and mutated pages
    python -m tests.fuzz --atheris -- -max_total_time=600   # coverage-guided, if atheris is installed

Every input must either be refused the documented way (``DecodeError``,
``PageTooLarge``) or come out as a result that keeps the promises checked by
:func:`tests.properties.check_bytes`: one decision per block, the input's own
blocks in order, idempotent, deterministic. Any other exception or a broken
promise stops the run with the input that caused it (hypothesis shrinks it
first). Prints how many inputs were tried and what happened to them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from hypothesis import HealthCheck, given, settings

from .properties import any_bytes, check_bytes


def with_hypothesis(seconds: float, batch: int = 500) -> Counter:
    """Runs batches of ``batch`` examples (each batch a fresh random seed)
    until ``seconds`` have passed; returns the outcomes counted."""
    seen: Counter = Counter()

    @settings(max_examples=batch, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(any_bytes)
    def one(data: bytes) -> None:
        seen[check_bytes(data)] += 1

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        one()
    return seen


def with_atheris(argv: list[str]) -> None:  # pragma: no cover - needs atheris
    import atheris

    with atheris.instrument_imports():
        from . import properties

    def target(data: bytes) -> None:
        properties.check_bytes(data)

    atheris.Setup([sys.argv[0], *argv], target)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (hypothesis; default 1)")
    parser.add_argument("--atheris", action="store_true", help="coverage-guided fuzzing with atheris; pass its options after --")
    args, rest = parser.parse_known_args(argv)
    if args.atheris:
        with_atheris([a for a in rest if a != "--"])
        return 0
    started = time.monotonic()
    seen = with_hypothesis(args.minutes * 60)
    total = sum(seen.values())
    spent = time.monotonic() - started
    print(f"{total} inputs in {spent:.0f} s, no failure: " + ", ".join(f"{n} {what}" for what, n in seen.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
