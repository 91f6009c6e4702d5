"""The ``cleaner`` command: options -> Config -> batch -> report -> exit code.

The only module that imports click. It parses options, picks where output
goes, and turns outcomes into messages and an exit status; cleaning itself
is :func:`cleaner.clean_bytes`.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import click
from . import __version__, compiled, records, report, settings
from .batch import Across, Done, Mode, Outcome, default_jobs, learn, process, run
from .decode import canonical
from .files import Source, discover
from .formats import Format, Reading
from .pipeline import Config
from .reasons import parse_reasons


class Exit(enum.IntEnum):
    """Exit status: 0 all fine; 1 a file failed, or ``--check`` found files to
    clean; 2 the command line itself was wrong."""

    OK = 0
    FAILED = 1
    USAGE = 2


STDIN = Path("-")
YOUNG_OBJECTS_COLLECTED = 7000  # allocations between collections of the young generation (Python: 700)


def _version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"cleaner, version {__version__}\n{compiled.status()}")
        ctx.exit()


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# (Paths are not checked here: one that cannot be read is that file's error, not the run's.)
@click.argument("paths", nargs=-1, metavar="[PATH]...", type=click.Path(path_type=Path, allow_dash=True, readable=False))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Write each cleaned file under DIR, at the same relative path.")
@click.option("--in-place", is_flag=True, help="Rewrite the input files (atomically; unchanged files are not touched).")
@click.option("--check", is_flag=True, help="Write nothing; list files that would change; exit 1 if any would.")
@click.option("--diff", "show_diff", is_flag=True, help="Show what would be removed as a diff, each removal tagged with its reason.")
@click.option("--explain", is_flag=True, help="List removed blocks (position, reason, evidence, text) on stderr.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON record per input to FILE (JSON Lines).")
@click.option("--encoding", help="Force the input encoding (default: detect per file). Output is always UTF-8.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN", help="Only files under folders matching PATTERN (repeatable; '!PATTERN' excludes).")
@click.option("--disable", multiple=True, metavar="CODES", help="Reason codes (or prefixes such as 'dup') that must not remove anything.")
@click.option(
    "--dedup-across",
    type=click.Choice(["keep", "drop"]),
    help="Find near-duplicate files and paragraphs repeated across files: 'keep' reports them, 'drop' leaves later copies unwritten and removes repeated paragraphs.",
)
@click.option(
    "--templates",
    "learn_templates",
    is_flag=True,
    help="Read all files once first and treat lines that many of them share (site menus, footers) as template.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    show_default="all cores",
    help="Worker processes. Output is the same for any number.",
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice([f.value for f in Format]),
    help="Input format: text, jsonl, html, warc (WARC/WET). Default auto: by file name, then content.",
)
@click.option("--text-field", metavar="NAME", help="JSON Lines: the field that holds the text (default 'text').")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Read options from FILE (cleaner.toml or pyproject.toml).")
@click.option("--no-config", is_flag=True, help="Ignore cleaner.toml and pyproject.toml files.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, summary or warnings; errors are still printed.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version, help="Show the version, and whether the compiled core is loaded, and exit.")
def cli(
    paths, output, in_place, check, show_diff, explain, report_path, encoding, globs, disable, dedup_across, learn_templates, jobs,
    input_format, text_field, config_path, no_config, quiet
):
    """Clean scraped web pages saved as text: keep the article, drop the
    menus, metadata, link lists, footers and repeated copies, and say why.

    PATH may be files or folders (walked recursively, hidden files skipped).
    With no PATH or '-', read stdin and write stdout. A single file with no
    -o is written to stdout.
    """
    err = report.Console(stderr=True, highlight=False, soft_wrap=True)
    if not compiled.healthy():  # never silently slow or out of date, even with --quiet
        err.print(f"cleaner: warning: {compiled.status()}", markup=False)
    paths = list(paths) or [STDIN]
    file_settings = _settings(config_path, no_config, paths)
    config = _config(encoding, disable, file_settings)
    globs = globs or tuple(file_settings.get("glob", ()))
    jobs = jobs if jobs is not None else file_settings.get("jobs", 0)
    learn_templates = learn_templates or file_settings.get("templates", False)
    reading = _reading(input_format or file_settings.get("format"), text_field or file_settings.get("text-field"))
    use_stdin = paths == [STDIN]
    if STDIN in paths and not use_stdin:
        raise click.UsageError("'-' (stdin) cannot be mixed with other paths")
    if sum([output is not None, in_place, check]) > 1:
        raise click.UsageError("choose one of -o/--output, --in-place and --check")
    if use_stdin and (output is not None or in_place):
        raise click.UsageError("-o and --in-place need PATH arguments; stdin is cleaned to stdout")
    if dedup_across == "drop" and in_place:
        raise click.UsageError("--dedup-across drop would empty input files; use -o DIR")

    single_file = len(paths) == 1 and (use_stdin or not paths[0].is_dir())
    if output is not None:
        mode = Mode.OUTPUT_DIR
    elif in_place:
        mode = Mode.IN_PLACE
    elif check or show_diff:
        mode = Mode.DRY
    elif single_file:
        mode = Mode.STDOUT
    else:
        what = "a folder" if any(path.is_dir() for path in paths) else "several inputs"
        raise click.UsageError(f"{what}: choose -o DIR, --in-place, --check or --diff")

    if output is not None:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise click.UsageError(f"cannot create output folder {output}: {exc.strerror}") from exc

    if use_stdin:
        if sys.stdin.isatty() and not quiet:
            err.print("cleaner: reading a page from the terminal (end it with Ctrl-D; cleaner --help for usage)")
        data = sys.stdin.buffer.read()
        outcomes = iter([process(Source(Path("<stdin>"), Path("stdin")), config, mode, data=data, reading=reading)])
        bar = None
    else:
        exclude = [output] if output is not None else []
        sources = discover(paths, globs, exclude=exclude)
        interactive = not quiet and sys.stderr.isatty()
        progress = None
        # (A terminal that also gets the cleaned text is not drawn on.)
        if interactive and not (mode is Mode.STDOUT and sys.stdout.isatty()):
            sources = list(sources)
            progress = Done()
            bar = report.Bar(err, sum(_size(source) for source in sources), progress)
        else:
            bar = None
        jobs = 1 if single_file else jobs or default_jobs()
        templates = None
        if learn_templates:
            if interactive:
                err.print(report.rich_text("learning templates…", style="dim"))
            # A second walk rather than a list of every path: the walk is
            # sorted, so both passes see the same files in the same order.
            templates = learn(discover(paths, globs, exclude=exclude), config, jobs, reading)
        across = Across(dedup_across == "drop", config) if dedup_across else None
        details = explain or show_diff
        outcomes = run(
            sources, config, mode, output, across, jobs, templates, details, reading,
            roots=len(paths), progress=progress, report=report_path is not None,
        )

    started = time.perf_counter()
    summary = report.Summary()
    out = sys.stdout.buffer
    text_out = report.Console(highlight=False, soft_wrap=True)
    report_file = _open_report(report_path)
    try:
        with bar or contextlib.nullcontext():
            for outcome in outcomes:
                summary.add(outcome)
                _show(outcome, err, text_out, out, mode, check, show_diff, explain, quiet)
                if report_file is not None:
                    records.write(outcome, report_file)
                if bar:
                    bar.finished(outcome)
    finally:
        if report_file is not None:
            report_file.close()
    seconds = time.perf_counter() - started
    if summary.files > 1 and not quiet and sys.stderr.isatty():
        err.print(summary.table(seconds))
    status = Exit.FAILED if summary.failed or (check and summary.changed) else Exit.OK
    click.get_current_context().exit(int(status))


def _size(source: Source) -> int:
    try:
        return 0 if source.error else source.path.stat().st_size
    except OSError:
        return 0


def _settings(path: Path | None, ignore: bool, paths: list[Path]) -> dict:
    """The options of the configuration file: ``path``, or the nearest one
    above the first input (the working folder for stdin)."""
    if path is None and not ignore:
        start = paths[0] if paths[0] != STDIN else Path.cwd()
        path = settings.find(start if start.exists() else Path.cwd())
    if path is None:
        return {}
    try:
        return settings.load(path)
    except settings.SettingsError as exc:
        raise click.UsageError(str(exc)) from None


def _reading(input_format: str | None, text_field: str | None) -> Reading:
    try:
        chosen = Format(input_format or "auto")
    except ValueError:
        raise click.BadParameter(f"unknown format {input_format!r}", param_hint="format") from None
    return Reading(chosen, text_field or "text")


def _config(encoding: str | None, disable: tuple[str, ...], file_settings: dict) -> Config:
    base = settings.to_config(file_settings)
    encoding = encoding or base.encoding
    if encoding:
        try:
            canonical(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    try:
        disabled = parse_reasons(list(disable))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--disable") from None
    return replace(base, encoding=encoding, disable=base.disable | disabled)


def _open_report(path: Path | None):
    if path is None:
        return None
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(f"cannot write report {path}: {exc.strerror}") from exc


def _show(outcome: Outcome, err: report.Console, text_out: report.Console, out, mode: Mode, check: bool, show_diff: bool, explain: bool, quiet: bool) -> None:
    if outcome.error is not None:
        for problem in outcome.problems:  # (what it could not read, before why it was not written)
            report.message(err, "error", outcome, problem)
        report.message(err, "error", outcome, outcome.error)
        return
    if outcome.skipped is not None:
        if not quiet:
            report.message(err, "skipped", outcome, outcome.skipped)
        return
    if outcome.dropped and not quiet:
        path, score = outcome.duplicate_of
        report.message(err, "dropped", outcome, f"near-duplicate of {path} ({score:.0%} similar); not written")
    dropped = sum(document.dropped for document in outcome.documents)
    if dropped and not quiet:
        report.message(err, "dropped", outcome, f"{dropped} document(s) near-duplicates of earlier ones; not written (see --report)")
    for problem in outcome.problems:
        report.message(err, "error", outcome, problem)
    if not quiet:
        for warning in outcome.warnings:
            report.message(err, "warning", outcome, warning)
    if explain:
        report.explain(outcome, err)
    if show_diff:
        report.diff(outcome, text_out)
    if check and outcome.changed:
        text_out.print(report.rich_text(f"would clean {report.shown(outcome.path)}"), soft_wrap=True)
    if mode is Mode.STDOUT:
        out.write(outcome.output)
        out.flush()


def main() -> None:
    """Entry point. Click turns usage errors into exit 2 and other
    ``ClickException``s into exit 1; a closed stdout (``| head``) is quiet."""
    # Cleaning makes many short-lived containers and hardly any cycles: what
    # the imports built is set aside from collection, and the collector
    # looks at young objects a tenth as often (worker processes inherit both).
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_COLLECTED, *gc.get_threshold()[1:])
    try:
        cli(prog_name="cleaner")
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(Exit.FAILED)
