"""The compiled core: which modules are built with Cython, and whether they
are the ones loaded.

The modules named here are plain Python, their C types declared beside
them in ``.pxd`` files (Cython's pure-Python mode), so one source is both
the compiled core and its interpreted reference: ``pip install`` compiles
them, and with ``CLEANER_INTERPRETED=1`` in the environment the same files
run as Python (the differential tests compare the two). Running interpreted
is several times slower, so it is never silent: :func:`status` says which
is loaded, ``cleaner --version`` prints it, and the command line warns on
every run when the core is not compiled, or is older than its source.

This file imports nothing from the package: ``setup.py`` reads
:data:`MODULES` from it before the package can be imported.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

# Under the package, in the order they are built.
MODULES = ("decode", "chars", "shapes", "features", "segment", "page", "layout", "dedup", "rules.matcher", "boilerplate", "pipeline", "minhash")
INTERPRETED = "CLEANER_INTERPRETED"  # set (to anything but "" or 0) to run the .py files


def interpreted_requested() -> bool:
    return os.environ.get(INTERPRETED, "") not in ("", "0")


def missing() -> list[str]:
    """The core modules that were loaded from their ``.py`` source (so not
    compiled), importing them if need be."""
    out = []
    for name in MODULES:
        module = importlib.import_module(f"cleaner.{name}")
        if not _is_extension(module.__file__ or ""):
            out.append(name)
    return out


def stale() -> list[str]:
    """The compiled core modules older than their ``.py`` or ``.pxd`` source
    (edited, or a branch switched, since the last build): what runs is not
    what the source says."""
    out = []
    for name in MODULES:
        module = importlib.import_module(f"cleaner.{name}")
        built = Path(module.__file__ or "")
        if _is_extension(str(built)):
            sources = [source(name), source(name).with_suffix(".pxd")]
            if any(s.exists() and s.stat().st_mtime > built.stat().st_mtime for s in sources):
                out.append(name)
    return out


def status() -> str:
    """One line: is the compiled core loaded, and built from the source beside it?"""
    absent = missing()
    if not absent:
        old = stale()
        if old:
            return f"compiled core loaded but older than its source ({', '.join(old)}): rebuild it (pip install -e .)"
        return f"compiled core loaded ({len(MODULES)} modules)"
    why = f"{INTERPRETED} is set" if interpreted_requested() else "not built; reinstall the package (pip install -e . in a checkout)"
    return f"compiled core NOT loaded ({why}): the interpreted reference runs, several times slower"


def healthy() -> bool:
    """Loaded, and built from the source beside it."""
    return not missing() and not stale()


def source(name: str) -> Path:
    """The ``.py`` file of core module ``name`` (``rules.matcher``)."""
    return Path(__file__).parent.joinpath(*name.split(".")).with_suffix(".py")


def _is_extension(path: str) -> bool:
    return path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


class _SourceFirst:
    """A finder that loads the core modules from their ``.py`` files even
    where a compiled one sits beside them."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.partition(".")
        if package != "cleaner" or name not in MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, source(name))


def use_source_if_requested() -> None:
    """Called by the package before anything imports the core."""
    if interpreted_requested() and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
