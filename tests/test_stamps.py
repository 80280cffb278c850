"""Compared with a base, every change to what an approved story publishes needs a fresh stamp."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.editors.stamps import Standing, standing, unstamped_changes
from generator.intake.approval import approved_content, content_hash
from tests.conftest import GOOD_BODY, GOOD_FIELDS, front_matter_text, stamped

FOLDER = Path("stories")
FIX = "Läs igenom berättelsen och godkänn den: python -m generator approve hbg-0001 --by NAMN"
EDITED_BODY = "Jag diskriminerades i kön på apoteket igen.\n\nDet andra stycket.\n"
GOOD_HASH = content_hash(*approved_content("En vanlig dag", "sv", GOOD_BODY))


def story(body: str = GOOD_BODY, **changes: object) -> bytes:
    """A story file as the editors write it; approved_hash=None writes one without a hash."""
    fields = stamped({**GOOD_FIELDS, **changes}, body)
    fields = {key: value for key, value in fields.items() if value is not None}
    return f"---\n{front_matter_text(fields)}\n---\n{body}".encode()


def messages(base: dict[str, bytes], now: dict[str, bytes]) -> list[str]:
    return [problem.format() for problem in unstamped_changes("main", base, now, FOLDER)]


def legacy(body: str = GOOD_BODY, **changes: object) -> bytes:
    """An approved story from before `approve` wrote hashes."""
    return story(body, approved_hash=None, **changes)


def test_the_bypass_deleting_the_hash_while_editing_the_text_is_an_error() -> None:
    assert messages({"hbg-0001.md": story()}, {"hbg-0001.md": legacy(EDITED_BODY)}) == [
        "stories/hbg-0001.md:4: approved_hash: Saknar nytt godkännande: texten har ändrats sedan main, "
        "men approved_hash saknas. Det som publiceras ska vara precis det en redaktör har godkänt. " + FIX
    ]


@pytest.mark.parametrize(
    ("changes", "body", "what"),
    [
        ({"title": "En annan dag"}, GOOD_BODY, "rubriken har ändrats"),
        ({"language": "en"}, GOOD_BODY, "språket har ändrats"),
        ({"title": "En annan dag"}, EDITED_BODY, "rubriken och texten har ändrats"),
        (
            {"title": "En annan dag", "language": "sv-SE"},
            EDITED_BODY,
            "rubriken, språket och texten har ändrats",
        ),
        # A line break inside a paragraph is shown on the page, so it is an edit.
        ({}, GOOD_BODY.replace("i kön ", "i kön\n"), "texten har ändrats"),
    ],
)
def test_each_part_an_approval_covers_is_named_when_it_changed(
    changes: dict[str, object], body: str, what: str
) -> None:
    found = messages({"hbg-0001.md": legacy()}, {"hbg-0001.md": legacy(body, **changes)})
    assert (
        len(found) == 1
        and f"Saknar nytt godkännande: {what} sedan main, men approved_hash saknas." in found[0]
    )


@pytest.mark.parametrize(
    "now",
    [
        legacy(),
        # What the site shows stays the same: line ends, trailing spaces, blank lines, spaces in the title.
        legacy(GOOD_BODY.replace("\n", "  \r\n") + "\n\n\n", title="En  vanlig   dag"),
        # Fields an approval does not cover.
        legacy(grounds=["alder", "kon"], content_warnings=["hot"], measures=[3]),
    ],
    ids=["unchanged", "whitespace only", "other fields"],
)
def test_an_approved_story_without_a_hash_keeps_building_while_what_it_publishes_is_unchanged(
    now: bytes,
) -> None:
    assert messages({"hbg-0001.md": legacy()}, {"hbg-0001.md": now}) == []


def test_a_fresh_stamp_after_an_edit_is_fine() -> None:
    edited = story(EDITED_BODY, approved_by="redaktor-bo", approved_on="2026-04-01")
    assert messages({"hbg-0001.md": story()}, {"hbg-0001.md": edited}) == []


def test_a_stale_hash_is_left_to_the_builds_own_check_so_it_is_said_once() -> None:
    stale = story(EDITED_BODY, approved_hash=stamped(dict(GOOD_FIELDS), GOOD_BODY)["approved_hash"])
    assert messages({"hbg-0001.md": story()}, {"hbg-0001.md": stale}) == []


def test_a_story_new_at_the_head_as_approved_needs_a_stamp() -> None:
    assert messages({}, {"hbg-0001.md": story()}) == []
    found = messages({}, {"hbg-0001.md": legacy()})
    assert len(found) == 1
    assert "texten" not in found[0]
    assert (
        "Saknar nytt godkännande: berättelsen har blivit godkänd sedan main, men approved_hash saknas."
        in found[0]
    )


@pytest.mark.parametrize("status", ["draft", "review", "withdrawn"])
def test_setting_a_story_approved_by_hand_is_not_an_approval(status: str) -> None:
    # withdraw keeps the old stamp, so a story set back to approved carries a matching hash.
    before = story(status=status, approved_hash=stamped(dict(GOOD_FIELDS), GOOD_BODY)["approved_hash"])
    found = messages({"hbg-0001.md": before}, {"hbg-0001.md": story()})
    assert len(found) == 1
    assert (
        "har blivit godkänd sedan main, men approved_by, approved_on och approved_hash är desamma som i main."
        in found[0]
    )
    assert messages({"hbg-0001.md": before}, {"hbg-0001.md": story(approved_on="2026-05-02")}) == []
    assert messages({"hbg-0001.md": before}, {"hbg-0001.md": legacy()}) != []


def test_a_renamed_story_is_a_new_story_under_its_new_id() -> None:
    base = {"hbg-0001.md": legacy()}
    assert messages(base, {"hbg-0002.md": story(id="hbg-0002")}) == []
    found = messages(base, {"hbg-0002.md": legacy(id="hbg-0002")})
    assert len(found) == 1 and found[0].startswith("stories/hbg-0002.md:4: approved_hash: ")
    assert found[0].endswith("python -m generator approve hbg-0002 --by NAMN")


def test_stories_not_published_at_the_head_or_unreadable_are_left_to_the_other_checks() -> None:
    base = {"hbg-0001.md": story(), "hbg-0002.md": story(id="hbg-0002"), "hbg-0003.md": story(id="hbg-0003")}
    now = {
        "hbg-0001.md": legacy(EDITED_BODY, status="draft"),
        "hbg-0002.md": b"no front matter",
        "hbg-0003.md": legacy(EDITED_BODY, id="hbg-0003", title=["not", "text"]),
    }
    assert messages(base, now) == []


def test_a_base_version_that_cannot_be_read_published_nothing() -> None:
    found = messages({"hbg-0001.md": b"---\nstatus: [\n---\n"}, {"hbg-0001.md": legacy()})
    assert len(found) == 1 and "har blivit godkänd sedan main" in found[0]


def test_the_message_never_holds_the_story_text_or_title() -> None:
    secret_title, secret_text = "Hemlig rubrik", "Ett hemligt stycke om Göran.\n"
    found = messages(
        {"hbg-0001.md": legacy()}, {"hbg-0001.md": legacy(secret_text, title=secret_title, language="en")}
    )
    assert found and not any(word in found[0] for word in ("Hemlig", "hemligt", "Göran"))


# --- what an approving review stamps (approve-review) --------------------------------------------------


@pytest.mark.parametrize(
    ("base", "now", "expected"),
    [
        (None, story(status="review", approved_by=None, approved_on=None), Standing.AWAITING),
        (None, story(status="draft", approved_by=None, approved_on=None), Standing.NOT_READY),
        (story(), story(status="withdrawn"), Standing.NOT_READY),
        # Approved at the base, and what it publishes is unchanged: a new arena needs no new stamp.
        (story(), story(arenas=["skola"]), Standing.UNCHANGED),
        # New as approved, stamped by the reviewer already, in any case: nothing twice.
        (None, story(approved_by="Redaktor-Bo"), Standing.STAMPED),
        # New as approved, but stamped by someone else (the author, say): the reviewer stamps it.
        (None, story(approved_by="redaktor-anna"), Standing.AWAITING),
        # Edited with the reviewer's old stamp left in place: the hash no longer matches.
        (story(approved_by="redaktor-bo"), story(EDITED_BODY, approved_hash=None), Standing.AWAITING),
        (story(approved_by="redaktor-bo"), legacy(EDITED_BODY, approved_by="redaktor-bo"), Standing.AWAITING),
        # Withdrawn at the base, set back to approved by hand with its old stamp: that is no approval.
        (
            story(status="withdrawn", approved_by="redaktor-bo", approved_hash=GOOD_HASH),
            story(approved_by="redaktor-bo"),
            Standing.AWAITING,
        ),
        (None, b"no front matter", Standing.AWAITING),
    ],
)
def test_a_review_stamps_what_is_in_review_or_changed_without_the_reviewers_fresh_stamp(
    base: bytes | None, now: bytes, expected: Standing
) -> None:
    assert standing("hbg-0001.md", now, base, "redaktor-bo") is expected
