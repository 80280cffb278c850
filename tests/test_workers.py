"""Worker processes: when they count as started, how work is shared, and how they end."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import generator.workers
from generator.errors import UserError
from generator.workers import SHARE_FROM, shared, worker_processes

GATE = "HBG_TEST_WORKER_GATE"  # a file's path, in the environment a spawned worker inherits


def _wait_for(path: Path) -> None:
    """Return once the file exists; a minute without it means the test has already failed."""
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.005)


def _ready_when_the_gate_opens() -> None:
    _wait_for(Path(os.environ[GATE]))


def test_workers_say_they_have_started_only_once_a_worker_has_run_a_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = tmp_path / "gate"
    monkeypatch.setenv(GATE, str(gate))
    # The first task every worker is given waits for the gate, so "not yet" is certain, not a race.
    monkeypatch.setattr(generator.workers, "_ready", _ready_when_the_gate_opens)
    with worker_processes(1) as workers:
        try:
            assert workers is not None
            assert not workers.started()
        finally:
            gate.touch()
        assert workers.submit(os.getpid).result() != os.getpid()
        assert workers.started()  # one worker runs its tasks in order: the first is done


def _processes(items: list[int], offset: int, gate: str = "", here: int = 0) -> list[tuple[int, int]]:
    """Add offset to each item, beside the id of the process that did it.

    With a gate, a worker opens it as it begins and this process's own part waits until it is
    open, so the worker has surely taken a part before this process could do that part itself.
    """
    if gate and os.getpid() != here:
        Path(gate).touch()
    elif gate:
        _wait_for(Path(gate))
    return [(item + offset, os.getpid()) for item in items]


def test_shared_work_is_done_in_order_by_both_processes_or_here_alone(tmp_path: Path) -> None:
    items = list(range(SHARE_FROM * 2))
    expected = [item + 1 for item in items]
    with worker_processes(1) as workers:
        assert workers is not None
        done = shared(_processes, items, workers, 1, str(tmp_path / "gate"), os.getpid())
        assert [result for result, _ in done] == expected
        assert {pid for _, pid in done} - {os.getpid()}, "the worker took no part"
        few = shared(_processes, items[: SHARE_FROM - 1], workers, 1)
        assert {pid for _, pid in few} == {os.getpid()}
    assert shared(_processes, items, None, 1) == [(item, os.getpid()) for item in expected]


def test_meanwhile_is_done_here_once_while_the_worker_starts_or_first_without_one(tmp_path: Path) -> None:
    items, gate, done_meanwhile = list(range(SHARE_FROM * 2)), tmp_path / "gate", []

    def meanwhile() -> None:
        _wait_for(gate)  # opened by the worker: its half was handed over before this began
        done_meanwhile.append(gate.exists())

    with worker_processes(1) as workers:
        shared(_processes, items, workers, 1, str(gate), os.getpid(), meanwhile=meanwhile)
    assert done_meanwhile == [True]
    order: list[str] = []
    shared(
        lambda part, _: order.append("work") or [], items, None, 1, meanwhile=lambda: order.append("first")
    )
    assert order == ["first", "work"]


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
