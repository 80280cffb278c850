"""In a pull request: every change to what an approved story publishes must carry a fresh approval.

The build alone cannot tell a story approved before `approve` existed (no approved_hash, still
published, with a warning) from one whose hash a change deleted together with an edit of its
text. The base of the pull request can: compared with it, a story that is approved at the head
and whose title, language or text is not what the base published needs a fresh stamp, hash or
not. A stamp is fresh when its approved_hash matches the head's content and approved_by,
approved_on and approved_hash are not all as they were at the base (a withdrawn or draft story
keeps its old stamp, so setting it back to approved by hand is not an approval). A story is its
file: one renamed or new at the head was not published under that id, so it needs a fresh stamp.

The same comparison tells an approving review (`approve-review`) which stories it stamps: those in
review, and those approved whose change lacks the reviewer's fresh stamp (`standing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from generator.intake.approval import Content, approved_content, content_hash
from generator.intake.load import read_story_file
from generator.intake.screening import NOT_RESTAMPED_MESSAGE
from generator.model import Problem, Status
from generator.privacy.quoting import display_path

STAMP_FIELDS = ("approved_by", "approved_on", "approved_hash")
CONTENT_PARTS = ("rubriken", "språket", "texten")


@dataclass(frozen=True)
class _Version:
    """One story file as an approval sees it: what it would publish, and the stamp it carries."""

    story_id: str
    status: object  # as written: the checks say when it is not one of the four words
    approved: bool
    content: Content | None  # None when the title or language is not text (the checks say so)
    stamp: tuple[str, ...]
    has_hash: bool
    hash_matches: bool  # the stored approved_hash is the hash of `content`
    line: int | None


def _version(name: str, data: bytes) -> _Version | None:
    """Read a story file's approval, or None when its front matter cannot be read at all."""
    raw, _ = read_story_file(Path(name), data)
    if raw is None:
        return None
    fields = raw.front_matter
    title, language = fields.get("title"), fields.get("language")
    content = (
        approved_content(title, language, raw.body)
        if isinstance(title, str) and isinstance(language, str)
        else None
    )
    return _Version(
        story_id=name.removesuffix(".md"),
        status=fields.get("status"),
        approved=fields.get("status") == Status.APPROVED.value,
        content=content,
        stamp=tuple(str(fields.get(key)) for key in STAMP_FIELDS),
        has_hash=fields.get("approved_hash") is not None,
        hash_matches=content is not None and fields.get("approved_hash") == content_hash(*content),
        line=raw.key_lines.get("approved_hash", raw.key_lines.get("status")),
    )


def _joined(words: list[str]) -> str:
    """'rubriken, språket och texten': a list as a Swedish sentence says it."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} och {words[-1]}"


def _publishes_as_before(head: Content, before: _Version | None) -> bool:
    """Whether the base published this very content under the same id: its approval still holds."""
    return before is not None and before.approved and before.content == head


def _what_changed(head: Content, before: _Version | None, base_ref: str) -> str | None:
    """Say what the head publishes that the base did not, or None when it publishes the same."""
    if _publishes_as_before(head, before):
        return None
    if before is None or not before.approved or before.content is None:
        return f"berättelsen har blivit godkänd sedan {base_ref}"
    changed = [part for part, new, old in zip(CONTENT_PARTS, head, before.content, strict=True) if new != old]
    return f"{_joined(changed)} har ändrats sedan {base_ref}"


def _why_not_fresh(head: _Version, before: _Version | None, base_ref: str) -> str | None:
    """Say why the head's stamp does not vouch for its content, or None when it does.

    A hash that does not match is left to the build's own check, which every build runs and
    which already says "Ändrad efter godkännandet": one message for one mistake.
    """
    if not head.has_hash:
        return "approved_hash saknas"
    if not head.hash_matches:
        return None
    if before is not None and head.stamp == before.stamp:
        return f"approved_by, approved_on och approved_hash är desamma som i {base_ref}"
    return None


def unstamped_changes(
    base_ref: str, base: dict[str, bytes], now: dict[str, bytes], folder: Path
) -> list[Problem]:
    """Return an error for each approved story whose published content changed without a fresh stamp."""
    problems = []
    for name, data in sorted(now.items()):
        head = _version(name, data)
        if head is None or not head.approved or head.content is None:
            continue
        before = _version(name, base[name]) if name in base else None
        what = _what_changed(head.content, before, base_ref)
        why = _why_not_fresh(head, before, base_ref) if what else None
        if what and why:
            message = (
                f"{NOT_RESTAMPED_MESSAGE}: {what}, men {why}. Det som publiceras ska vara precis det en "
                "redaktör har godkänt. Läs igenom berättelsen och godkänn den: "
                f"python -m generator approve {head.story_id} --by NAMN"
            )
            problems.append(Problem(display_path(folder / name), head.line, "approved_hash", message))
    return problems


class Standing(Enum):
    """Where a story changed in a pull request stands when an editor approves the pull request."""

    NOT_READY = "not ready"  # a draft, or withdrawn: not for review
    UNCHANGED = "unchanged"  # approved, and publishes what the base published: its approval holds
    STAMPED = "stamped"  # approved, with a fresh stamp of this approver already
    AWAITING = "awaiting"  # in review, or approved and changed without this approver's fresh stamp


def standing(name: str, now: bytes, base: bytes | None, approver: str) -> Standing:
    """Say whether an approving review by `approver` should stamp the story file `name`.

    A file that cannot be read, or whose status is not one of the four words, is awaiting:
    `approve` then says what is wrong with it. Logins are compared as GitHub does, in any case.
    """
    head = _version(name, now)
    if head is None:
        return Standing.AWAITING
    if head.status in (Status.DRAFT.value, Status.WITHDRAWN.value):
        return Standing.NOT_READY
    if not head.approved or head.content is None:
        return Standing.AWAITING
    before = _version(name, base) if base is not None else None
    if _publishes_as_before(head.content, before):
        return Standing.UNCHANGED
    fresh = head.hash_matches and (before is None or head.stamp != before.stamp)
    if fresh and head.stamp[0].casefold() == approver.casefold():
        return Standing.STAMPED
    return Standing.AWAITING
