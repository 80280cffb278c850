"""`approve-review`: an editor approves the stories of a pull request by approving the pull request.

GitHub hands the workflow a `pull_request_review` event. This reads it, and the local git
history between the pull request's base and the reviewed commit, and stamps each story file the
pull request changed that is in review (or approved, but changed without this reviewer's stamp)
exactly as `approve` does, with the reviewer's login and the day of the review. The rules are
enforced here, not left to convention or to the repository's settings:

- the reviewer is listed in `EDITORS` in the stories folder, as the base has it: a pull request
  cannot add its own reviewer;
- the reviewer wrote none of the commits that changed the story in the pull request, and this
  can be shown: an author whose address belongs to no GitHub account or listed editor is a refusal;
- the story is what the reviewer saw: unchanged since the reviewed commit but for its stamp;
- `approve`'s own rules: no errors, no placeholder title, no personal-data flag not cleared;
- a pull request from a fork is never written to.

A second run finds the stories stamped by this reviewer and changes nothing. Messages name
stories by file and id, never by title or text, and show findings masked, as `check` does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.editors import decisions
from generator.editors.gitref import (
    changed_names,
    commit_authors,
    file_at,
    files_at,
    has_commit,
    head_commit,
    is_ancestor,
)
from generator.editors.stamps import STAMP_FIELDS, Standing, standing
from generator.errors import UserError
from generator.intake.frontmatter import FrontMatterError, split_story_file
from generator.intake.load import NOT_STORIES, read_story_bytes
from generator.intake.validate import ID_PATTERN
from generator.model import Problem
from generator.privacy.quoting import display_path, file_path, inline, shown

EDITORS_NAME = "EDITORS"
# A GitHub login: letters, digits and single hyphens, not first or last, at most 39 characters.
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
# A reviewer as GitHub names one: a login, or an app's login ending in [bot] (never an editor).
_REVIEWER = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?")
# The address GitHub commits with for an account that keeps its own address private (and for
# its apps): `12345+login@users.noreply.github.com`, or `login@…` for accounts from before 2017.
_NOREPLY = re.compile(r"(?:\d+\+)?([A-Za-z0-9-]+(?:\[bot\])?)@users\.noreply\.github\.com", re.IGNORECASE)
_COMMIT = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
# The day of a review is the day in Helsingborg, where the editors work.
EDITORS_TIME_ZONE = "Europe/Stockholm"
# What a stamp sets: a story that differs from the reviewed commit only in these is what was reviewed.
_STAMPED = frozenset({"status", *STAMP_FIELDS})


@dataclass(frozen=True)
class Review:
    """What the command needs of a `pull_request_review` event."""

    approving: bool
    reviewer: str
    day: dt.date
    reviewed_commit: str
    base_commit: str
    from_fork: bool


@dataclass(frozen=True)
class Refusal:
    """A story the review did not stamp: where it is and why, masked."""

    where: str
    reason: str
    details: tuple[str, ...] = ()


@dataclass
class Outcome:
    """What an approving review did to each story the pull request changed."""

    review: Review
    stamped: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    not_ready: list[str] = field(default_factory=list)  # drafts and withdrawn stories

    @property
    def concerns_stories(self) -> bool:
        """Whether the pull request changed any story this review could stamp or say something about."""
        return bool(self.stamped or self.refused or self.already or self.not_ready)


@dataclass(frozen=True)
class Editors:
    """Who may approve by review, and whose commit addresses are known, as `EDITORS` lists them."""

    where: str  # the file, as messages name it
    logins: frozenset[str]  # in lower case: GitHub compares logins in any case
    login_by_address: dict[str, str]  # lower case, both


# --- the event ----------------------------------------------------------------------------------


def read_event(path: Path) -> Review:
    """Read GitHub's `pull_request_review` event payload, or say plainly what is wrong with it."""
    try:
        payload = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise UserError(f"Hittar ingen händelse: {path}.") from None
    except OSError as error:
        raise UserError(f"{path}: filen går inte att läsa ({error.strerror or 'okänt fel'}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserError(f"{path}: väntade GitHubs händelse i JSON, men filen är inte JSON.") from None
    head_repository = _value(payload, "pull_request.head.repo", path)
    base_repository = _text(payload, "pull_request.base.repo.full_name", path)
    head_name = head_repository.get("full_name") if isinstance(head_repository, dict) else None
    reviewer = _text(payload, "review.user.login", path)
    if not _REVIEWER.fullmatch(reviewer):
        raise UserError(
            f"{path}: review.user.login: väntade ett användarnamn på GitHub, men fick {shown(reviewer)}."
        )
    return Review(
        approving=_value(payload, "action", path) == "submitted"
        and _text(payload, "review.state", path).lower() == "approved",
        reviewer=reviewer,
        day=_day(_text(payload, "review.submitted_at", path), path),
        reviewed_commit=_commit(payload, _reviewed_field(payload), path),
        base_commit=_commit(payload, "pull_request.base.sha", path),
        # A fork that has been deleted since has no repository at all.
        from_fork=head_name != base_repository,
    )


def _reviewed_field(payload: object) -> str:
    """Where the reviewed commit is: GitHub names it in the review; the pull request's head at the
    time of the review is the same commit unless someone pushed while the review was being written."""
    review = payload.get("review") if isinstance(payload, dict) else None
    return (
        "review.commit_id" if isinstance(review, dict) and "commit_id" in review else "pull_request.head.sha"
    )


def _value(payload: object, dotted: str, path: Path) -> object:
    """The value at `a.b.c` in the payload, or an error naming the field."""
    value = payload
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            raise UserError(
                f"{path}: fältet {dotted} saknas. Väntade GitHubs händelse pull_request_review "
                "(i ett arbetsflöde: filen $GITHUB_EVENT_PATH)."
            )
        value = value[key]
    return value


def _text(payload: object, dotted: str, path: Path) -> str:
    value = _value(payload, dotted, path)
    if not isinstance(value, str) or not value:
        raise UserError(f"{path}: {dotted}: väntade en text, men fick {shown(value)}.")
    return value


def _commit(payload: object, dotted: str, path: Path) -> str:
    """A commit's full id; nothing else reaches git as an argument."""
    value = _text(payload, dotted, path)
    if not _COMMIT.fullmatch(value):
        raise UserError(
            f"{path}: {dotted}: väntade en commits id (40 tecken 0–9 och a–f), men fick {shown(value)}."
        )
    return value


def _day(timestamp: str, path: Path) -> dt.date:
    """The day of the review in Helsingborg: a review at 00:30 Swedish time is of that day."""
    try:
        moment = dt.datetime.fromisoformat(timestamp)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise UserError(
            f"{path}: review.submitted_at: väntade en tidpunkt med tidszon, som 2026-03-14T09:30:00Z, "
            f"men fick {shown(timestamp)}."
        )
    return moment.astimezone(ZoneInfo(EDITORS_TIME_ZONE)).date()


# --- the editors ----------------------------------------------------------------------------------


def parse_editors(text: str, where: str) -> Editors:
    """Read `EDITORS`: one editor a line, the GitHub login first, then the addresses the editor
    commits with (none needed for GitHub's own private address); `#` begins a comment."""
    logins: set[str] = set()
    login_by_address: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.partition("#")[0].split()
        if not words:
            continue
        login, *addresses = words
        if not LOGIN_PATTERN.fullmatch(login):
            problems.append(
                f"{where}:{number}: väntade ett användarnamn på GitHub först på raden (bokstäver, siffror "
                f"och bindestreck), men fick {shown(login)}."
            )
            continue
        logins.add(login.lower())
        for address in addresses:
            if address.count("@") != 1:
                problems.append(
                    f"{where}:{number}: väntade e-postadresser efter användarnamnet, men fick {shown(address)}."
                )
                continue
            owner = login_by_address.setdefault(address.lower(), login.lower())
            if owner != login.lower():
                problems.append(
                    f"{where}:{number}: adressen {shown(address)} står redan på raden för {owner}. "
                    "En adress hör till en person."
                )
    if problems:
        raise UserError(f"{where} går inte att läsa, så ingen granskning kan godkänna något.", problems)
    return Editors(where, frozenset(logins), login_by_address)


def _editors_at(base: str, stories_dir: Path) -> Editors:
    """The editors as the pull request's base lists them."""
    where = display_path(stories_dir / EDITORS_NAME)
    data = file_at(base, stories_dir, EDITORS_NAME)
    if data is None:
        raise UserError(
            f"{where} finns inte i målgrenen (commit {base[:7]}), så ingen granskning kan godkänna "
            f"berättelser. Lägg till filen med redaktörernas användarnamn på GitHub i en egen pull request först."
        )
    return parse_editors(data.decode("utf-8", "replace"), where)


def _login_of(address: str, editors: Editors) -> str | None:
    """The GitHub login behind a commit address, in lower case, or None when it cannot be told."""
    noreply = _NOREPLY.fullmatch(address)
    return noreply[1].lower() if noreply else editors.login_by_address.get(address.lower())


def _authorship_refusal(
    commits: list[tuple[str, tuple[str, ...]]], reviewer: str, editors: Editors
) -> str | None:
    """Say why the reviewer cannot be shown not to have written the story, or None when it can."""
    for sha, addresses in commits:
        if reviewer.lower() in (_login_of(address, editors) for address in addresses):
            return (
                f"{reviewer} har själv ändrat filen i pull requesten (commit {sha[:7]}). En annan "
                f"redaktör som står i {editors.where} behöver granska och godkänna den."
            )
    for sha, addresses in commits:
        unknown = [address for address in addresses if _login_of(address, editors) is None]
        if unknown:
            return (
                f"Det går inte att visa att {reviewer} inte skrev commit {sha[:7]}: adressen "
                f"{shown(unknown[0])} är ingen av GitHubs egna adresser (som slutar på "
                f"@users.noreply.github.com) och står inte i {editors.where}. Skriv adressen på "
                "författarens rad där, i en egen pull request, eller be författaren göra sina commits "
                "med GitHubs adress."
            )
    return None


# --- the stamping ---------------------------------------------------------------------------------


def _is_story_name(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".") and name not in NOT_STORIES


def _as_reviewed(now: bytes, reviewed: bytes | None) -> bool:
    """Whether the file is what the reviewer saw, but for the fields a stamp sets."""
    if reviewed is None or now == reviewed:
        return reviewed is not None
    try:
        ours, theirs = (split_story_file(data.decode("utf-8")) for data in (now, reviewed))
    except (UnicodeDecodeError, FrontMatterError):
        return False

    def unstamped(values: dict[str, object]) -> dict[str, object]:
        return {key: value for key, value in values.items() if key not in _STAMPED}

    return ours.body == theirs.body and unstamped(ours.values) == unstamped(theirs.values)


def approve_by_review(review: Review, stories_dir: Path) -> Outcome:
    """Stamp the stories of the pull request that the review approves, and say what it did."""
    outcome = Outcome(review)
    if not review.approving:
        return outcome
    if review.from_fork:
        raise UserError(
            "Pull requesten kommer från en kopia av förrådet (en fork), och en sådan skrivs aldrig till. "
            "Be en redaktör med skrivrätt att lägga ändringen på en gren i förrådet och öppna en ny pull request."
        )
    head = _checked_history(review, stories_dir)
    names = [
        name
        for name in changed_names(review.base_commit, review.reviewed_commit, stories_dir)
        if _is_story_name(name) and (stories_dir / name).exists()
    ]
    if not names:
        return outcome
    editors = _editors_at(review.base_commit, stories_dir)
    if review.reviewer.lower() not in editors.logins:
        raise UserError(
            f"{review.reviewer} står inte i {editors.where}, så granskningen stämplar ingen berättelse. "
            f"Be en redaktör som står där att granska, eller lägg till användarnamnet i {editors.where} "
            "i en egen pull request."
        )
    base = files_at(review.base_commit, stories_dir)
    reviewed = files_at(review.reviewed_commit, stories_dir)
    for name in names:
        _stamp_one(outcome, stories_dir, name, base.get(name), reviewed.get(name), head, editors)
    return outcome


def _checked_history(review: Review, stories_dir: Path) -> str:
    """The commit checked out, once the history shows that it builds on the reviewed commit."""
    head = head_commit(stories_dir)  # first, so that a folder outside git is named as such
    for commit in (review.base_commit, review.reviewed_commit):
        if not has_commit(commit, stories_dir):
            raise UserError(
                f"Commit {commit[:7]} finns inte i den lokala historiken. Hämta hela historiken "
                "(git fetch, eller fetch-depth: 0 i arbetsflödet) och kör igen."
            )
    if not is_ancestor(review.reviewed_commit, head, stories_dir):
        raise UserError(
            f"Det utcheckade (commit {head[:7]}) bygger inte på den granskade commiten "
            f"{review.reviewed_commit[:7]}: historiken har skrivits om efter granskningen. Granska pull "
            "requestens senaste version och godkänn igen."
        )
    return head


def _stamp_one(
    outcome: Outcome,
    stories_dir: Path,
    name: str,
    base: bytes | None,
    reviewed: bytes | None,
    head: str,
    editors: Editors,
) -> None:
    """Stamp one story of the pull request, or record why not."""
    review, path, story_id = outcome.review, stories_dir / name, name.removesuffix(".md")
    where = f"{file_path(display_path(path))} ({inline(story_id)})"
    if not ID_PATTERN.match(story_id):
        outcome.refused.append(
            Refusal(where, "Filens namn är inget id: ett id ser ut som hbg-0042. Byt namn på filen.")
        )
        return
    now = read_story_bytes(path)
    if isinstance(now, Problem):
        outcome.refused.append(Refusal(where, now.message))
        return
    found = standing(name, now, base, review.reviewer)
    if found is Standing.NOT_READY:
        outcome.not_ready.append(story_id)
        return
    if found is not Standing.AWAITING:
        outcome.already.append(story_id)
        return
    if not _as_reviewed(now, reviewed):
        outcome.refused.append(
            Refusal(
                where,
                f"Filen har ändrats efter den granskade commiten {review.reviewed_commit[:7]}. Granska den "
                "senaste versionen och godkänn pull requesten igen.",
            )
        )
        return
    commits = commit_authors(review.base_commit, head, stories_dir, name)
    refusal = _authorship_refusal(commits, review.reviewer, editors)
    if refusal:
        outcome.refused.append(Refusal(where, refusal))
        return
    try:
        decisions.approve(stories_dir, story_id, review.reviewer, review.day)
    except UserError as error:
        outcome.refused.append(Refusal(where, error.summary, tuple(error.details)))
        return
    outcome.stamped.append(story_id)


# --- what it says ---------------------------------------------------------------------------------


def summary(outcome: Outcome) -> str:
    """One line on what the review did, for the terminal and the log."""
    if not outcome.review.approving:
        return "Granskningen godkände inte pull requesten, så inget stämplas."
    if not outcome.concerns_stories:
        return "Pull requesten ändrar ingen berättelse, så det finns inget att stämpla."
    stamped, refused = len(outcome.stamped), len(outcome.refused)
    if not stamped and not refused:
        return "Inget att stämpla: berättelserna i pull requesten är redan godkända eller inte klara för granskning."
    if not stamped:
        return f"Ingen berättelse stämplades: {refused} kunde inte stämplas."
    said = f"Stämplade {stamped} {'berättelse som godkänd' if stamped == 1 else 'berättelser som godkända'}"
    return said + (f", {refused} kunde inte stämplas." if refused else ".")


def _indented(lines: list[str]) -> list[str]:
    """A Markdown code block by indentation: nothing in a line can end it or become a link or emphasis."""
    return ["", *(f"    {line}" for line in lines)]


def _refusal_lines(refusal: Refusal) -> list[str]:
    """A refusal as the comment shows it: where and why, then the details."""
    return [f"{refusal.where}: {refusal.reason}", *(f"  {detail}" for detail in refusal.details)]


def comment(outcome: Outcome) -> str | None:
    """The pull request's comment, or None when the review concerns no story (nothing to say)."""
    if not outcome.review.approving or not outcome.concerns_stories:
        return None
    review = outcome.review
    lines = [
        "### Godkännande genom granskning",
        "",
        f"`{review.reviewer}` godkände pull requesten den {review.day.isoformat()} "
        f"(commit `{review.reviewed_commit[:7]}`). {summary(outcome)}",
    ]
    if outcome.stamped:
        lines += [
            "",
            f"**Stämplade:** {', '.join(outcome.stamped)}. De har fått `status: approved`, "
            f"`approved_by: {review.reviewer}`, `approved_on: {review.day.isoformat()}` och ett nytt "
            "`approved_hash`, i en ny commit i pull requesten. De publiceras när pull requesten slås ihop.",
        ]
    if outcome.refused:
        lines += [
            "",
            "**Inte stämplade.** Rätta det som står här och be om en ny granskning. En möjlig "
            "personuppgift som inte pekar ut någon avfärdar du genom att skriva dess kod i fältet "
            "`cleared_flags`.",
            *_indented([line for refusal in outcome.refused for line in _refusal_lines(refusal)]),
        ]
    if outcome.already:
        lines += ["", f"**Redan godkända, inget nytt att stämpla:** {', '.join(outcome.already)}."]
    if outcome.not_ready:
        lines += [
            "",
            f"**Inte klara för granskning (`draft` eller `withdrawn`):** {', '.join(outcome.not_ready)}. "
            "Sätt `status: review` när en berättelse är klar att granskas.",
        ]
    return "\n".join(lines) + "\n"


def error_comment(error: UserError) -> str:
    """The pull request's comment when the review could not stamp anything at all."""
    return (
        "\n".join(
            [
                "### Godkännande genom granskning",
                "",
                "**Granskningen stämplade ingen berättelse.**",
                *_indented([error.summary, *(f"  {detail}" for detail in error.details)]),
            ]
        )
        + "\n"
    )
