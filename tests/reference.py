"""The interpreted reference of the whole engine, importable beside the
compiled one: the package's ``.py`` files loaded as ``cleaner_reference``,
every module from its source. The compiled core must decide exactly as this
does (tests/test_core.py)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import cleaner

NAME = "cleaner_reference"
_SOURCE = Path(cleaner.__file__).parent


class _Finder:
    def find_spec(self, fullname, path=None, target=None):
        if fullname != NAME and not fullname.startswith(NAME + "."):
            return None
        where = _SOURCE.joinpath(*fullname.split(".")[1:])
        if where.is_dir():
            return importlib.util.spec_from_file_location(fullname, where / "__init__.py", submodule_search_locations=[str(where)])
        return importlib.util.spec_from_file_location(fullname, where.with_suffix(".py"))


def module(name: str):
    """``cleaner.<name>`` as interpreted from its source."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
    found = importlib.import_module(f"{NAME}.{name}")
    assert found.__file__.endswith(".py"), found.__file__
    return found
