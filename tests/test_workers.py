from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.workers import SHARE_FROM, shared, worker_processes


def test_workers_run_tasks_in_another_process_and_say_when_they_have_started() -> None:
    with worker_processes(1) as workers:
        assert workers is not None
        assert not workers.started()  # a new interpreter takes far longer than this line
        assert workers.submit(os.getpid).result() != os.getpid()
        assert workers.started()


def _processes(items: list[int], offset: int) -> list[tuple[int, int]]:
    time.sleep(len(items) / 1000)  # long enough for the worker to start on its part
    return [(item + offset, os.getpid()) for item in items]


def test_shared_work_is_done_in_order_by_both_processes_or_here_alone() -> None:
    items = list(range(SHARE_FROM * 2))
    expected = [item + 1 for item in items]
    with worker_processes(1) as workers:
        assert workers is not None and workers.submit(os.getpid).result()  # started
        done = shared(_processes, items, workers, 1)
        assert [result for result, _ in done] == expected
        assert {pid for _, pid in done} - {os.getpid()}, "the worker took no part"
        few = shared(_processes, items[: SHARE_FROM - 1], workers, 1)
        assert {pid for _, pid in few} == {os.getpid()}
    assert shared(_processes, items, None, 1) == [(item, os.getpid()) for item in expected]


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
