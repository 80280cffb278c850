from __future__ import annotations

import os

import pytest

from generator.errors import UserError
from generator.workers import worker_processes


def test_workers_run_tasks_in_another_process() -> None:
    with worker_processes(1) as workers:
        assert workers is not None
        assert workers.submit(os.getpid).result() != os.getpid()


def test_no_workers_means_none() -> None:
    with worker_processes(0) as workers:
        assert workers is None


def test_a_worker_that_dies_is_a_plain_message_not_a_traceback() -> None:
    with pytest.raises(UserError) as caught, worker_processes(1) as workers:
        assert workers is not None
        workers.submit(os._exit, 1).result()
    assert "--jobs 1" in caught.value.summary
