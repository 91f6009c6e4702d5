"""pytest collects the examples in every module's docstrings, but it would
import a compiled core module's ``.py`` source under the name the compiled
module already holds, and refuse: tests/test_core.py runs their examples
against the compiled modules instead."""

from cleaner.compiled import MODULES

collect_ignore = [f"cleaner/{name.replace('.', '/')}.py" for name in MODULES]
