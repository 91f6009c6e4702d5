"""``cleaner`` for Hugging Face ``datasets``: a function for ``Dataset.map(batched=True)``.

:func:`clean_batch` cleans the text column of a batch and adds a
``cleaner`` column: each row's ``--report`` record (``status``, ``blocks``,
``removed``, ``passes``, ``counts``, ``meta``, ``removals``, ``changed``) as a JSON
string. (A string, because ``datasets`` fixes a column's type from the first
batch it writes, and the record's ``counts`` and ``removals`` take their
shape from what each page removed.) A text that cannot be cleaned stays as
it was, with ``status: "error"``; no row is dropped::

    from datasets import load_dataset
    from cleaner.datasets import clean_batch

    pages = load_dataset("json", data_files="pages.jsonl", split="train")
    clean = pages.map(clean_batch, batched=True, num_proc=4)
    clean = clean.filter(lambda row: row["text"].strip() != "")

``fn_kwargs={"text_field": "content", "config": Config(...)}`` names another
column or changes the settings.
"""

from __future__ import annotations

from .outcome import clean_in_pipeline
from .pipeline import Config
from .records import cleaning, line


def clean_batch(batch: dict[str, list], text_field: str = "text", config: Config | None = None) -> dict[str, list]:
    """The batch's ``text_field`` column cleaned, and its ``cleaner`` column;
    ``map`` keeps the other columns.

        >>> clean_batch({"text": ["网站首页 公文大全 范文\\n会议强调，要牢记使命担当。"]})["text"]
        ['会议强调，要牢记使命担当。']
    """
    if isinstance(batch[text_field], str):
        raise TypeError("clean_batch takes a batch: use it with map(batched=True)")
    config = config or Config()
    texts, records = [], []
    for text in batch[text_field]:
        if not isinstance(text, str):
            texts.append(text)
            records.append(line(cleaning(None, f"no string {text_field!r} field")))
            continue
        cleaned, _, record = clean_in_pipeline(text, config)
        texts.append(cleaned)
        records.append(record)
    return {text_field: texts, "cleaner": records}
