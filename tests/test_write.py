from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest

import generator.write
from generator.errors import UserError
from generator.write import (
    PreviousPages,
    atomic_write,
    exchange,
    new_build_folder,
    one_build_at_a_time,
    remove_leftovers,
    replace_folder,
    replace_site,
    write_generated,
)

ROOTS = ("berattelser", "grunder")


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a" / "b.md", b"text")
    assert (tmp_path / "a" / "b.md").read_bytes() == b"text"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.md"]


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.md"
    target.write_bytes(b"old")

    def broken_replace(source: str, destination: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("generator.write.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["b.md"]


def test_write_generated_writes_skips_and_removes(tmp_path: Path) -> None:
    first = write_generated(tmp_path, {"berattelser/a.md": b"a", "grunder/k.md": b"k"}, ROOTS)
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    second = write_generated(tmp_path, {"berattelser/a.md": b"a2"}, ROOTS)
    assert (second.written, second.unchanged, second.removed) == (1, 0, 1)
    assert not (tmp_path / "grunder").exists()
    third = write_generated(tmp_path, {"berattelser/a.md": b"a2"}, ROOTS)
    assert (third.written, third.unchanged, third.removed) == (0, 1, 0)


def test_dot_files_in_generated_folders_are_stale_too(tmp_path: Path) -> None:
    (tmp_path / "berattelser").mkdir()
    (tmp_path / "berattelser" / ".old.md").write_text("x")
    summary = write_generated(tmp_path, {"berattelser/a.md": b"a"}, ROOTS)
    assert summary.removed == 1
    assert not (tmp_path / "berattelser" / ".old.md").exists()


def test_hand_written_pages_outside_the_generated_folders_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "om.md").write_text("hand")
    write_generated(tmp_path, {"berattelser/a.md": b"a"}, ROOTS)
    assert (tmp_path / "om.md").read_text() == "hand"


def test_a_generated_file_edited_by_hand_stops_the_write(tmp_path: Path) -> None:
    write_generated(tmp_path, {"berattelser/a.md": b"a"}, ROOTS)
    (tmp_path / "berattelser" / "a.md").write_bytes(b"edited by hand")
    with pytest.raises(UserError) as caught:
        write_generated(tmp_path, {"berattelser/a.md": b"a-new"}, ROOTS)
    assert caught.value.details == [str(tmp_path / "berattelser" / "a.md")]
    assert (tmp_path / "berattelser" / "a.md").read_bytes() == b"edited by hand"


def test_a_generated_file_at_the_top_is_written_kept_apart_from_its_neighbours_and_removed(
    tmp_path: Path,
) -> None:
    roots = (*ROOTS, "index.md")
    (tmp_path / "om.md").write_text("hand")
    assert write_generated(tmp_path, {"index.md": b"start", "berattelser/a.md": b"a"}, roots).written == 2
    assert (tmp_path / "index.md").read_bytes() == b"start"
    (tmp_path / "index.md").write_bytes(b"edited by hand")
    with pytest.raises(UserError) as caught:
        write_generated(tmp_path, {"index.md": b"new start"}, roots)
    assert caught.value.details == [str(tmp_path / "index.md")]
    (tmp_path / "index.md").write_bytes(b"start")
    assert write_generated(tmp_path, {"berattelser/a.md": b"a"}, roots).removed == 1
    assert not (tmp_path / "index.md").exists()
    assert (tmp_path / "om.md").read_text() == "hand"


@pytest.mark.parametrize("path", ["../escape.md", "om.md", "/etc/passwd", "berattelser/../../x.md"])
def test_refuses_to_write_outside_the_generated_folders(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match="outside the generated folders"):
        write_generated(tmp_path, {path: b"x"}, ROOTS)


def test_replace_site_swaps_in_the_new_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    built = new_build_folder(site)
    (built / "new.html").write_text("new")
    replace_site(built, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_old_site_is_deleted_before_the_swap_returns_without_following_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for number in range(20):
        (site / "berattelser" / f"s-{number}").mkdir(parents=True)
        (site / "berattelser" / f"s-{number}" / "index.html").write_text("gammal sida")
    (site / "index.html").write_text("gammal")
    kept = tmp_path / "outside"
    kept.mkdir()
    (kept / "keep.txt").write_text("rörs inte")
    (site / "berattelser" / "link").symlink_to(kept, target_is_directory=True)
    (site / "link").symlink_to(kept, target_is_directory=True)
    built = new_build_folder(site)
    (built / "index.html").write_text("ny")
    replace_site(built, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (kept / "keep.txt").read_text() == "rörs inte"


@pytest.mark.parametrize("read_ahead", [False, True])
def test_a_page_is_recalled_only_if_made_from_the_same_inputs_and_untouched(
    tmp_path: Path, read_ahead: bool
) -> None:
    def previous_pages() -> PreviousPages:
        previous = PreviousPages(tmp_path)
        if read_ahead:
            previous.read_ahead(["berattelser/a.md", "berattelser/b.md"])
        return previous

    write_generated(tmp_path, {"berattelser/a.md": b"sida"}, ROOTS, {"berattelser/a.md": "inputs-1"})
    previous = previous_pages()
    assert previous.recall("berattelser/a.md", "inputs-2") is None
    assert previous.recall("berattelser/a.md", "inputs-1") == "sida"
    assert previous.recalled == {"berattelser/a.md": hashlib.sha256(b"sida").hexdigest()}
    assert previous.recall("berattelser/b.md", "inputs-1") is None
    (tmp_path / "berattelser" / "a.md").write_text("sida, ändrad för hand", encoding="utf-8")
    assert previous_pages().recall("berattelser/a.md", "inputs-1") is None


def test_pages_made_from_the_same_inputs_are_recalled_together_or_not_at_all(tmp_path: Path) -> None:
    files = {"grunder/a.md": b"lista a", "grunder/b.md": b"lista b", "berattelser/c.md": b"sida"}
    write_generated(tmp_path, files, ROOTS, {"grunder/a.md": "listor", "grunder/b.md": "listor"})
    previous = PreviousPages(tmp_path)
    assert previous.recall_all("listor") == {"grunder/a.md": "lista a", "grunder/b.md": "lista b"}
    assert previous.recall_all("andra listor") is None
    (tmp_path / "grunder" / "b.md").write_text("ändrad för hand", encoding="utf-8")
    assert PreviousPages(tmp_path).recall_all("listor") is None


def test_a_manifest_from_before_inputs_were_recorded_still_guards_hand_edits(tmp_path: Path) -> None:
    write_generated(tmp_path, {"berattelser/a.md": b"sida"}, ROOTS)
    old_manifest = {"berattelser/a.md": hashlib.sha256(b"sida").hexdigest()}
    (tmp_path / ".generated.json").write_text(json.dumps(old_manifest))
    assert PreviousPages(tmp_path).recall("berattelser/a.md", "a" * 64) is None
    assert write_generated(tmp_path, {"berattelser/a.md": b"ny sida"}, ROOTS).written == 1
    (tmp_path / ".generated.json").write_text(json.dumps(old_manifest))
    with pytest.raises(UserError):
        write_generated(tmp_path, {"berattelser/a.md": b"tredje"}, ROOTS)


def test_fresh_pages_are_never_recalled_but_hand_edits_are_still_caught(tmp_path: Path) -> None:
    write_generated(tmp_path, {"berattelser/a.md": b"sida"}, ROOTS, {"berattelser/a.md": "inputs"})
    fresh = PreviousPages(tmp_path, reuse=False)
    fresh.read_ahead(["berattelser/a.md"])
    assert fresh.recall("berattelser/a.md", "inputs") is None
    assert fresh.recall_all("inputs") is None
    (tmp_path / "berattelser" / "a.md").write_bytes(b"handskrivet")
    with pytest.raises(UserError):
        write_generated(
            tmp_path, {"berattelser/a.md": b"ny"}, ROOTS, previous=PreviousPages(tmp_path, reuse=False)
        )


def test_a_killed_writes_half_written_manifest_goes_with_the_next_write(tmp_path: Path) -> None:
    (tmp_path / "..generated.json.k3_x9a0b.tmp").write_text("{halv")
    (tmp_path / ".anteckning.tmp").write_text("inte vår")
    write_generated(tmp_path, {"berattelser/a.md": b"a"}, ROOTS)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".anteckning.tmp", ".generated.json", "berattelser"]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a" / "under").mkdir(parents=True)
    (tmp_path / "a" / "under" / "x.html").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "y.html").write_text("b")
    assert exchange(tmp_path / "a", tmp_path / "b")
    assert tree(tmp_path / "a") == {"y.html": b"b"}
    assert tree(tmp_path / "b") == {"under/x.html": b"a"}


def test_exchange_with_a_missing_path_is_an_error_not_a_rename(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError):
        exchange(tmp_path / "a", tmp_path / "finns-inte")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_a_first_site_is_renamed_into_place(tmp_path: Path) -> None:
    built = new_build_folder(tmp_path / "site")
    (built / "index.html").write_text("ny")
    replace_site(built, tmp_path / "site")
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert tree(tmp_path / "site") == {"index.html": b"ny"}


def test_the_old_site_is_deleted_only_once_the_new_one_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("gammal")
    built = new_build_folder(site)
    (built / "index.html").write_text("ny")
    seen = []
    real_remove = generator.write.remove_folder

    def remove(folder: Path) -> None:
        seen.append(((folder / "index.html").read_text(), (site / "index.html").read_text()))
        real_remove(folder)

    monkeypatch.setattr("generator.write.remove_folder", remove)
    replace_site(built, site)
    assert seen == [("gammal", "ny")]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_where_folders_cannot_be_exchanged_the_site_is_still_replaced_and_the_old_one_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.write.exchange", lambda first, second: False)
    site = tmp_path / "site"
    (site / "berattelser" / "tillbakadragen").mkdir(parents=True)
    (site / "berattelser" / "tillbakadragen" / "index.html").write_text("gammal")
    built = new_build_folder(site)
    (built / "index.html").write_text("ny")
    replace_site(built, site)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert tree(site) == {"index.html": b"ny"}


def test_a_folder_of_readings_is_swapped_in_holding_exactly_its_files(tmp_path: Path) -> None:
    cached = tmp_path / "cache.mp3"
    cached.write_bytes(b"ljud")
    uploads = tmp_path / "site-ljud"
    (uploads / "ljud").mkdir(parents=True)
    (uploads / "ljud" / "tillbakadragen-0123.mp3").write_bytes(b"gammalt")
    replace_folder(uploads, {"ljud/a-4567.mp3": cached, "ljud/a-4567.vtt": b"WEBVTT\n"})
    assert tree(uploads) == {"ljud/a-4567.mp3": b"ljud", "ljud/a-4567.vtt": b"WEBVTT\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.mp3", "site-ljud"]


def test_leftovers_of_a_killed_build_are_removed_and_nothing_else(tmp_path: Path) -> None:
    site, uploads, cache = tmp_path / "site", tmp_path / "site-ljud", tmp_path / ".cache"
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "behall.txt").write_text("rörs inte")
    leftovers = [
        ".site.build-abc_1234/berattelser/tillbakadragen/index.html",
        ".site.old-zz99yy88/site/berattelser/tillbakadragen/index.html",
        ".site-ljud.build-0a1b2c3d/ljud/tillbakadragen-0123.mp3",
        ".cache/audio/." + "a" * 64 + ".mp3.q1w2e3r4.tmp",
        ".cache/memo/.ab.json.abcdefgh.tmp",
        ".rapport.json.12345678.tmp",
    ]
    kept = [
        "site/index.html",
        ".andra.build-abc_1234/index.html",
        ".site.build-kort/index.html",
        "site.build-abc_1234/index.html",
        ".cache/audio/anteckning.tmp",
        ".cache/audio/.dold.tmp",
        ".annan.json.12345678.tmp",
    ]
    for relative in leftovers + kept:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    (tmp_path / ".site.build-11112222").symlink_to(outside, target_is_directory=True)
    (cache / "audio" / "länk").symlink_to(outside, target_is_directory=True)
    (outside / ".behall.txt.abcdefgh.tmp").write_text("rörs inte")
    remove_leftovers([site, uploads], [cache / "audio", cache / "memo"], [tmp_path / "rapport.json"])
    left = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert left == {*kept, "utanfor/behall.txt", "utanfor/.behall.txt.abcdefgh.tmp"}
    assert (tmp_path / ".site.build-11112222").is_symlink()


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    site = tmp_path / "site"
    second_started = threading.Event()

    def second_build() -> None:
        with one_build_at_a_time(site):
            second_started.set()

    with one_build_at_a_time(site):
        waiting = threading.Thread(target=second_build)
        waiting.start()
        assert not second_started.wait(0.3)
    assert second_started.wait(10)
    waiting.join()


def test_a_build_folder_can_be_read_by_a_web_server_running_as_another_user(tmp_path: Path) -> None:
    built = new_build_folder(tmp_path / "site")
    assert built.stat().st_mode & 0o777 == 0o755
