"""`import`: a raw export with free text becomes drafts, never overwriting, reporting bad rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.intake.frontmatter import split_story_file
from generator.intake.load import TEXT_MAX
from tests.conftest import PERSONAL_VALUES, ROOT, SAMPLE_ARCHIVE, assert_nothing_raw

# The fictional raw export editors try `import` on (stories/README.md links to it).
SAMPLE_EXPORT = ROOT / "tests" / "fixtures" / "import" / "enkat-export.csv"

COLUMNS = ["response_id", "collected", "language", "grounds", "arenas", "experiences", "title", "story"]


def write_export(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(response_id: str, story: str, **changes: str) -> dict[str, str]:
    base = {
        "response_id": response_id,
        "collected": "2019-10",
        "language": "sv",
        "grounds": "alder;kon",
        "arenas": "arbetsliv",
        "experiences": "utanforskap",
        "title": "En rubrik",
        "story": story,
    }
    return base | changes


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def test_rows_become_drafts_with_proposed_ids(runner: CliRunner, tmp_path: Path, stories_dir: Path) -> None:
    export = write_export(
        tmp_path / "export.csv",
        [
            row("r1", 'Första raden, med "citat".\n\nAndra stycket.'),
            row("r2", ""),  # no story: not a story
            row("r3", "Text.", title="", language="ar"),
        ],
    )
    (stories_dir / "hbg-0041.md").write_text("---\nid: hbg-0041\n---\nx\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 0, result.output + result.stderr
    first = split_story_file((stories_dir / "hbg-0042.md").read_text(encoding="utf-8"))
    assert first.values["status"] == "draft" and first.values["response_id"] == "r1"
    assert first.values["grounds"] == ["alder", "kon"]
    assert first.body == 'Första raden, med "citat".\n\nAndra stycket.\n'
    second = split_story_file((stories_dir / "hbg-0043.md").read_text(encoding="utf-8"))
    assert second.values["title"] == "Berättelse utan rubrik" and second.values["language"] == "ar"
    assert "  hoppade över: export.csv rad 5: story: tom, så raden blir inget utkast." in result.stdout
    assert "Importerade 2 utkast, hoppade över 1, 0 problem." in result.stdout
    (stories_dir / "hbg-0041.md").unlink()
    assert runner.invoke(cli, ["check", "--stories", str(stories_dir)]).exit_code == 0


def test_import_never_overwrites_and_skips_rows_already_imported(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    export = write_export(tmp_path / "export.csv", [row("r1", "En text.")])
    runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    draft = stories_dir / "hbg-0001.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "Redaktörens ändring.\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 0
    assert "finns redan som hbg-0001" in result.stdout
    assert "Redaktörens ändring." in draft.read_text(encoding="utf-8")
    assert sorted(p.name for p in stories_dir.iterdir()) == ["hbg-0001.md"]


def test_rows_that_break_the_contract_are_reported_by_line_and_id(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    export = write_export(
        tmp_path / "export.csv",
        [
            row("r1", "Rad ett.\nRad två."),
            row("r2", "Text.", arenas="simhall"),
            row("r3", "Text.", collected="igår"),
        ],
    )
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert "export.csv:4 (svar r2): arenas:" in result.stderr and "simhall" in result.stderr
    assert "export.csv:5 (svar r3): collected:" in result.stderr
    assert [p.name for p in stories_dir.iterdir()] == ["hbg-0001.md"]


def test_hostile_titles_stay_one_line_of_text_and_text_is_never_printed(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    story = "Ring mig på 070-123 45 67, jag heter Göran.\n---\nstatus: approved"
    export = write_export(
        tmp_path / "export.csv", [row("r1", story, title="<script>alert(1)</script> & mer\nstatus: approved")]
    )
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 0
    output = result.stdout + result.stderr
    assert "070" not in output and "Göran" not in output
    assert "möjliga personuppgifter" in result.stdout
    values = split_story_file((stories_dir / "hbg-0001.md").read_text(encoding="utf-8")).values
    assert values["status"] == "draft"
    assert values["title"] == "<script>alert(1)</script> & mer status: approved"


def test_missing_columns_are_named(runner: CliRunner, tmp_path: Path, stories_dir: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("response_id,story\nr1,text\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert "kolumner saknas: collected, language" in result.stderr


@pytest.mark.parametrize("value", PERSONAL_VALUES)
def test_rows_are_reported_without_the_personal_data_written_in_their_cells(
    runner: CliRunner, tmp_path: Path, stories_dir: Path, value: str
) -> None:
    export = write_export(
        tmp_path / "export.csv",
        [row(value, "Text.", language=value, grounds=value, collected=value, arenas=f"skola;{value}")],
    )
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert "inte importerad: export.csv:2 (svar " in result.stderr
    assert_nothing_raw(result.output + result.stderr)


def test_a_story_longer_than_the_limit_is_not_imported_and_says_what_to_do(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    export = write_export(tmp_path / "export.csv", [row("r1", "a" * (TEXT_MAX + 1)), row("r2", "Text.")])
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert result.stderr == (
        "  inte importerad: export.csv:2 (svar r1): text: Texten har 30 001 tecken, men högst 30 000 går att "
        "publicera och läsa upp. Dela berättelsen i två berättelser (med var sitt id) eller korta den. "
        "Inte importerad.\n"
    )
    assert [path.name for path in stories_dir.iterdir()] == ["hbg-0001.md"]


def test_a_field_over_the_csv_limit_is_a_message_not_a_traceback(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    export = write_export(tmp_path / "export.csv", [row("r1", "Text."), row("r2", "a" * 200_000)])
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == (
        f"{export}:3: raden går inte att läsa som CSV. Kontrollera citattecknen, eller dela en berättelse "
        "som är längre än 30 000 tecken.\n"
    )


def test_every_row_without_a_story_is_reported_by_its_line_in_one_message(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    stories = ["", "Text.", "", " \n ", "Text.", ""]  # the fourth row has two lines, 5 and 6
    export = write_export(tmp_path / "export.csv", [row(f"r{n}", story) for n, story in enumerate(stories)])
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == [
        "  hoppade över: export.csv rad 2, 4–5 och 8: story: tom, så raderna blir inga utkast. Det är som "
        "det ska för svar utan berättelse: de hör bara till statistiken (responses.csv).",
        "Importerade 2 utkast, hoppade över 4, 0 problem. 0 möjliga personuppgifter att se över med check.",
    ]


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("r2,2019-10,sv,alder,arbetsliv,utanforskap,Rubrik,Texten, som fortsätter efter ett kommatecken", 9),
        ("r2,2019-10,sv,alder,arbetsliv,utanforskap,Rubrik", 7),
    ],
)
def test_a_row_whose_cells_do_not_match_the_header_is_not_imported_and_says_why(
    runner: CliRunner, tmp_path: Path, stories_dir: Path, line: str, cells: int
) -> None:
    export = write_export(tmp_path / "export.csv", [row("r1", "Text.")])
    export.write_text(export.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(export), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"  inte importerad: export.csv:3 (svar r2): Raden har {cells} celler, men rubrikraden har 8. Oftast "
        "saknas citattecken runt en text med kommatecken eller radbrytningar: rätta raden eller exportera "
        "filen igen. Inte importerad.\n"
    )
    assert "som fortsätter" not in result.stdout
    assert [path.name for path in stories_dir.iterdir()] == ["hbg-0001.md"]


def test_the_sample_export_has_the_surveys_columns_and_the_tellers_title_and_story() -> None:
    with (SAMPLE_ARCHIVE / "responses.csv").open(encoding="utf-8") as survey:
        survey_columns = next(csv.reader(survey))
    with SAMPLE_EXPORT.open(encoding="utf-8") as export:
        assert next(csv.reader(export)) == [*survey_columns, "title", "story"]


def test_the_sample_export_imports_as_the_guide_shows_and_its_drafts_pass_check(
    runner: CliRunner, tmp_path: Path, stories_dir: Path
) -> None:
    result = runner.invoke(cli, ["import", str(SAMPLE_EXPORT), "--stories", str(stories_dir)])
    assert result.exit_code == 1
    assert result.stdout == (
        "  nytt utkast: hbg-0001 ← enkat-export.csv:2 (svar e001)\n"
        "  nytt utkast: hbg-0002 ← enkat-export.csv:5 (svar e002)\n"
        "  nytt utkast: hbg-0003 ← enkat-export.csv:7 (svar e004)\n"
        "  nytt utkast: hbg-0004 ← enkat-export.csv:9 (svar e006)\n"
        "  nytt utkast: hbg-0005 ← enkat-export.csv:11 (svar e008)\n"
        "  hoppade över: enkat-export.csv rad 6 och 10: story: tom, så raderna blir inga utkast. Det är som "
        "det ska för svar utan berättelse: de hör bara till statistiken (responses.csv).\n"
        "Importerade 5 utkast, hoppade över 2, 1 problem. 1 möjliga personuppgifter att se över med check.\n"
    )
    assert result.stderr == (
        "  inte importerad: enkat-export.csv:8 (svar e005): arenas: Väntade nycklar ur ordlistan: annat, "
        "arbetsliv, bostad, butik-och-service, fritid, internet, kollektivtrafik, myndigheter, "
        "offentlig-miljo, skola, vard-och-omsorg, men fick 'simhall'. Inte importerad.\n"
    )
    guide = (ROOT / "stories" / "README.md").read_text(encoding="utf-8")
    assert [line for line in (result.stdout + result.stderr).splitlines() if line not in guide] == []
    check = runner.invoke(cli, ["check", "--stories", str(stories_dir), "--cache-dir", str(tmp_path / "c")])
    assert check.exit_code == 0
    assert (
        check.stdout == "Inga fel, men 2 varningar att titta på (se ovan). 5 berättelser, varav 0 godkända.\n"
    )
    assert "möjligt namn 'B****'" in check.stderr
