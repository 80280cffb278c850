"""The checks that stand between an approved story and the public: personal data and approval.

Both run on every story; for an approved story their findings are errors that stop check and
build, for a draft they are warnings that help the editor before approving. Every message
shows a personal-data match masked, with a code the editor can clear it with.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.intake.approval import content_hash
from generator.model import Problem, Severity, Status
from generator.privacy.personal_data import Flag, screen

FLAG_MESSAGE = "Möjlig personuppgift"
# The two ways an approved story can fail to be what an editor approved: the build finds a
# hash that no longer matches; a pull request also finds a change without a fresh stamp (stamps.py).
CHANGED_MESSAGE = "Ändrad efter godkännandet"
NOT_RESTAMPED_MESSAGE = "Saknar nytt godkännande"


def is_flag(problem: Problem) -> bool:
    """True for a problem that is a personal-data flag (as opposed to a broken contract)."""
    return problem.message.startswith(FLAG_MESSAGE)


def is_unapproved_change(problem: Problem) -> bool:
    """True for a problem saying that an approved story is not what an editor approved."""
    return problem.message.startswith((CHANGED_MESSAGE, NOT_RESTAMPED_MESSAGE))


def flag_message(flag: Flag, story_id: str, approved: bool) -> str:
    """Tell the editor what was found (masked), and both ways on."""
    consequence = "Berättelsen publiceras inte förrän det är löst. " if approved else ""
    return (
        f"{FLAG_MESSAGE}: {flag.description} '{flag.masked}' (kod {flag.code}). {consequence}"
        "Ta bort eller ändra det i texten, eller, om det inte pekar ut någon: "
        f"python -m generator clear {story_id} {flag.code}"
    )


def unresolved_flags(
    story_id: str, language: str, title: str, text: str, cleared: Sequence[str]
) -> list[tuple[str, Flag]]:
    """Return ('title' or 'text', flag) for each flag an editor has not cleared."""
    found = [("title", flag) for flag in screen(title, language, story_id)]
    found += [("text", flag) for flag in screen(text, language, story_id)]
    return [(where, flag) for where, flag in found if flag.code not in cleared]


def approval_problem(
    status: Status, stored: str | None, title: str, language: str, paragraphs: Sequence[str], story_id: str
) -> tuple[Severity, str] | None:
    """Return a problem when an approved story is not what was approved, or was never stamped."""
    if status is not Status.APPROVED:
        return None
    if stored is None:
        return (
            Severity.WARNING,
            "Godkänd utan hash över vad som godkändes. Stämpla den med: "
            f"python -m generator approve {story_id} --by NAMN",
        )
    if stored != content_hash(title, language, paragraphs):
        return (
            Severity.ERROR,
            f"{CHANGED_MESSAGE}: rubriken, språket eller texten är inte längre det som godkändes. "
            f"Läs igenom den och godkänn igen: python -m generator approve {story_id} --by NAMN",
        )
    return None
