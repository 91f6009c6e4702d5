"""Options from a file: ``cleaner.toml``, or ``[tool.cleaner]`` in ``pyproject.toml``.

The file is looked for from the first input's folder up to the root (the
nearest one wins, as with ruff); ``--config FILE`` names one and
``--no-config`` ignores them. Options given on the command line win over
the file. Keys are the long option names (``split-chars``); unknown keys and
wrong types are errors, so a typo does not pass silently.

    >>> settings = parse({"disable": ["dup.across"], "split-chars": 200}, "cleaner.toml")
    >>> sorted(r.value for r in to_config(settings).disable), to_config(settings).split_chars
    (['dup.across'], 200)
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from .files import os_message
from .pipeline import Config
from .reasons import Reason
from .rules import parse_disable, rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Every key a file may set: its type, and what it does (the README's table
# is checked against these).
KEYS: dict[str, tuple[type, str]] = {
    "encoding": (str, "force the input encoding, as --encoding"),
    "disable": (list, "reason codes (or prefixes), or rule ids, that must not remove anything, as --disable"),
    "format": (str, "input format, as --format"),
    "text-field": (str, "the JSON Lines field holding the text, as --text-field"),
    "glob": (list, "which files to take under folders, as --glob"),
    "jobs": (int, "worker processes, as --jobs"),
    "templates": (bool, "learn site templates first, as --templates"),
    "split-chars": (int, "lines longer than this are judged sentence by sentence (300)"),
    "dup-min-tokens": (int, "shorter blocks are never removed as duplicates (8)"),
    "max-lines": (int, "a page of more lines is copied through unchanged, with an error (50000)"),
    "max-chars": (int, "a page of more characters is copied through unchanged, with an error (4000000)"),
    "allow": (list, "regular expressions: a line one of them matches is never removed"),
    "rules": (list, "boilerplate rules of your own: tables of pattern, reason, strong, max-units, name"),
}
RULE_KEYS = {"pattern", "reason", "strong", "max-units", "name"}
NAMES = ("cleaner.toml", "pyproject.toml")


class SettingsError(ValueError):
    """A configuration file that cannot be used; the message names the file."""


def find(start: Path) -> Path | None:
    """The nearest ``cleaner.toml``, or ``pyproject.toml`` with a
    ``[tool.cleaner]`` table, in ``start`` or a folder above it."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for here in (folder, *folder.parents):
        for name in NAMES:
            candidate = here / name
            if candidate.is_file() and (name == "cleaner.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "cleaner" in _read(pyproject).get("tool", {})
    except SettingsError:
        return False


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read: {os_message(exc)}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None


def load(path: Path) -> dict:
    """The checked settings of one file."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    return parse(data, str(path))


def parse(data: dict, where: str) -> dict:
    settings = {}
    for key, value in data.items():
        if key == "patterns":
            raise SettingsError(f"{where}: 'patterns' is now called 'rules' ([[rules]] tables)")
        if key not in KEYS:
            raise SettingsError(f"{where}: unknown option {key!r} (known: {', '.join(KEYS)})")
        kind = KEYS[key][0]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise SettingsError(f"{where}: {key} must be a {kind.__name__}, not {type(value).__name__}")
        if kind is int and value < 1 and key != "jobs":
            raise SettingsError(f"{where}: {key} must be at least 1")
        settings[key] = value
    try:
        if "disable" in settings:
            settings["disable"], settings["disable-rules"] = parse_disable([str(code) for code in settings["disable"]])
        if "allow" in settings:
            settings["allow"] = tuple(re.compile(str(p)) for p in settings["allow"])
        if "rules" in settings:
            settings["rules"] = tuple(_rule(n, item) for n, item in enumerate(settings["rules"], 1))
    except (ValueError, re.error) as exc:
        raise SettingsError(f"{where}: {exc}") from None
    return settings


def _rule(number: int, item: object):
    if not isinstance(item, dict) or "pattern" not in item:
        raise ValueError(f"rules[{number}] must be a table with a 'pattern'")
    unknown = set(item) - RULE_KEYS
    if unknown:
        raise ValueError(f"rules[{number}]: unknown key(s) {', '.join(sorted(unknown))}")
    reason = Reason(item.get("reason", Reason.BOILER_SPAM.value))
    if not reason.removes:
        raise ValueError(f"rules[{number}]: reason must be a code that removes, not {reason.value!r}")
    found = rule(
        str(item.get("name", f"custom.{number}")),
        reason,
        str(item["pattern"]),
        max_units=float(item.get("max-units", 40)),
        strong=bool(item.get("strong", True)),
    )
    found.pattern  # (compiled here, so that a wrong expression is an error naming the file)
    return found


def to_config(settings: dict, base: Config | None = None) -> Config:
    """``base`` with what the settings change."""
    config = base or Config()
    fields = {
        "encoding": "encoding",
        "disable": "disable",
        "disable-rules": "disable_rules",
        "split-chars": "split_chars",
        "dup-min-tokens": "dup_min_tokens",
        "max-lines": "max_lines",
        "max-chars": "max_chars",
        "allow": "allow",
        "rules": "rules",
    }
    return replace(config, **{name: settings[key] for key, name in fields.items() if key in settings})
