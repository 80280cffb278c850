from __future__ import annotations

import os
from pathlib import Path

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


class _Noticed:
    """Writes a file when the interpreter frees it: what a worker's exit no longer waits for."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __del__(self) -> None:
        Path(self.path).write_text("freed one by one", encoding="utf-8")


_KEPT: list[_Noticed] = []


def _keep_until_exit(path: str) -> None:
    _KEPT.append(_Noticed(path))


def test_a_worker_ends_without_freeing_its_objects_one_by_one(tmp_path: Path) -> None:
    marker = tmp_path / "freed.txt"
    with worker_processes(1) as workers:
        assert workers is not None
        workers.submit(_keep_until_exit, str(marker)).result()
    assert not marker.exists()
    _Noticed(str(marker)).__del__()  # the same object, freed here, does write
    assert marker.exists()
