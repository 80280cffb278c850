"""The publishing report of a pull request: what would change on the site, and what stops it.

Pull requests and CI logs of a public repository are public too, so the report names stories
by id only, never by title or text, and shows personal-data flags masked as `check` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from generator.intake.frontmatter import FrontMatterError, split_story_file
from generator.intake.screening import is_flag, is_unapproved_change
from generator.model import Problem, Severity, Status, Story

# The hidden line that finds the pull request's one report comment again, to update it in place.
MARKER = "<!-- publiceringsrapport -->"
# The artefact the pull request's workflow saves the built site in (.github/workflows/pull-request.yml).
PREVIEW_ARTIFACT = "webbplats-forhandsvisning"


@dataclass(frozen=True)
class Changes:
    """Published stories compared with a base: ids only."""

    base: str
    new: tuple[str, ...]
    changed: tuple[str, ...]
    withdrawn: tuple[str, ...]


def _published(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files whose front matter says approved, by id (the file's name)."""
    published = {}
    for name, data in files.items():
        try:
            values = split_story_file(data.decode("utf-8", "replace").replace("\r\n", "\n")).values
        except FrontMatterError:
            continue
        if values.get("status") == "approved":
            published[name.removesuffix(".md")] = data
    return published


def compare(base_ref: str, base: dict[str, bytes], now: dict[str, bytes]) -> Changes:
    """Which approved stories are new, changed or no longer published since the base."""
    before, after = _published(base), _published(now)
    return Changes(
        base_ref,
        new=tuple(sorted(after.keys() - before.keys())),
        changed=tuple(sorted(k for k in after.keys() & before.keys() if after[k] != before[k])),
        withdrawn=tuple(sorted(before.keys() - after.keys())),
    )


@dataclass(frozen=True)
class ToRead:
    """The stories a build would read aloud, and what that was counted against: the cache here
    and, when one was named, the live site (unless it did not answer)."""

    ids: tuple[str, ...]
    site: str | None = None
    site_answered: bool = True


def changed_files(before: Mapping[str, bytes], now: Mapping[str, bytes]) -> list[str]:
    """The ids of the story files added, changed or deleted since the base, whatever their status."""
    return sorted(
        name.removesuffix(".md") for name in before.keys() | now.keys() if before.get(name) != now.get(name)
    )


def approval_states(ids: Iterable[str], stories: Sequence[Story], problems: Sequence[Problem]) -> list[str]:
    """Where each story of the pull request stands: never its title or who approved it."""
    by_id = {story.id: story for story in stories}
    stopped = {PurePath(p.path).name.removesuffix(".md") for p in problems if p.severity is Severity.ERROR}
    return [f"- {story_id}: {_state(by_id.get(story_id), story_id in stopped)}" for story_id in ids]


def _state(story: Story | None, stopped: bool) -> str:
    if story is None:
        return "har fel (se nedan) eller är borttagen ur förrådet" if stopped else "borttagen ur förrådet"
    if story.status is Status.APPROVED:
        return "godkänd, men stoppad av fel (se nedan)" if stopped else f"godkänd {story.approved_on}"
    return {
        Status.DRAFT: "utkast: publiceras inte",
        Status.REVIEW: "under granskning: inte godkänd än",
        Status.WITHDRAWN: "tillbakadragen: publiceras inte",
    }[story.status]


def _readings_line(to_read: ToRead | None) -> str:
    if to_read is None:
        return "Cachen gick inte att se."
    count = f"{len(to_read.ids)} berättelser behöver läsas upp (nya eller ändrade texter)"
    ids = f": {', '.join(to_read.ids)}" if to_read.ids else ""
    if to_read.site is None:
        return f"{count}, räknat mot uppläsningarna i cachen här{ids}."
    if not to_read.site_answered:
        return f"{count}, räknat bara mot uppläsningarna i cachen här: {to_read.site} gick inte att nå{ids}."
    return f"{count}, räknat mot cachen här och uppläsningarna på {to_read.site}{ids}."


def _preview_section(preview_url: str | None) -> list[str]:
    """How to open the preview: it is an artefact, never published before the pull request is merged."""
    where = f"[körningen]({preview_url})" if preview_url else "körningen (fliken Checks)"
    return [
        "## Förhandsvisning",
        "",
        f"Webbplatsen som den blir finns i {where} som artefakten `{PREVIEW_ARTIFACT}`, när bygget "
        "är klart. Ladda ner den, packa upp den och öppna `index.html`, eller kör "
        f"`python3 -m http.server -d {PREVIEW_ARTIFACT}` och gå till http://127.0.0.1:8000/. "
        "Den publiceras inte förrän pull requesten är godkänd och sammanslagen.",
    ]


def _fenced(lines: Iterable[str]) -> list[str]:
    """A code block no line can break out of: the fence is longer than any backtick run inside."""
    body = list(lines)
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *body, fence]


def _ids(label: str, ids: Sequence[str]) -> str:
    return f"- {label}: {len(ids)}" + (f" ({', '.join(ids)})" if ids else "")


def _unapproved_section(unapproved: Sequence[Problem]) -> list[str]:
    """The report's first section: approved stories that are not what an editor approved."""
    if not unapproved:
        return []
    summary = (
        "1 godkänd berättelse har inte godkänts som den ser ut nu. Inget publiceras förrän en "
        "redaktör har läst den och godkänt den med approve."
        if len(unapproved) == 1
        else f"{len(unapproved)} godkända berättelser har inte godkänts som de ser ut nu. Inget "
        "publiceras förrän en redaktör har läst dem och godkänt dem med approve."
    )
    return [
        "## Ändrat utan nytt godkännande",
        "",
        f"**{summary}**",
        "",
        *_fenced(p.format() for p in unapproved),
        "",
    ]


def render_report(
    changes: Changes | None,
    problems: Sequence[Problem],
    published: int,
    to_read: ToRead | None,
    statistics_hidden: int | None,
    approvals: Sequence[str] = (),
    preview_url: str | None = None,
) -> str:
    """Return the report as Markdown, for the pull request's job summary.

    Changes to approved stories that no editor approved come first: they are what a reviewer
    must not miss, and the pull request's diff of a deleted hash line is easy to overlook.
    """
    errors = [p for p in problems if p.severity is Severity.ERROR]
    unapproved = [p for p in errors if is_unapproved_change(p)]
    flags = [p for p in problems if is_flag(p)]
    others = [p for p in problems if p not in flags and p not in unapproved]
    verdict = (
        "Inga fel: det här kan publiceras."
        if not errors
        else f"{len(errors)} fel: inget publiceras förrän de är rättade."
    )
    lines = ["# Publiceringsrapport", "", *_unapproved_section(unapproved)]
    lines += [f"**{verdict}** {published} berättelser är godkända.", ""]
    lines += ["## Berättelser", ""]
    if changes:
        lines += [
            f"Jämfört med `{changes.base}`:",
            "",
            _ids("Nya", changes.new),
            _ids("Ändrade", changes.changed),
            _ids("Tas bort från webbplatsen", changes.withdrawn),
        ]
    else:
        lines.append("Ingen jämförelse (ange --base).")
    if approvals:
        lines += ["", "## Godkännanden", "", "Varje berättelse som pull requesten ändrar:", "", *approvals]
    lines += ["", "## Uppläsningar", "", _readings_line(to_read)]
    lines += ["", "## Möjliga personuppgifter", ""]
    lines += _fenced(p.format() for p in flags) if flags else ["Inga."]
    lines += ["", "## Fel och varningar", ""]
    lines += _fenced(f"{p.severity.value}: {p.format()}" for p in others) if others else ["Inga."]
    lines += ["", "## Statistik", ""]
    lines.append(
        "Ingen enkätexport."
        if statistics_hidden is None
        else f"{statistics_hidden} tal visas inte, för att skydda små grupper."
    )
    lines += ["", *_preview_section(preview_url), "", MARKER]
    return "\n".join(lines) + "\n"
