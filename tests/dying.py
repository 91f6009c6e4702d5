"""A worker that dies mid-run, for the cluster's tests: Ray runs :func:`arm`
in each worker process it starts (``worker_process_setup_hook``). The first
worker to clean the file named by CLEANER_DIE_ON kills itself with SIGKILL
as it starts on it, and leaves the file CLEANER_DIED so that no other does."""

from __future__ import annotations

import os
import signal


def arm() -> None:
    from cleaner import corpus

    victim, died = os.environ["CLEANER_DIE_ON"], os.environ["CLEANER_DIED"]
    clean = corpus._Job.clean

    def dying(job, item):
        if item.path.name == victim:
            try:
                os.close(os.open(died, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                pass
            else:
                os.kill(os.getpid(), signal.SIGKILL)
        return clean(job, item)

    corpus._Job.clean = dying
