"""Tables that cleaner works out about its own code, kept between runs.

The character-class table is built from Python's Unicode database, and the
rule gate from an analysis of every rule's expression; together they cost
more than cleaning a small file, which a pre-commit run would pay on every
commit. Each is a pure function of the module that builds it and of what it
reads, so it is kept in a cache folder with a stamp of all of that: the
module file (its path, size and time), the Python version, and the inputs it
is given. An entry whose stamp differs, or that is missing or damaged, is
built again; a folder that cannot be written costs only the time, and
deleting the folder is always safe.

The folder is ``$CLEANER_CACHE``, else ``$XDG_CACHE_HOME/cleaner``, else
``~/.cache/cleaner``; with ``CLEANER_CACHE`` set to an empty string nothing
is kept.
"""

from __future__ import annotations

import glob
import os
import sys
import zlib
from collections.abc import Callable


def folder() -> str | None:
    """Where entries are kept, or None when caching is off."""
    chosen = os.environ.get("CLEANER_CACHE")
    if chosen is not None:
        return chosen or None
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "cleaner")


def kept(name: str, module: str, inputs: str, build: Callable[[], bytes]) -> bytes:
    """``build()``, or what it returned before for the same ``module`` file
    and ``inputs``."""
    data = load(name, module, inputs)
    if data is None:
        data = build()
        store(name, module, inputs, data)
    return data


def load(name: str, module: str, inputs: str) -> bytes | None:
    """The data of entry ``name`` if its stamp is that of ``module`` and
    ``inputs`` now, and it is whole.

    An entry is the file ``name-CRC`` (a CRC-32 of its stamp): a CRC-32 of
    the rest, the stamp's length and the stamp, then the data.
    """
    where = folder()
    if where is None:
        return None
    head = _head(module, inputs)
    try:
        with open(_path(where, name, head), "rb") as file:
            stored = file.read()
    except OSError:
        return None
    rest = stored[4:]
    if int.from_bytes(stored[:4], "little") == zlib.crc32(rest) and rest.startswith(head):
        return rest[len(head) :]
    return None


def store(name: str, module: str, inputs: str, data: bytes) -> None:
    """Keep ``data`` as entry ``name``. It is written to a temporary file and
    renamed into place, so a reader never sees half of one; older entries of
    the same name go."""
    where = folder()
    if where is None:
        return
    head = _head(module, inputs)
    path = _path(where, name, head)
    temporary = os.path.join(where, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(where, exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(zlib.crc32(head + data).to_bytes(4, "little") + head + data)
        os.replace(temporary, path)
        for old in glob.glob(os.path.join(glob.escape(where), f"{name}-*")):
            if old != path:
                os.unlink(old)
    except OSError:  # (a read-only home, a full disk: the next run builds it again)
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _head(module: str, inputs: str) -> bytes:
    stat = os.stat(module)
    stamp = f"{module}\0{stat.st_size}\0{stat.st_mtime_ns}\0{sys.version}\0{inputs}".encode("utf-8", "surrogatepass")
    return len(stamp).to_bytes(4, "little") + stamp


def _path(where: str, name: str, head: bytes) -> str:
    return os.path.join(where, f"{name}-{zlib.crc32(head):08x}")
