"""Finding input files and writing outputs without ever leaving a half-written file.

Folders are walked in sorted order (so runs are reproducible), hidden files
and folders are skipped, symlinks are followed with loop detection, and an
output folder inside an input folder is never read back as input.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """One input: ``rel`` is where its output goes under ``-o``; ``error`` is
    set when the walk itself failed here (broken link, unreadable folder)."""

    path: Path
    rel: Path
    error: str | None = None

    def size(self) -> int:
        """Its bytes on disk (0 when the walk failed here or it cannot be read)."""
        try:
            return 0 if self.error else self.path.stat().st_size
        except OSError:
            return 0


def discover(paths: Iterable[Path], globs: Iterable[str] = (), exclude: Iterable[Path] = ()) -> Iterator[Source]:
    """Files named directly, and files under folders that match ``globs``.

    A glob matches a file's name, or its relative path when it holds a ``/``;
    a glob starting with ``!`` excludes. Files named directly are always taken.
    """
    include = [g for g in globs if not g.startswith("!")]
    negated = [g[1:] for g in globs if g.startswith("!")]
    skip = {_identity(p) for p in exclude if p.exists()}
    for path in paths:
        if path.is_dir():
            yield from _walk(path, Path(), include, negated, skip, set())
        elif path.is_file():
            yield Source(path, Path(path.name))
        elif path.is_symlink():
            yield Source(path, Path(path.name), "broken symbolic link")
        elif path.exists():
            yield Source(path, Path(path.name), "not a regular file")
        else:
            yield Source(path, Path(path.name), "no such file or folder")


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def _selected(rel: Path, include: list[str], negated: list[str]) -> bool:
    posix = rel.as_posix()

    def hit(pattern: str) -> bool:
        return fnmatch.fnmatchcase(posix if "/" in pattern else rel.name, pattern)

    return (not include or any(map(hit, include))) and not any(map(hit, negated))


def _walk(folder: Path, rel: Path, include: list[str], negated: list[str], skip: set, seen: set) -> Iterator[Source]:
    try:
        me = _identity(folder)
        if me in seen:
            yield Source(folder, rel, "symbolic link loop: folder already visited")
            return
        if me in skip:
            return
        seen = seen | {me}
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Source(folder, rel, os_message(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, child = Path(entry.path), rel / entry.name
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            yield Source(path, child, os_message(exc))
            continue
        if is_dir:
            yield from _walk(path, child, include, negated, skip, seen)
        elif not _selected(child, include, negated):
            continue
        elif is_file:
            yield Source(path, child)
        elif entry.is_symlink():
            yield Source(path, child, "broken symbolic link")


def os_message(exc: OSError) -> str:
    """What went wrong, for a message that names the file itself.

        >>> os_message(PermissionError(13, "Permission denied", "/x"))
        'permission denied'
    """
    message = exc.strerror or str(exc)
    return message[0].lower() + message[1:] if message else type(exc).__name__


# Temporary files are hidden (a walk never reads them as input) and named so
# that a later run can tell its own leftovers: .NAME.cleaner-PID-N.tmp, N
# counting this process's writes.
_TEMP = re.compile(r"^\..*\.cleaner-(\d+)-[^.]+\.tmp$")
STALE_SECONDS = 60  # a leftover this old whose process is gone is removed
_swept: set[Path] = set()  # folders this process has written into (made, and swept)
_serial = itertools.count()


def write_atomic(path: Path, data: bytes, like: Path | None = None, durable: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder
    and an atomic rename: a reader (or a crash, or SIGKILL) sees the old file
    or the new one, never a part. ``like`` copies that file's permissions;
    ``durable`` fsyncs before the rename, which protects against power loss
    too (used for ``--in-place``, where the old file is the user's input).
    The first write into a folder removes the temporary files that killed
    runs left there (:func:`sweep`).
    """
    if path.parent not in _swept:
        path.parent.mkdir(parents=True, exist_ok=True)
        _swept.add(path.parent)
        sweep(path.parent)
    # A new file gets what the umask leaves of rw-rw-rw-, as any file the
    # user makes does; one that replaces another gets that file's permissions.
    mode = stat.S_IMODE(like.stat().st_mode) if like is not None else 0o666
    fd, tmp = _temporary(path, mode)
    try:
        try:
            _write_all(fd, data)
            if like is not None:
                os.fchmod(fd, mode)  # (exactly, whatever the umask took at creation)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_all(fd: int, data: bytes) -> None:
    rest = memoryview(data)
    while rest:
        rest = rest[os.write(fd, rest) :]


def _temporary(path: Path, mode: int) -> tuple[int, Path]:
    """A new file beside ``path``, open for writing, named as _TEMP says.
    (Named by a count, not a random draw as ``tempfile`` does, and created
    with its final permissions: a file written costs no ``chmod`` and no
    ``umask`` calls, which on some file systems is a journal entry each.)"""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    made = False
    while True:
        tmp = path.parent / f".{path.name[:80]}.cleaner-{os.getpid()}-{next(_serial)}.tmp"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:  # (another process of that number, on another machine sharing the folder)
            continue
        except FileNotFoundError:  # the folder went since the first write into it
            if made:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
            made = True


class Claims:
    """Which input each output path of a run belongs to, so that a run never
    writes one output twice: two inputs with the same relative path under
    two roots (``cleaner a/ b/ -o out``), or ``page.html`` beside
    ``page.txt``. The first input in the run's order keeps the path.

    Under one root, relative paths differ, and only names in one folder can
    meet (``page.html`` and ``page.txt``): only the folders on the walk's
    current path are remembered. With several roots, or when the number is
    not known, every path is (a few dozen bytes an input).
    """

    def __init__(self, roots: int | None = None):
        self.everything = roots != 1
        self.taken: dict[Path, dict[str, Path]] = {}  # folder -> output name -> input

    def claim(self, target: Path, path: Path) -> Path | None:
        """Claim ``target`` (relative) for the input ``path``; the earlier input holding it, if any."""
        folder = target.parent
        if not self.everything:
            for done in [f for f in self.taken if f != folder and f not in folder.parents]:
                del self.taken[done]
        names = self.taken.setdefault(folder, {})
        earlier = names.get(target.name)
        if earlier is None:
            names[target.name] = path
        return earlier


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``folder``: named as
    :func:`write_atomic` names them, by a process that no longer runs, and
    untouched for STALE_SECONDS (a run on another machine sharing the folder
    may have the same process number). Returns what was removed."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None or _running(int(found.group(1))):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime >= STALE_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True
