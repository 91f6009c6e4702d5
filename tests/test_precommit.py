"""The pre-commit hooks, for real: the `pre-commit` tool installs them from a
snapshot of this checkout into a fresh corpus repository, and a commit of a
dirty page fails and fixes it; a commit of a clean page passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean_text

from .conftest import ROOT, sample_pages

pytest.importorskip("pre_commit")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is not installed", allow_module_level=True)

PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "cleaner")


def git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=_env(folder))


def _env(folder: Path) -> dict:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        GIT_CONFIG_GLOBAL=os.devnull,
        PRE_COMMIT_HOME=str(folder.parent / "pre-commit-home"),
    )
    env.pop("GIT_DIR", None)
    env.pop("VIRTUAL_ENV", None)
    return env


def pre_commit(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=folder, capture_output=True, text=True, env=_env(folder))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A corpus repository with both hooks installed from this checkout (as it
    is on disk, uncommitted changes included)."""
    base = tmp_path_factory.mktemp("precommit")
    hooks = base / "hooks"
    hooks.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hooks / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, hooks / name)
    assert git(hooks, "init", "-q").returncode == 0
    git(hooks, "add", ".")
    assert git(hooks, "commit", "-q", "-m", "snapshot").returncode == 0
    rev = git(hooks, "rev-parse", "HEAD").stdout.strip()

    repo = base / "corpus"
    repo.mkdir()
    assert git(repo, "init", "-q").returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n  - id: cleaner\n  - id: cleaner-check\n    stages: [manual]\n",
        encoding="utf-8",
    )
    installed = pre_commit(repo, "install")
    assert installed.returncode == 0, installed.stderr
    git(repo, "add", ".pre-commit-config.yaml")
    first = git(repo, "commit", "-q", "-m", "config")  # builds the hook's environment
    assert first.returncode == 0, first.stdout + first.stderr
    return repo


@pytest.mark.slow
def test_a_dirty_page_fails_the_commit_and_is_fixed(corpus):
    raw = sample_pages()[1].read_text(encoding="utf-8")
    clean = clean_text(raw).text
    assert clean != raw
    page = corpus / "dirty.txt"
    page.write_text(raw, encoding="utf-8")
    git(corpus, "add", "dirty.txt")
    refused = git(corpus, "commit", "-q", "-m", "dirty page")
    assert refused.returncode != 0
    assert "files were modified by this hook" in refused.stdout + refused.stderr
    assert page.read_text(encoding="utf-8") == clean
    git(corpus, "add", "dirty.txt")
    accepted = git(corpus, "commit", "-q", "-m", "dirty page, cleaned")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "dirty.txt" in git(corpus, "ls-files").stdout


@pytest.mark.slow
def test_a_clean_page_passes(corpus):
    clean = clean_text(sample_pages()[2].read_text(encoding="utf-8")).text
    page = corpus / "clean.txt"
    page.write_text(clean, encoding="utf-8")
    git(corpus, "add", "clean.txt")
    accepted = git(corpus, "commit", "-q", "-m", "clean page")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert page.read_text(encoding="utf-8") == clean


@pytest.mark.slow
def test_the_check_hook_fails_without_touching_the_file(corpus):
    raw = sample_pages()[3].read_text(encoding="utf-8")
    page = corpus / "unchecked.txt"
    page.write_text(raw, encoding="utf-8")
    checked = pre_commit(corpus, "run", "cleaner-check", "--hook-stage", "manual", "--files", "unchecked.txt")
    assert checked.returncode == 1
    assert "would clean unchecked.txt" in checked.stdout
    assert page.read_text(encoding="utf-8") == raw
    page.write_text(clean_text(raw).text, encoding="utf-8")
    assert pre_commit(corpus, "run", "cleaner-check", "--hook-stage", "manual", "--files", "unchecked.txt").returncode == 0
