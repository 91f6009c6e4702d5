"""The README is part of the product: its commands, options and codes must be true."""

from __future__ import annotations

import re

from cleaner.cli import cli
from cleaner.reasons import Reason

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_option_is_documented():
    for param in cli.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}" in README or f", {opt}" in README, f"{opt} missing from README"


def test_every_reason_code_is_in_the_table():
    for reason in Reason:
        assert f"`{reason.value}`" in README, f"{reason.value} missing from README"


def test_first_lines_install_run_and_test():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    install, test = block
    assert "pip install -e '.[dev]'" in install and "cleaner samples/" in install
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_configuration_key_is_in_the_table():
    from cleaner.settings import KEYS, RULE_KEYS

    section = README[README.index("## Configuration") :]
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))
    assert rows == set(KEYS)
    for key in RULE_KEYS:
        assert f"`{key}`" in section, f"rules key {key} missing from README"
