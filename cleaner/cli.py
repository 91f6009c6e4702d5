"""The ``cleaner`` command: options -> a corpus run -> messages -> exit code.

The only module that imports click. It parses options, picks where output
goes, runs :func:`cleaner.corpus.clean_corpus` (or cleans standard input),
and turns outcomes into messages and an exit status.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import click
from . import __version__, compiled, records, report, settings
from .corpus import Done, clean_corpus
from .decode import canonical
from .files import Source, discover, os_message
from .formats import Format, Reading
from .outcome import Mode, Outcome, process
from .pipeline import Config
from .rules import parse_disable


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
@click.option(
    "--duplicates",
    "duplicates_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --dedup-across: write one line per near-duplicate page to FILE: the page, its original, their similarity and the share of the shorter article they share, tab-separated.",
)
@click.option("--encoding", help="Force the input encoding (default: detect per file). Output is always UTF-8.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN", help="Only files under folders matching PATTERN (repeatable; '!PATTERN' excludes).")
@click.option("--disable", multiple=True, metavar="CODES", help="Reason codes (or prefixes such as 'dup'), or rule ids such as 'boiler.copyright.icp', that must not remove anything.")
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
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where files are cleaned: this machine's processes, or the tasks of a Ray cluster (pip install 'cleaner[ray]'). Output is the same.",
)
@click.option("--ray-address", metavar="ADDR", help="With --engine ray: the cluster to join (default: RAY_ADDRESS, else a cluster of this machine's --jobs cores, started for the run).")
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
    paths, output, in_place, check, show_diff, explain, report_path, duplicates_path, encoding, globs, disable, dedup_across, learn_templates,
    jobs, engine, ray_address, input_format, text_field, config_path, no_config, quiet
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
    reading = _reading(input_format, text_field, file_settings)
    _refuse_contradictions(paths, output, in_place, check, dedup_across, duplicates_path)
    if engine == "ray":
        _need_ray()
    mode = _mode(paths, output, in_place, check, show_diff)
    shown = _Shown(err, report.Console(highlight=False, soft_wrap=True), mode, check, show_diff, explain, quiet)
    if paths == [STDIN]:
        outcomes, bar = _from_stdin(config, mode, reading, shown), None
    else:
        run = _run_options(file_settings, globs, learn_templates, jobs)
        run.update(mode=mode, output=output, reading=reading, dedup_across=dedup_across, details=explain or show_diff, report=report_path is not None)
        run.update(engine=engine, address=ray_address)
        outcomes, bar = _from_paths(paths, config, run, shown)
    started = time.perf_counter()
    summary = _render(outcomes, shown, bar, report_path, duplicates_path)
    if summary.files > 1 and not quiet and sys.stderr.isatty():
        err.print(summary.table(time.perf_counter() - started))
    click.get_current_context().exit(int(_status(summary, check)))


def _status(summary: report.Summary, check: bool) -> Exit:
    return Exit.FAILED if summary.failed or (check and summary.changed) else Exit.OK


def _run_options(file_settings: dict, globs: tuple[str, ...], learn_templates: bool, jobs: int | None) -> dict:
    """The options of a corpus run that a configuration file may set too (the command line wins)."""
    return dict(
        globs=globs or tuple(file_settings.get("glob", ())),
        templates=learn_templates or file_settings.get("templates", False),
        jobs=jobs if jobs is not None else file_settings.get("jobs", 0),
    )


@dataclass
class _Shown:
    """How the outcomes of a run are shown: where messages and text go, and
    what the options ask to see."""

    err: report.Console
    text_out: report.Console
    mode: Mode
    check: bool
    show_diff: bool
    explain: bool
    quiet: bool


def _refuse_contradictions(paths: list[Path], output: Path | None, in_place: bool, check: bool, dedup_across: str | None, duplicates: Path | None) -> None:
    if STDIN in paths and paths != [STDIN]:
        raise click.UsageError("'-' (stdin) cannot be mixed with other paths")
    if sum([output is not None, in_place, check]) > 1:
        raise click.UsageError("choose one of -o/--output, --in-place and --check")
    if paths == [STDIN] and (output is not None or in_place):
        raise click.UsageError("-o and --in-place need PATH arguments; stdin is cleaned to stdout")
    _refuse_dedup_across_contradictions(in_place, dedup_across, duplicates)


def _refuse_dedup_across_contradictions(in_place: bool, dedup_across: str | None, duplicates: Path | None) -> None:
    if dedup_across == "drop" and in_place:
        raise click.UsageError("--dedup-across drop would empty input files; use -o DIR")
    if duplicates is not None and dedup_across is None:
        raise click.UsageError("--duplicates lists what --dedup-across finds: give --dedup-across keep or drop")


def _need_ray() -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        raise click.UsageError("--engine ray needs Ray: pip install 'cleaner[ray]'") from None


def _mode(paths: list[Path], output: Path | None, in_place: bool, check: bool, show_diff: bool) -> Mode:
    """Where the cleaned text goes: a single input with no other choice goes to standard output."""
    if output is not None:
        _make_folder(output)
        return Mode.OUTPUT_DIR
    if in_place:
        return Mode.IN_PLACE
    if check or show_diff:
        return Mode.DRY
    if len(paths) == 1 and (paths == [STDIN] or not paths[0].is_dir()):
        return Mode.STDOUT
    what = "a folder" if any(path.is_dir() for path in paths) else "several inputs"
    raise click.UsageError(f"{what}: choose -o DIR, --in-place, --check or --diff")


def _make_folder(output: Path) -> None:
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.UsageError(f"cannot create output folder {output}: {os_message(exc)}") from exc


def _from_stdin(config: Config, mode: Mode, reading: Reading, shown: _Shown) -> Iterator[Outcome]:
    if sys.stdin.isatty() and not shown.quiet:
        shown.err.print("cleaner: reading a page from the terminal (end it with Ctrl-D; cleaner --help for usage)")
    data = sys.stdin.buffer.read()
    return iter([process(Source(Path("<stdin>"), Path("stdin")), config, mode, data=data, reading=reading)])


def _from_paths(paths: list[Path], config: Config, run: dict, shown: _Shown) -> tuple[Iterator[Outcome], report.Bar | None]:
    """The run's outcomes, and the progress bar that shows them on a
    terminal (not one that also gets the cleaned text)."""
    interactive = not shown.quiet and sys.stderr.isatty()
    bar = progress = None
    if interactive and not (shown.mode is Mode.STDOUT and sys.stdout.isatty()):
        progress = Done()
        exclude = [run["output"]] if run["output"] is not None else []
        total = sum(source.size() for source in discover(paths, run["globs"], exclude=exclude))
        bar = report.Bar(shown.err, total, progress)
    if interactive and run["templates"]:
        shown.err.print(report.rich_text("learning templates…", style="dim"))
    return clean_corpus(paths, config, progress=progress, **run), bar


def _render(outcomes: Iterable[Outcome], shown: _Shown, bar: report.Bar | None, report_path: Path | None, duplicates_path: Path | None) -> report.Summary:
    """Show each outcome as it comes, write its report record and its
    duplicates' lines, and sum them up."""
    summary = report.Summary()
    with contextlib.ExitStack() as files:
        report_file = _open_listing(files, report_path, "report")
        duplicates_file = _open_listing(files, duplicates_path, "duplicates")
        with bar or contextlib.nullcontext():
            for outcome in outcomes:
                summary.add(outcome)
                _show(outcome, shown)
                if report_file is not None:
                    records.write(outcome, report_file)
                if duplicates_file is not None:
                    records.write_duplicates(outcome, duplicates_file)
                if bar:
                    bar.finished(outcome)
    return summary


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


def _reading(input_format: str | None, text_field: str | None, file_settings: dict) -> Reading:
    input_format = input_format or file_settings.get("format")
    text_field = text_field or file_settings.get("text-field")
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
        reasons, rules = parse_disable(list(disable))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--disable") from None
    return replace(base, encoding=encoding, disable=base.disable | reasons, disable_rules=base.disable_rules | rules)


def _open_listing(files: contextlib.ExitStack, path: Path | None, what: str):
    """The report or duplicates file. A file name that is not UTF-8 (its bytes
    kept in the name as surrogates) is written with the bytes escaped,
    ``\\udce9``: still UTF-8, and in a JSON string the escape that gives the
    same name back."""
    if path is None:
        return None
    try:
        return files.enter_context(open(path, "w", encoding="utf-8", errors="backslashreplace"))
    except OSError as exc:
        raise click.UsageError(f"cannot write {what} {path}: {os_message(exc)}") from exc


def _show(outcome: Outcome, shown: _Shown) -> None:
    if outcome.error is not None:
        for problem in outcome.problems:  # (what it could not read, before why it was not written)
            report.message(shown.err, "error", outcome, problem)
        report.message(shown.err, "error", outcome, outcome.error)
        return
    if outcome.skipped is not None:
        if not shown.quiet:
            report.message(shown.err, "skipped", outcome, outcome.skipped)
        return
    _tell(outcome, shown)
    if shown.explain:
        report.explain(outcome, shown.err)
    if shown.show_diff:
        report.diff(outcome, shown.text_out)
    if shown.check and outcome.changed:
        shown.text_out.print(report.rich_text(f"would clean {report.shown(outcome.path)}"), soft_wrap=True)
    if shown.mode is Mode.STDOUT:
        out = sys.stdout.buffer
        out.write(outcome.output)
        out.flush()


def _tell(outcome: Outcome, shown: _Shown) -> None:
    """The messages about a file that was cleaned: copies left out, parts
    that failed, warnings."""
    err, quiet = shown.err, shown.quiet
    verdict = outcome.verdict
    if verdict.dropped and not quiet:
        report.message(err, "dropped", outcome, f"near-duplicate of {verdict.duplicate_of.path} ({verdict.duplicate_of.similarity:.0%} similar); not written")
    dropped = sum(document.verdict.dropped for document in outcome.documents)
    if dropped and not quiet:
        report.message(err, "dropped", outcome, f"{dropped} document(s) near-duplicates of earlier ones; not written (see --report)")
    for problem in outcome.problems:
        report.message(err, "error", outcome, problem)
    if not quiet:
        for warning in outcome.warnings:
            report.message(err, "warning", outcome, warning)


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
