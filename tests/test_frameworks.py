"""cleaner inside the pipelines corpus builders run: a datatrove step and a
function for Hugging Face datasets, end to end on a small local dataset.

Each must clean a document's text exactly as the ``cleaner`` command cleans
the same JSON Lines file, and carry a document it cannot clean through."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cleaner import Config
from cleaner.cli import cli

from .conftest import sample_pages

LIMIT = 4000  # characters: the last document is over it, and cannot be cleaned
MENU, ARTICLE = "网站首页 公文大全 范文\n", "会议强调，要牢记使命担当。\n"


def _shard(folder: Path) -> Path:
    """A JSON Lines dataset: the sample pages, a line of article under a
    menu, and a page too long to clean under LIMIT."""
    folder.mkdir()
    texts = [page.read_text(encoding="utf-8")[: LIMIT - 1] for page in sample_pages()[:4]]
    texts += [MENU + ARTICLE, "甲" * (LIMIT + 1)]
    shard = folder / "pages.jsonl"
    shard.write_text("".join(json.dumps({"id": str(n), "text": t}, ensure_ascii=False) + "\n" for n, t in enumerate(texts)), encoding="utf-8")
    return shard


def _by_command(shard: Path, out: Path) -> list[str]:
    """The texts the cleaner command writes for the shard."""
    settings = shard.parent.parent / "cleaner.toml"
    settings.write_text(f"max-chars = {LIMIT}\n", encoding="utf-8")
    CliRunner().invoke(cli, [str(shard), "-o", str(out), "--config", str(settings), "-j", "1"])
    return [json.loads(line)["text"] for line in (out / shard.name).read_text(encoding="utf-8").split("\n") if line]


def test_the_datatrove_step_cleans_as_the_command_does_and_says_why_in_the_metadata(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.datatrove import CleanerFormatter

    shard = _shard(tmp_path / "in")
    steps = [JsonlReader(str(shard.parent)), CleanerFormatter(Config(max_chars=LIMIT)), JsonlWriter(str(tmp_path / "out"), compression=None)]
    LocalPipelineExecutor(steps, tasks=1, logging_dir=str(tmp_path / "logs")).run()
    written = [json.loads(line) for path in sorted((tmp_path / "out").iterdir()) for line in path.read_text(encoding="utf-8").split("\n") if line]

    assert [doc["text"] for doc in written] == _by_command(shard, tmp_path / "command")
    records = [json.loads(doc["metadata"]["cleaner"]) for doc in written]
    assert records[4]["status"] == "ok" and records[4]["counts"] == {"boiler.nav": 1} and written[4]["text"] == ARTICLE
    assert records[5] == {"status": "error", "error": f"too large to clean as one page: {LIMIT + 1} characters (the limit is {LIMIT})"}
    assert written[5]["text"] == "甲" * (LIMIT + 1)  # carried through, not dropped
    assert all(r["removed"] == len(r["removals"]) == sum(r["counts"].values()) for r in records[:5])
    stats = json.loads(next((tmp_path / "logs" / "stats").iterdir()).read_text())
    formatter = next(step for step in stats if step["name"].endswith("cleaner"))
    assert formatter["stats"]["error"] == 1 and formatter["stats"]["boiler.nav"]["total"] >= 1


def test_the_datasets_function_cleans_as_the_command_does_in_batches_of_any_shape(tmp_path):
    import datasets

    from cleaner.datasets import clean_batch

    shard = _shard(tmp_path / "in")
    pages = datasets.Dataset.from_json(str(shard), cache_dir=str(tmp_path / "cache"))
    # (Batches of two, whose records differ in shape, which must make one
    # dataset.)
    clean = pages.map(clean_batch, batched=True, batch_size=2, fn_kwargs={"config": Config(max_chars=LIMIT)}, load_from_cache_file=False)

    assert clean["text"] == _by_command(shard, tmp_path / "command")
    assert clean["id"] == pages["id"]  # the other columns stay
    records = [json.loads(record) for record in clean["cleaner"]]
    assert records[4]["counts"] == {"boiler.nav": 1}
    assert records[5]["status"] == "error" and clean["text"][5] == pages["text"][5]
    assert all(r["removed"] == len(r["removals"]) == sum(r["counts"].values()) for r in records[:5])
    assert any(r["removals"] for r in records[:4]) and records[0]["removals"][0]["reason"] in records[0]["counts"]


def test_the_datasets_function_reads_another_column_and_carries_a_missing_text_through():
    from cleaner.datasets import clean_batch

    columns = clean_batch({"content": [MENU + ARTICLE, None]}, text_field="content")
    assert columns["content"] == [ARTICLE, None]
    assert [json.loads(r)["status"] for r in columns["cleaner"]] == ["ok", "error"]
