from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator.intake import validate
from generator.intake.load import TEXT_MAX, load_archive
from generator.intake.validate import Checked, validate_archive
from generator.intake.vocabulary import load_vocabulary
from generator.model import Archive, Severity, Status, Vocabulary
from generator.workers import SHARE_FROM, each, worker_processes
from tests.conftest import PERSONAL_VALUES, StoryWriter, assert_nothing_raw


def check(stories_dir: Path) -> Archive:
    raws, problems = load_archive(stories_dir)
    return validate_archive(raws, problems, load_vocabulary())


def messages(archive: Archive) -> list[str]:
    """Problems without the folder part of the path, which differs from test to test."""
    return [p.format().split("/")[-1] for p in archive.problems]


def test_a_good_story_becomes_a_story(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(measures=[12, 3], content_warnings=["hot"])
    archive = check(stories_dir)
    assert archive.problems == ()
    story = archive.stories[0]
    assert story.id == "hbg-0001"
    assert story.status is Status.APPROVED
    assert story.approved_on == dt.date(2026, 3, 14)
    assert story.measures == (3, 12)
    assert story.content_warnings == ("hot",)
    assert story.paragraphs == ("Jag diskriminerades i kön på apoteket.", "Det andra stycket.")
    assert story.featured is False


def test_featured_true_leads_the_home_page(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(featured=True)
    archive = check(stories_dir)
    assert archive.problems == ()
    assert archive.stories[0].featured is True


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"status": "Approved"},
            "hbg-0001.md:4: status: Väntade exakt ett av orden draft, review, approved, withdrawn, men fick 'Approved'.",
        ),
        (
            {"status": "yes"},
            "hbg-0001.md:4: status: Väntade exakt ett av orden draft, review, approved, withdrawn, men fick true.",
        ),
        (
            {"status": "APPROVED"},
            "hbg-0001.md:4: status: Väntade exakt ett av orden draft, review, approved, withdrawn, men fick 'APPROVED'.",
        ),
        (
            {"id": "HBG_1"},
            "HBG_1.md:2: id: Väntade små bokstäver a–z, siffror och bindestreck (3–64 tecken), men fick 'HBG_1'.",
        ),
        (
            {"language": "klingon"},
            "hbg-0001.md:7: language: Väntade en språkkod som börjar med en av ar, bs, en, hr, sr, sv, vi, men fick 'klingon'.",
        ),
        (
            {"collected": "2025-13"},
            "hbg-0001.md:8: collected: Väntade år och gärna månad, som 2025 eller 2025-10, men fick '2025-13'.",
        ),
        (
            {"grounds": ["alder", "hudfarg"]},
            "hbg-0001.md:9: grounds: Väntade nycklar ur ordlistan: alder, annat, etnisk-tillhorighet, funktionsnedsattning, "
            "kon, konsoverskridande-identitet, religion, sexuell-laggning, socioekonomi, men fick 'hudfarg'.",
        ),
        (
            {"arenas": "arbetsliv"},
            "hbg-0001.md:10: arenas: Väntade en lista, som [] eller [a, b], men fick 'arbetsliv'.",
        ),
        (
            {"measures": [3, 18]},
            "hbg-0001.md:12: measures: Väntade nummer från 1 till 17, men fick 18.",
        ),
        (
            {"approved_on": "14 mars"},
            "hbg-0001.md:6: approved_on: Väntade ett datum på formen 2026-03-14, men fick '14 mars'.",
        ),
        (
            {"approved_by": None},
            "hbg-0001.md:1: approved_by: Fältet saknas. En godkänd berättelse måste säga vem som godkände den.",
        ),
        (
            {"approved_on": None},
            "hbg-0001.md:1: approved_on: Fältet saknas. En godkänd berättelse måste säga när den godkändes.",
        ),
        (
            {"experiences": None},
            "hbg-0001.md:1: experiences: Fältet saknas. Det måste finnas i varje berättelse.",
        ),
        (
            {"template": "main.html"},
            "hbg-0001.md:12: template: Okänt fält. Väntade bara de här fälten: id, title, status, language, collected, "
            "grounds, arenas, experiences, approved_by, approved_on, measures, content_warnings, translation_of, response_id, approved_hash, cleared_flags, withdrawn_on, withdrawn_reason, featured.",
        ),
        (
            {"title": "x" * 121},
            "hbg-0001.md:3: title: Väntade högst 120 tecken, men fick 121.",
        ),
        (
            {"featured": "ja"},
            "hbg-0001.md:12: featured: Väntade true eller false (utan citattecken), men fick 'ja'.",
        ),
        (
            {"featured": 1},
            "hbg-0001.md:12: featured: Väntade true eller false (utan citattecken), men fick 1.",
        ),
        (
            {"translation_of": "hbg-9999"},
            "hbg-0001.md: translation_of: Väntade id:t på en annan berättelse i arkivet, men fick 'hbg-9999'.",
        ),
    ],
)
def test_each_kind_of_bad_field_has_an_exact_message(
    stories_dir: Path, write_story: StoryWriter, changes: dict[str, object], expected: str
) -> None:
    write_story(**changes)
    archive = check(stories_dir)
    assert messages(archive) == [expected]
    assert archive.errors


def test_id_must_equal_file_name(stories_dir: Path, write_story: StoryWriter) -> None:
    path = write_story()
    path.rename(stories_dir / "hbg-0002.md")
    assert messages(check(stories_dir)) == [
        "hbg-0002.md:2: id: Väntade samma id som filens namn ('hbg-0002'), men fick 'hbg-0001'."
    ]


def test_empty_text_is_an_error(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(body="\n  \n")
    assert messages(check(stories_dir)) == [
        "hbg-0001.md:14: text: Väntade berättelsens text efter fälten, men fick en tom text."
    ]


def test_duplicate_key_is_an_error(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(raw_front_matter="id: hbg-0001\nstatus: draft\nstatus: approved")
    assert messages(check(stories_dir)) == [
        "hbg-0001.md:4: status: Fältet står två gånger (rad 3 och rad 4). Väntade varje fält en gång: ta bort det ena."
    ]


def test_malformed_yaml_is_an_error_with_its_line(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(raw_front_matter="id: hbg-0001\ntitle: 'unclosed\nstatus: approved")
    (problem,) = check(stories_dir).problems
    assert problem.path.endswith("hbg-0001.md")
    assert problem.message.startswith("Ogiltig YAML:")


def test_invalid_utf8_is_an_error_with_its_line(stories_dir: Path) -> None:
    (stories_dir / "hbg-0001.md").write_bytes(b"---\nid: hbg-0001\ntitle: \xff\n---\nText\n")
    assert messages(check(stories_dir)) == [
        "hbg-0001.md:3: Väntade text i UTF-8, men fick ogiltiga byte. Spara filen som UTF-8."
    ]


def test_every_problem_in_every_file_is_reported_at_once(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(id="hbg-0001", status="Approved")
    write_story(id="hbg-0002", language="xx", grounds=["nope"])
    write_story(id="hbg-0003")
    archive = check(stories_dir)
    assert [(p.path.split("/")[-1], p.field) for p in archive.errors] == [
        ("hbg-0001.md", "status"),
        ("hbg-0002.md", "language"),
        ("hbg-0002.md", "grounds"),
    ]
    assert [s.id for s in archive.stories] == ["hbg-0003"]


def test_odd_characters_are_warnings_not_errors(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(body="Text med \u202eomvänd riktning och en \x00 nolla.\n")
    archive = check(stories_dir)
    assert archive.errors == ()
    assert [p.severity for p in archive.problems] == [Severity.WARNING, Severity.WARNING]
    assert messages(archive) == [
        "hbg-0001.md:14: text: Texten innehåller 1 kontrolltecken (borttagna). Se över texten.",
        "hbg-0001.md:14: text: Texten innehåller 1 osynliga riktningstecken. Se över texten.",
    ]


def test_a_title_with_a_line_break_is_refused(stories_dir: Path, write_safe_story: StoryWriter) -> None:
    write_safe_story(title="Rubrik\nstatus: approved\n")
    assert messages(check(stories_dir)) == [
        "hbg-0001.md:3: title: Väntade en rubrik på en rad utan osynliga tecken, men fick något annat."
    ]


@pytest.mark.parametrize(
    "title",
    [
        '"Vi" & dom',
        "Mamma & jag",
        "<3",
        "a > b",
        "Jag's dag",
        "&amp; är inget tecken",
        "</title><script>x</script>",
    ],
)
def test_any_text_on_one_line_is_a_title_taken_as_written(
    stories_dir: Path, write_safe_story: StoryWriter, title: str
) -> None:
    write_safe_story(title=title)
    archive = check(stories_dir)
    assert messages(archive) == []
    assert [story.title for story in archive.stories] == [title]


def test_a_year_alone_is_a_valid_collected(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(collected=2019)
    assert check(stories_dir).stories[0].collected == "2019"


def test_drafts_need_no_approver(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story(status="draft", approved_by=None, approved_on=None)
    archive = check(stories_dir)
    assert archive.problems == ()
    assert archive.stories[0].status is Status.DRAFT


def test_regional_language_tags_use_their_primary_language(
    stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(language="sr-Latn")
    assert check(stories_dir).stories[0].primary_language == "sr"


def test_readme_and_hidden_files_are_not_stories(stories_dir: Path, write_story: StoryWriter) -> None:
    write_story()
    (stories_dir / "README.md").write_text("# Guide\n", encoding="utf-8")
    (stories_dir / ".hbg-0002.md").write_text("junk", encoding="utf-8")
    (stories_dir / "responses.csv").write_text("response_id\n", encoding="utf-8")
    archive = check(stories_dir)
    assert messages(archive) == [
        ".hbg-0002.md: Dolda filer (namn som börjar med punkt) läses inte som berättelser. "
        "Om det är en berättelse: ta bort punkten först i namnet."
    ]
    assert archive.errors == ()
    assert len(archive.stories) == 1


def test_workers_check_new_files_with_the_same_result_as_this_process(write_story: StoryWriter) -> None:
    for number in range(SHARE_FROM + 30):
        status = "nope" if number % 40 == 0 else "approved"
        write_story(id=f"hbg-{number:04d}", status=status, title=f"Berättelse {number}")
    stories_dir = write_story(id="hbg-9999").parent
    vocabulary = load_vocabulary()
    alone = validate.validate_folder(stories_dir, vocabulary)
    with worker_processes(1) as workers:

        def check_all(files: Sequence[tuple[Path, bytes]], vocabulary: Vocabulary) -> list[Checked]:
            return each(validate.check_story_file, files, (vocabulary,), workers)

        shared = validate.validate_folder(stories_dir, vocabulary, check_all)
    assert shared == alone
    assert len(alone.stories) > SHARE_FROM and len(alone.errors) == 6


def test_a_text_of_the_longest_allowed_length_passes_and_one_more_character_is_refused(
    stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(body="a" * TEXT_MAX + "\n")
    assert check(stories_dir).problems == ()
    write_story(body="a" * (TEXT_MAX + 1) + "\n")
    assert messages(check(stories_dir)) == [
        "hbg-0001.md:14: text: Texten har 30 001 tecken, men högst 30 000 går att publicera och läsa upp. "
        "Dela berättelsen i två berättelser (med var sitt id) eller korta den."
    ]


# Every field that quotes a wrong value, each given personal data where its key or id belongs.
_FIELDS_QUOTING_VALUES = [
    "id",
    "status",
    "language",
    "collected",
    "approved_by",
    "approved_on",
    "grounds",
    "arenas",
    "experiences",
    "content_warnings",
    "measures",
    "translation_of",
    "response_id",
    "approved_hash",
    "withdrawn_on",
]
_LISTS = {"grounds", "arenas", "experiences", "content_warnings", "measures"}


@pytest.mark.parametrize("value", PERSONAL_VALUES)
@pytest.mark.parametrize("key", _FIELDS_QUOTING_VALUES)
def test_no_message_prints_personal_data_given_as_a_fields_value(
    stories_dir: Path, write_safe_story: StoryWriter, key: str, value: str
) -> None:
    wrong = f"{value}!"  # no field allows '!': each of them quotes it
    path = write_safe_story(**{key: [wrong] if key in _LISTS else wrong})
    if key == "id":  # the file keeps a plain name; the id inside it is wrong
        path.rename(stories_dir / "hbg-0001.md")
    archive = check(stories_dir)
    shown = [p.format() for p in archive.problems]
    assert any(f"{key}: " in line for line in shown), shown
    assert_nothing_raw("\n".join(shown))


@pytest.mark.parametrize("value", [198112189876, 46701234567])
def test_a_long_number_written_without_quotes_is_masked(
    stories_dir: Path, write_story: StoryWriter, value: int
) -> None:
    write_story(collected=value, measures=[value])
    shown = "\n".join(messages(check(stories_dir)))
    assert str(value) not in shown and str(value)[:4] in shown


@pytest.mark.parametrize("value", PERSONAL_VALUES)
def test_no_message_prints_personal_data_given_as_a_fields_name_or_a_files_name(
    stories_dir: Path, write_story: StoryWriter, value: str
) -> None:
    write_story(raw_front_matter=f"id: hbg-0001\n'{value}': x\n'{value}': y")
    write_story(id="hbg-0002", **{f"'{value}'": "x"})
    (stories_dir / f"{value}.md").write_text("inga fält", encoding="utf-8")
    shown = [p.format() for p in check(stories_dir).problems]
    assert len(shown) >= 3
    assert_nothing_raw("\n".join(shown))
