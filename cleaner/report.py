"""Rendering outcomes for people: ``--explain``, ``--diff``, messages, the
progress bar and the end-of-run summary (``--report`` records, for
programs, are :mod:`cleaner.records`).

Scraped text is full of square brackets (``【免责声明】``, ``[bold]``), so
page text is always passed as :class:`rich.text.Text`, never as markup.
rich is imported when something is first shown (:class:`Console`): a run
that prints nothing, a pre-commit hook on clean files, does not pay the
20 ms it takes.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .pipeline import Result
from .reasons import Reason
from .records import shorten

if TYPE_CHECKING:
    from .corpus import Done
    from .outcome import Outcome
    from rich.table import Table


class Console:
    """A rich console, made when first used; ``options`` are rich's."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.made = None

    @property
    def rich(self):
        """The :class:`rich.console.Console` itself."""
        if self.made is None:
            from rich.console import Console as Made

            self.made = Made(**self.options)
        return self.made

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


def rich_text(*parts: Any, **options: Any):
    """A :class:`rich.text.Text` (page text in it is never read as markup)."""
    from rich.text import Text

    return Text(*parts, **options)


def _parts(outcome: Outcome) -> list[tuple[str, Result]]:
    """What to explain or diff: the file's result, or each document's."""
    if outcome.documents:
        return [(f"{shown(outcome.path)} [{d.key}]", d.result) for d in outcome.documents if d.result is not None]
    return [(shown(outcome.path), outcome.result)] if outcome.result is not None else []


def explain(outcome: Outcome, console: Console) -> None:
    """Removed blocks of one file: position, reason, evidence, text."""
    for name, result in _parts(outcome):
        _explain(name, result, console)


def _explain(name: str, result: Result, console: Console) -> None:
    removed = result.removed
    header = rich_text(f"{name}: ", style="bold")
    header.append(f"{len(removed)} of {len(result.decisions)} blocks removed", style="bold")
    if result.source is not None:
        header.append(f"  [{result.source.encoding}{', lossy' if result.source.lossy else ''}]", style="dim")
    console.print(header)
    blanks = [d for d in removed if d.reason is Reason.LAYOUT_BLANK]
    width = max((len(d.reason.value) for d in removed), default=0)
    for decision in removed:
        if decision.reason is Reason.LAYOUT_BLANK:
            continue
        line = rich_text(f"  {decision.block.position:>7}  ", style="cyan")
        line.append(f"{decision.reason.value:<{width}}", style="magenta")
        line.append(f"  {decision.evidence}", style="dim")
        line.append("\n           ")
        line.append(shorten(decision.block.text, 80))
        console.print(line, soft_wrap=True)
    if blanks:
        console.print(rich_text(f"  {len(blanks)} surplus blank line(s) ({Reason.LAYOUT_BLANK.value})", style="dim"))


def diff(outcome: Outcome, console: Console, context: int = 1) -> None:
    """What would be removed, as a diff: ``-`` lines tagged with their reason,
    ``" "`` lines of kept context. Blank-line changes are not shown."""
    for name, result in _parts(outcome):
        if result.changed:
            _diff(name, result, console, context)


def _diff(name: str, result: Result, console: Console, context: int) -> None:
    decisions = [d for d in result.decisions if not d.block.blank]
    show = [False] * len(decisions)
    for i, decision in enumerate(decisions):
        if not decision.kept:
            for j in range(max(0, i - context), min(len(decisions), i + context + 1)):
                show[j] = True
    if not any(show):
        return
    console.print(rich_text(f"--- {name}", style="bold"))
    console.print(rich_text(f"+++ {name} (cleaned)", style="bold"))
    previous = -2
    for i, decision in enumerate(decisions):
        if not show[i]:
            continue
        if i != previous + 1:
            console.print(rich_text(f"@@ line {decision.block.position} @@", style="cyan"))
        previous = i
        if decision.kept:
            console.print(rich_text(" " + decision.block.text), soft_wrap=True)
        else:
            line = rich_text("-" + decision.block.text, style="red")
            line.append(f"  [{decision.reason.value}: {decision.evidence}]", style="dim")
            console.print(line, soft_wrap=True)


def message(console: Console, kind: str, outcome: Outcome, text: str) -> None:
    """One line on stderr: ``cleaner: error: path: what went wrong``."""
    style = {"error": "red", "warning": "yellow", "skipped": "yellow", "dropped": "yellow"}.get(kind, "")
    console.print(rich_text(f"cleaner: {kind}: {shown(outcome.path)}: {text}", style=style), soft_wrap=True)


def shown(path) -> str:
    """A path as a message prints it: as it is, or quoted with escapes when
    it holds a line break or another control character, so that one message
    stays one line (and a path cannot forge another).

        >>> shown("a/b.txt"), shown("a/evil\\nwould clean x.txt")
        ('a/b.txt', "'a/evil\\\\nwould clean x.txt'")
    """
    text = str(path)
    return repr(text) if any(char < " " or "\x7f" <= char <= "\x9f" or char in "\u2028\u2029" for char in text) else text


@dataclass
class Summary:
    """Totals for the end-of-run table."""

    files: int = 0
    failed: int = 0
    skipped: int = 0
    changed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    counts: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        self.failed += outcome.failed
        self.skipped += outcome.skipped is not None
        self.changed += outcome.changed
        self.bytes_in += outcome.bytes_in
        self.bytes_out += outcome.bytes_out
        self.counts.update(outcome.counts)

    def table(self, seconds: float) -> Table:
        from rich.table import Table

        megabytes = self.bytes_in / 1e6
        table = Table(title="cleaner", show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_row("files", f"{self.files} ({self.changed} changed, {self.skipped} skipped, {self.failed} failed)")
        table.add_row("MB in / out", f"{megabytes:.2f} / {self.bytes_out / 1e6:.2f}")
        table.add_row("seconds", f"{seconds:.2f}")
        table.add_row("MB/s", f"{megabytes / seconds:.2f}" if seconds > 0 else "-")
        for code, count in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(rich_text(code, style="magenta"), str(count))
        return table


class Bar:
    """The progress bar of a run on a terminal: bytes of input done, which a
    large file of documents moves as its documents are done (``done``: the
    run's :class:`cleaner.corpus.Done`, read a few times a second), and
    the file finished last."""

    def __init__(self, console: Console, total: int, done: Done) -> None:
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

        self.done = done
        self.display = Progress(
            TextColumn("[bold]{task.fields[stage]}"),
            BarColumn(),
            TextColumn("{task.fields[pages]} pages"),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[name]}", style="dim"),
            console=console.rich,
            transient=True,
        )
        self.task = self.display.add_task("clean", total=total, name="", stage=done.stage, pages=0)
        self.stopped = threading.Event()
        self.poller = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> Bar:
        self.display.start()
        self.poller.start()
        return self

    def __exit__(self, *_) -> None:
        self.stopped.set()
        self.poller.join()
        self.display.stop()

    def finished(self, outcome: Outcome) -> None:
        self.done.pages += len(outcome.documents) or 1  # (a file of documents not kept: 1)
        self.display.update(self.task, completed=self.done.done, name=shown(outcome.rel), pages=self.done.pages)

    def _poll(self) -> None:
        while not self.stopped.wait(0.2):
            self.display.update(self.task, completed=self.done.done, stage=self.done.stage, pages=self.done.pages)
