r"""Turn scraped web pages saved as plain text into clean article text.

    >>> from cleaner import clean_text
    >>> page = "第一段，讲了一件事情。\n第二段，又讲了一件事情。\n"
    >>> result = clean_text(page + "\n\n\n" + page)
    >>> result.text == page
    True
    >>> sorted(result.counts.items())
    [('dup.exact', 2), ('layout.blank', 3)]
"""

from . import compiled

compiled.use_source_if_requested()  # before anything imports the core

from .decode import BinaryInput, DecodeError, Decoded, decode
from .page import Decision
from .pipeline import Config, PageTooLarge, Result, clean_bytes, clean_file, clean_text
from .reasons import Reason
from .segment import Block

__version__ = "0.1.0"

# A corpus run, imported when first asked for: a program that cleans one
# page (a pre-commit hook on one file) does not pay for the run's machinery.
_CORPUS = {"clean_corpus": "corpus", "Mode": "outcome", "Outcome": "outcome"}


def __getattr__(name: str):
    if name in _CORPUS:
        import importlib

        return getattr(importlib.import_module(f".{_CORPUS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_CORPUS})


__all__ = [
    "BinaryInput",
    "Block",
    "Config",
    "DecodeError",
    "Decision",
    "Decoded",
    "Mode",
    "Outcome",
    "PageTooLarge",
    "Reason",
    "Result",
    "__version__",
    "clean_bytes",
    "clean_corpus",
    "clean_file",
    "clean_text",
    "decode",
]
