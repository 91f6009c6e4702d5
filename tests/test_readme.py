"""The README is part of the product: its commands, options and codes must be true."""

from __future__ import annotations

import re

from cleaner.cli import cli
from cleaner.reasons import Reason

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    """A section of the README, from its heading to the next of its level."""
    start = README.index(heading + "\n")
    end = README.find("\n" + heading.split(" ")[0] + " ", start + len(heading))
    return README[start : end if end >= 0 else len(README)]


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

    section = _section("## Configuration")
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))
    assert rows == set(KEYS)
    for key in RULE_KEYS:
        assert f"`{key}`" in section, f"rules key {key} missing from README"


def test_every_link_to_a_file_of_the_repository_leads_to_one():
    for document in (ROOT / "README.md", ROOT / "docs" / "design.md", ROOT / "bench" / "README.md"):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            assert (document.parent / target).exists(), f"{document.name} links to {target}, which is not there"
