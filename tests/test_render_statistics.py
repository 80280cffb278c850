"""The statistics pages and downloads: tables, CSV and links, from protected tables only."""

from __future__ import annotations

import csv
import html
import io
import re

from generator.intake.gate import published_stories
from generator.intake.vocabulary import load_vocabulary
from generator.pipeline import check_archive
from generator.statistics.pages import csv_text, neutralise, render_statistics
from generator.statistics.survey import read_survey
from generator.statistics.tables import build_statistics
from generator.statistics.zones import Linked, stories_by_zone, triad_table
from tests.conftest import SAMPLE_ARCHIVE
from tests.test_zones import export, story

VOCABULARY = load_vocabulary()
SAMPLE = SAMPLE_ARCHIVE / "responses.csv"
PUBLISHED = published_stories(check_archive(SAMPLE_ARCHIVE).stories)


def pages() -> dict[str, str]:
    survey = read_survey(SAMPLE, VOCABULARY)
    assert survey is not None
    statistics = build_statistics(survey, VOCABULARY)
    return render_statistics(
        statistics, VOCABULARY, stories_by_zone(statistics, survey.triad_zones, PUBLISHED)
    )


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
    files = render_statistics(None, VOCABULARY, {})
    assert list(files) == ["statistik/index.md"]
    assert "Det finns ingen enkätexport i arkivet ännu" in files["statistik/index.md"]


LEAD = re.compile(r"</h1>\n<p class=\"hbg-lead\">([^<]*)</p>\n")


def test_every_statistics_page_opens_with_one_sentence_that_says_what_it_shows() -> None:
    files = {path: text for path, text in pages().items() if path.endswith(".md")}
    files["statistik/index.md (utan export)"] = render_statistics(None, VOCABULARY, {})["statistik/index.md"]
    leads = {}
    for path, text in files.items():
        found = LEAD.search(text)
        assert found, path
        assert not re.search(r"<(table|svg|figure)", text[: found.start()]), path
        sentence = html.unescape(found.group(1))
        assert sentence.count(".") == 1 and sentence.endswith("."), path
        leads[path] = sentence
    assert leads["statistik/grunder.md"] == "Här ser du hur många svar som gällde varje diskrimineringsgrund."
    assert len(set(leads.values())) == len(leads)


def test_the_reactions_page_gives_each_zones_bounds_and_links_its_stories() -> None:
    reactions = pages()["statistik/reaktioner.md"]
    assert '<h3 id="omrade-a">Sade ifrån mest</h3>' in reactions
    assert "Alla tre väger minst 20\u00a0%, och inget når 60\u00a0%." in reactions
    survey = read_survey(SAMPLE, VOCABULARY)
    assert survey is not None
    in_a = [s.id for s in PUBLISHED if s.response_id and survey.triad_zones.get(s.response_id) == "a"]
    assert in_a
    section = reactions[reactions.index('id="omrade-a"') : reactions.index('id="omrade-b"')]
    assert sorted(re.findall(r"berattelser/([\w-]+)/", section)) == sorted(in_a)


def test_a_hidden_zone_links_no_story_and_says_why() -> None:
    survey = export({"a": 20, "b": 3, "c": 15, "ab": 12, "abc": 9})
    statistics = build_statistics(survey, VOCABULARY)
    assert triad_table(statistics).rows[1].count.hidden
    published = [story("hbg-0001", "r-a-0"), story("hbg-0002", "r-b-0")]
    linked = stories_by_zone(statistics, survey.triad_zones, published)
    reactions = render_statistics(statistics, VOCABULARY, linked)["statistik/reaktioner.md"]
    zone_b = reactions[reactions.index('id="omrade-b"') : reactions.index('id="omrade-c"')]
    assert "Antalet är dolt, så här visas inte vilka berättelser som hör till området." in zone_b
    assert "berattelser/" not in zone_b
    assert "berattelser/hbg-0002/" not in reactions
    assert '<a href="../../berattelser/hbg-0001/" lang="sv" dir="ltr">Berättelsen hbg-0001</a>' in reactions
    zone_c = reactions[reactions.index('id="omrade-c"') : reactions.index('id="omrade-ab"')]
    assert "Ingen publicerad berättelse har sin punkt här." in zone_c


def test_a_zone_with_more_stories_than_it_links_says_they_are_the_newest() -> None:
    survey = export({"a": 30, "b": 30, "c": 30})
    statistics = build_statistics(survey, VOCABULARY)
    linked = stories_by_zone(
        statistics, survey.triad_zones, [story(f"hbg-{n:04d}", f"r-a-{n}") for n in range(12)]
    )
    assert linked["a"] == Linked(linked["a"].stories, True)
    reactions = render_statistics(statistics, VOCABULARY, linked)["statistik/reaktioner.md"]
    assert "De 10 berättelser härifrån som berättades senast:" in reactions


def test_the_cross_table_is_a_labelled_focusable_region_with_short_labels_and_their_key() -> None:
    cross = pages()["statistik/grunder-och-arenor.md"]
    assert '<div class="hbg-table-wrap" tabindex="0" role="region" aria-labelledby="korstabell">' in cross
    assert '<caption id="korstabell">' in cross
    assert (
        '<span class="hbg-cross__full">Religion eller annan trosuppfattning</span>'
        '<span class="hbg-cross__short" aria-hidden="true">Religion</span>'
    ) in cross
    assert "<li>”Religion” betyder ”Religion eller annan trosuppfattning”</li>" in cross
    assert '<th scope="row"><a href="../../grunder/kon/">Kön</a></th>' in cross
