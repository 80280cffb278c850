"""The typed data model that every pipeline step takes and returns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from generator import urls
from generator.privacy.quoting import file_path
from generator.text import reading_minutes, teaser

# The columns of a survey export that say who answered and how they placed their story; the
# statistics (survey.py) and the import of stories (intake.py) both start from these.
RESPONSE_COLUMNS = ("response_id", "collected", "language", "grounds", "arenas", "experiences")

# Each speech engine as a reading's page and MP3 tags name the voice.
VOICE_LABELS = {"gtts": "Google", "espeak": "eSpeak NG"}


def primary_subtag(language: str) -> str:
    """The language of a BCP 47 tag without its script or region: 'sr' for 'sr-Latn'."""
    return language.split("-")[0].lower()


class Severity(Enum):
    """How a problem affects the build: errors stop it, warnings are shown and let it go on."""

    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, phrased for the editor who has to fix it."""

    path: str
    line: int | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Return the problem as one line: file, line, field, then what was expected."""
        path = file_path(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        prefix = f"{where}: {self.field}: " if self.field else f"{where}: "
        return prefix + self.message


@dataclass(frozen=True)
class Term:
    """One vocabulary entry: the key a story file writes and the label the site shows."""

    key: str
    label: str
    # The label's first words, where a narrow table shows them instead (vocabulary.yaml `short`).
    short: str | None = None


@dataclass(frozen=True)
class Measure:
    """One of the 17 measures of the city's plan for equal opportunities."""

    number: int
    title: str
    url: str
    example: bool


@dataclass(frozen=True)
class Language:
    """A language a story may be written in: its writing direction, its Swedish name, and the
    language home (`/en/`, `/bs/`, ...) that lists its stories ("" for Swedish: the site itself)."""

    code: str
    label: str
    direction: str
    home: str


# A placeholder in a translated text: `{name}`, nothing else (no attribute or index access).
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Organisation:
    """Somewhere a reader can get help, as generator/help.yaml (which the city corrects) says."""

    key: str
    phone: str
    phone_international: str
    email: str
    website: str
    address: str
    languages: tuple[str, ...]
    interpreter: bool

    @property
    def tel(self) -> str:
        """The number as a tel: link dials it, from abroad too where the international form is known."""
        return re.sub(r"[^0-9+]", "", self.phone_international or self.phone)

    @property
    def website_shown(self) -> str:
        """The website as a reader would type it: without https:// and the closing slash."""
        return urls.as_typed(self.website)


@dataclass(frozen=True)
class Translation:
    """Everything a page says in one language, from generator/i18n/<language>.yaml: its texts,
    its month names, and its names for the vocabulary, the plan's measures and where to get help."""

    language: str
    name: str
    reviewed_by: str
    reviewed_on: str
    months: tuple[str, ...]
    strings: dict[str, str]
    terms: dict[str, dict[str, str]]
    measures: dict[int, str]
    organisations: dict[str, tuple[str, str]]

    def say(self, key: str, **values: object) -> str:
        """The text of `key` with its placeholders filled in: plain text, escaped where it is shown."""
        return PLACEHOLDER.sub(lambda match: str(values[match[1]]), self.strings[key])

    def term(self, kind: str, key: str) -> str:
        """This language's name for a ground, arena, experience or content warning."""
        return self.terms[kind][key]

    def join(self, items: list[str]) -> str:
        """A list as a sentence says it: "a", "a och b", "a, b och c"."""
        if len(items) < 2:
            return "".join(items)
        head = self.strings["list_separator"].join(items[:-1])
        return self.say("list_pair", first=head, second=items[-1])

    def topics(self, content_warnings: Iterable[str]) -> str:
        """A story's content warnings as a sentence names them: "våld och hot"."""
        return self.join([self.term("content_warnings", key).lower() for key in content_warnings])

    def month_year(self, collected: str) -> str:
        """'2025-10' as this language writes a month ('oktober 2025'), and a bare year as it is."""
        year, _, month = collected.partition("-")
        return self.say("month_year", month=self.months[int(month) - 1], year=year) if month else year

    def decimal(self, value: float) -> str:
        """A number with one decimal, written with this language's separator."""
        return f"{value:.1f}".replace(".", self.strings["decimal_separator"])


@dataclass(frozen=True)
class Vocabulary:
    """Everything a story's fields are checked against, read from vocabulary.yaml, and what the
    pages say about them in each language (generator/i18n/) with the help a reader can get."""

    grounds: dict[str, Term]
    arenas: dict[str, Term]
    experiences: dict[str, Term]
    content_warnings: dict[str, Term]
    measures: dict[int, Measure]
    languages: dict[str, Language]
    plan_title: str
    plan_url: str
    frequencies: dict[str, Term]
    reported: dict[str, Term]
    age_groups: dict[str, Term]
    triad: dict[str, Term]
    dyad: dict[str, Term]
    # What pages say in each language (by language code) and where readers can get help.
    translations: dict[str, Translation]
    organisations: tuple[Organisation, ...]

    def translation(self, language: str) -> Translation:
        """The texts of a story's page: its language's, by the primary subtag ('sr' for 'sr-Latn')."""
        return self.translations[primary_subtag(language)]

    def measure_name(self, number: int, language: str = "sv") -> str:
        """A measure as a page names it in a language: with the plan's title once an editor has
        filled it in ("Åtgärd 3: ..."), by its number alone while the title is a placeholder, so
        no page presents an example as the plan's own words."""
        t = self.translation(language)
        if self.measures[number].example:
            return t.say("measure_untitled", number=number)
        return t.say("measure", number=number, title=t.measures[number])

    @property
    def untitled_measures(self) -> tuple[int, ...]:
        """The measures whose title is still a placeholder (`example: true` in vocabulary.yaml)."""
        return tuple(number for number, measure in self.measures.items() if measure.example)

    def terms(self, kind: str) -> dict[str, Term]:
        """Return the terms of one kind ('grounds', 'frequencies', ...) by name."""
        kinds: dict[str, dict[str, Term]] = {
            "grounds": self.grounds,
            "arenas": self.arenas,
            "experiences": self.experiences,
            "content_warnings": self.content_warnings,
            "frequencies": self.frequencies,
            "reported": self.reported,
            "age_groups": self.age_groups,
        }
        return kinds[kind]


class Status(Enum):
    """Where a story is in the editors' workflow; only APPROVED is ever published."""

    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class RawStory:
    """A story file split into its front matter and body, before any checking."""

    path: Path
    front_matter: dict[str, object]
    key_lines: dict[str, int]
    body: str
    body_line: int


@dataclass(frozen=True)
class Story:
    """A validated story: every field checked against the contract and the vocabulary."""

    id: str
    title: str
    status: Status
    language: str
    collected: str
    grounds: tuple[str, ...]
    arenas: tuple[str, ...]
    experiences: tuple[str, ...]
    paragraphs: tuple[str, ...]
    source: str
    approved_by: str | None = None
    approved_on: dt.date | None = None
    measures: tuple[int, ...] = ()
    content_warnings: tuple[str, ...] = ()
    translation_of: str | None = None
    response_id: str | None = None
    approved_hash: str | None = None
    cleared_flags: tuple[str, ...] = ()
    # The editors' pick to lead the home page.
    featured: bool = False

    @property
    def primary_language(self) -> str:
        """Return the language subtag ('sr' for 'sr-Latn'), which picks direction and voice."""
        return primary_subtag(self.language)


@dataclass(frozen=True)
class StoryLink:
    """A link to a story, all a page that only names stories is given (the statistics' zones):
    so its digest changes with a story's title or language, never with its text."""

    id: str
    title: str
    language: str
    primary_language: str

    @classmethod
    def of(cls, story: Story) -> StoryLink:
        return cls(story.id, story.title, story.language, story.primary_language)


@dataclass(frozen=True)
class ListedStory:
    """What a list of stories shows of each one (its card), and all a listing page's template is
    given: where the story is listed (its terms, measures, language and original), its teaser,
    its reading's length and file.

    So a digest of these says whether any listing page changed: an edit of a story's text that
    leaves its teaser and its length as they were changes none.
    """

    id: str
    title: str
    language: str
    primary_language: str
    collected: str
    grounds: tuple[str, ...]
    arenas: tuple[str, ...]
    experiences: tuple[str, ...]
    measures: tuple[int, ...]
    translation_of: str | None
    featured: bool
    teaser: str
    minutes_to_read: int
    # The reading's length in seconds and its file in the site (0 and "" without a reading).
    reading_seconds: float
    reading_file: str

    @classmethod
    def of(cls, story: Story, reading: Reading | None = None) -> ListedStory:
        return cls(
            story.id,
            story.title,
            story.language,
            story.primary_language,
            story.collected,
            story.grounds,
            story.arenas,
            story.experiences,
            story.measures,
            story.translation_of,
            story.featured,
            teaser(story.paragraphs),
            reading_minutes(story.paragraphs),
            reading.duration if reading else 0.0,
            reading.mp3_path if reading else "",
        )


@dataclass(frozen=True)
class Cue:
    """When one sentence is read, for the WebVTT file and the highlight."""

    anchor: str
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Reading:
    """A story's reading as the site publishes it."""

    story_id: str
    engine: str
    key: str
    source: Path
    size: int
    duration: float
    cues: tuple[Cue, ...]

    @property
    def mp3_path(self) -> str:
        """The file's path in the site; the key in the name keeps browsers from an old reading."""
        return urls.reading_file(self.story_id, self.key, "mp3")

    @property
    def vtt_path(self) -> str:
        return urls.reading_file(self.story_id, self.key, "vtt")

    @property
    def voice_label(self) -> str:
        return VOICE_LABELS[self.engine]


@dataclass(frozen=True)
class Film:
    """A featured story's captioned film of its reading, as the site publishes it."""

    story_id: str
    key: str
    source: Path
    size: int
    duration: float

    @property
    def path(self) -> str:
        """The file's path in the site, beside the reading; the key keeps browsers from an old film."""
        return urls.reading_file(self.story_id, self.key, "mp4")


@dataclass(frozen=True)
class Archive:
    """All stories of an archive that passed validation, with the problems found on the way."""

    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Return only the problems that must stop a build."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Return the problems an editor should see but that do not stop a build."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


@dataclass(frozen=True)
class PodcastChannel:
    """One podcast feed of the site: where it lies, the page its <link> leads to, what it is
    called and in which language, and the stories it plays (by id), as its page lists them."""

    path: str
    page: str
    title: str
    description: str
    language: str
    story_ids: tuple[str, ...]


@dataclass(frozen=True)
class PodcastOwner:
    """Who answers for the feeds (itunes:owner): the directories write to this address."""

    name: str
    email: str


@dataclass(frozen=True)
class Addresses:
    """Where the pages send readers beyond the archive, from mkdocs.yml ('' while not known):
    the published site's own address (to copy and share a page), the city's dialogue, the
    project's report and its film."""

    site_url: str = ""
    dialogue_url: str = ""
    report_url: str = ""
    film_url: str = ""


NO_ADDRESSES = Addresses()
