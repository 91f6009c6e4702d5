"""``cleaner`` as a step of a datatrove pipeline (``pip install 'cleaner[datatrove]'``).

:class:`CleanerFormatter` cleans each document's text and records what it
removed, and why, in the document's metadata under ``"cleaner"``: the
document's ``--report`` record (``status``, ``blocks``, ``removed``,
``passes``, ``counts``, ``meta``, ``removals``, ``changed``) as a JSON
string, which every writer can store (a record's shape follows what the
page removed, and Parquet cannot write an empty or changing struct). A document
that cannot be cleaned passes through as it was, with ``status: "error"``
and the ``error``; none is dropped. Its statistics count the documents
changed and the blocks removed by reason code::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.datatrove import CleanerFormatter

    LocalPipelineExecutor(
        [JsonlReader("pages/"), CleanerFormatter(), JsonlWriter("clean/")], tasks=4
    ).run()
"""

from __future__ import annotations

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from .outcome import clean_in_pipeline
from .pipeline import Config


class CleanerFormatter(PipelineStep):
    """Clean each document's text (``config``: a :class:`cleaner.Config`,
    the defaults if None). (A step of datatrove's formatter type, not a
    subclass of its ``BaseFormatter``, whose package needs datatrove's
    ``processing`` extra.)"""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, config: Config | None = None):
        super().__init__()
        self.config = config or Config()

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                document.text, result, document.metadata["cleaner"] = clean_in_pipeline(document.text, self.config)
            if result is None:
                self.stat_update("error")
            else:
                if result.changed:
                    self.stat_update("changed")
                for code, count in result.counts.items():
                    self.stat_update(code, value=count)
            yield document
