"""The statistics pages and downloads: tables, CSV and links, from protected tables only."""

from __future__ import annotations

import csv
import html
import io
import re

from generator.intake.vocabulary import load_vocabulary
from generator.statistics.pages import csv_text, neutralise, render_statistics
from generator.statistics.survey import read_survey
from generator.statistics.tables import build_statistics
from tests.conftest import SAMPLE_ARCHIVE

VOCABULARY = load_vocabulary()
SAMPLE = SAMPLE_ARCHIVE / "responses.csv"


def pages() -> dict[str, str]:
    survey = read_survey(SAMPLE, VOCABULARY)
    assert survey is not None
    return render_statistics(build_statistics(survey, VOCABULARY), VOCABULARY)


def test_statistics_have_at_least_six_tables_four_charts_and_four_csv_files() -> None:
    files = pages()
    html = "".join(text for path, text in files.items() if path.endswith(".md"))
    assert html.count("<table") >= 6
    assert html.count('<svg class="hbg-chart') >= 4
    assert len([path for path in files if path.endswith(".csv")]) >= 4
    assert {
        "statistik/index.md",
        "statistik/metod.md",
        "statistik/kodbok.md",
        "statistik/grunder-och-arenor.md",
    } <= set(files)


def test_no_csv_cell_of_antal_holds_1_to_4() -> None:
    for path, text in pages().items():
        if path.endswith(".csv"):
            for row in csv.DictReader(io.StringIO(text)):
                assert row["antal"] not in {"1", "2", "3", "4"}, (path, row)


SMALL_NUMBER = re.compile(r"(?<![\w.,:/–-])[1-4](?![\w.,:/–-]| ?%)")


def test_no_table_chart_sentence_or_label_shows_a_count_from_1_to_4() -> None:
    """The sample export has an arena with 3 responses and a ground with 2: neither may show."""
    checked = 0
    for path, text in pages().items():
        if path in {"statistik/metod.md", "statistik/kodbok.md"}:
            continue  # these two explain the rule itself ("från 1 till 4")
        attributes = " ".join(re.findall(r'(?:aria-label|alt|title)="([^"]*)"', text))
        words = html.unescape(re.sub(r"<[^>]+>", " ", text) + " " + attributes)
        assert not [m.group() for m in SMALL_NUMBER.finditer(words)], path
        checked += 1
    assert checked >= 15


def test_ground_rows_link_to_their_stories_and_back() -> None:
    files = pages()
    assert '<a href="../../grunder/kon/">Kön</a>' in files["statistik/grunder.md"]
    assert '<a href="../data/grunder.csv" download>' in files["statistik/grunder.md"]


def test_method_page_states_the_rule() -> None:
    method = pages()["statistik/metod.md"]
    assert "Ett antal från 1 till 4 visas aldrig." in method
    assert "visas inget antal från 1 till 9" in method
    assert "minst 30 svar" in method
    assert "Allt vi publicerar lämnar tillsammans minst fyra möjliga värden för varje dolt tal." in method
    assert "färre än" not in method and "minsta" not in method  # no rule that bounds a hidden number


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("+1") == "'+1" and neutralise("-1") == "'-1" and neutralise("@x") == "'@x"
    assert neutralise("Kön") == "Kön"
    assert csv_text(["a"], [["=1+1"], ["</script>"]]) == "a\n'=1+1\n</script>\n"


def test_without_an_export_there_is_one_page_that_says_so() -> None:
    files = render_statistics(None, VOCABULARY)
    assert list(files) == ["statistik/index.md"]
    assert "Det finns ingen enkätexport i arkivet ännu" in files["statistik/index.md"]
