"""The disclosure audit: what a reader can work out from everything published, attack by attack."""

from __future__ import annotations

from generator.statistics.audit import (
    Audit,
    Finding,
    Publication,
    Quantity,
    Relation,
    adds_up,
    audit,
    audit_error,
    covered_by,
)

ALL: tuple[str, ...] = ("responses",)
ANSWERED = ("answered", "frequency")


def single_choice(shown: list[int | None], answered: int | None, *, hidden_at_least: int = 0) -> Publication:
    """One single-choice question: its counts add up to those who answered it."""
    keys = [("count", "frequency", str(i)) for i in range(len(shown))]
    cells = tuple(
        Quantity(key, f"raden {i}", value, at_least=hidden_at_least)
        for i, (key, value) in enumerate(zip(keys, shown, strict=True))
    )
    return Publication(
        (Quantity(ANSWERED, "svar på frågan", answered), *cells),
        (adds_up(keys, ANSWERED),),
        tuple((key, ANSWERED) for key in keys),
    )


def messages(result: Audit) -> list[str]:
    return [finding.message for finding in result.findings]


def test_the_old_labels_and_rules_let_a_reader_solve_a_single_choice_question() -> None:
    """Issue 15: `färre än 5, dolt, 10, 20` with 36 answers. "färre än 5" said 1–4, "dolt" said at
    least 5 and at most the smallest count shown (it was "the smallest other count"): the hidden
    two add up to 6, so they were exactly 1 and 5."""
    keys = [("count", "frequency", str(i)) for i in range(4)]
    old = Publication(
        (
            Quantity(ANSWERED, "svar på frågan", 36),
            Quantity(keys[0], "raden 0", None, at_least=1, at_most=4),
            Quantity(keys[1], "raden 1", None, at_least=5, at_most=10),
            Quantity(keys[2], "raden 2", 10),
            Quantity(keys[3], "raden 3", 20),
        ),
        (adds_up(keys, ANSWERED),),
        (),
    )
    result = audit(old)
    assert messages(result) == [
        "raden 0: det dolda talet går att ringa in till färre än 4 möjliga värden.",
        "raden 1: det dolda talet går att ringa in till färre än 4 möjliga värden.",
    ]
    assert result.narrowest == 1


def test_with_one_word_for_every_hidden_number_the_same_table_leaves_seven_values() -> None:
    result = audit(single_choice([None, None, 10, 20], 36))
    assert result.findings == ()
    assert (result.hidden_checked, result.narrowest) == (2, 7)


def test_two_hidden_counts_that_add_up_to_a_few_are_narrowed_and_a_neighbour_is_offered() -> None:
    result = audit(single_choice([None, None, 50, 60], 112))
    assert messages(result) == [
        "raden 0: det dolda talet går att ringa in till färre än 4 möjliga värden.",
        "raden 1: det dolda talet går att ringa in till färre än 4 möjliga värden.",
    ]
    assert {finding.hide for finding in result.findings} == {("count", "frequency", "2")}


def test_a_published_count_of_1_to_4_is_a_finding() -> None:
    result = audit(single_choice([3, 40, 0], 43))
    assert messages(result) == [
        "raden 0: ett tal från 1 till 4 skulle visas.",
        "Skillnaden mellan svar på frågan och raden 1 går att räkna ut och är en liten grupp (eller nästan).",
    ]
    assert [finding.hide for finding in result.findings] == [
        ("count", "frequency", "0"),
        ("count", "frequency", "1"),
    ]


def test_hidden_counts_whose_sum_is_pinned_to_a_few_are_a_finding_though_each_has_four_values() -> None:
    """`dolt, dolt, 50` of 53: each hidden count is 0–3, but together they are exactly 3 responses."""
    result = audit(single_choice([None, None, 50], 53))
    assert messages(result) == [
        "Skillnaden mellan svar på frågan och raden 2 går att räkna ut och är en liten grupp (eller nästan)."
    ]
    assert result.narrowest == 4


def test_two_overlapping_totals_that_differ_by_one_single_out_a_response() -> None:
    """Issue 15: 340 responses, 339 of them with a ground answered."""
    grounds = [("count", "grounds", key) for key in ("kon", "alder")]
    publication = Publication(
        (
            Quantity(ALL, "antal svar", 340),
            Quantity(("answered", "grounds"), "svar på grunderna", 339),
            Quantity(grounds[0], "kön", 200),
            Quantity(grounds[1], "ålder", 180),
        ),
        (covered_by(("answered", "grounds"), grounds),),
        ((("answered", "grounds"), ALL), *((key, ("answered", "grounds")) for key in grounds)),
    )
    result = audit(publication)
    assert messages(result) == [
        "Skillnaden mellan antal svar och svar på grunderna går att räkna ut och är en liten grupp (eller nästan)."
    ]
    assert result.findings[0].hide == ("answered", "grounds")


def test_a_cross_table_column_one_less_than_its_own_count_is_a_finding() -> None:
    """Issue 15: skola 78 in the table of arenas, 77 in the cross table's column."""
    publication = Publication(
        (
            Quantity(("count", "arenas", "skola"), "skola bland arenorna", 78),
            Quantity(("cross_column", "skola"), "skola i korstabellen", 77),
        ),
        (),
        ((("cross_column", "skola"), ("count", "arenas", "skola")),),
    )
    result = audit(publication)
    assert [finding.hide for finding in result.findings] == [("cross_column", "skola")]


def test_a_difference_pinned_through_a_hidden_total_is_found_too() -> None:
    """The answered count is hidden, but the counts add up to it: 30 of 32 responses answered."""
    keys = [("count", "frequency", str(i)) for i in range(2)]
    publication = Publication(
        (
            Quantity(ALL, "antal svar", 32),
            Quantity(ANSWERED, "svar på frågan", None),
            Quantity(keys[0], "raden 0", 10),
            Quantity(keys[1], "raden 1", 20),
        ),
        (adds_up(keys, ANSWERED),),
        ((ANSWERED, ALL), *((key, ANSWERED) for key in keys)),
    )
    result = audit(publication)
    assert messages(result) == [
        "svar på frågan: det dolda talet går att ringa in till färre än 4 möjliga värden.",
        "Skillnaden mellan antal svar och svar på frågan går att räkna ut och är en liten grupp (eller nästan).",
    ]
    assert {finding.hide for finding in result.findings} == {keys[0]}


def test_a_part_of_a_part_is_a_part_a_reader_can_subtract() -> None:
    """A cell of 48 inside a hidden row total inside a published count of 50: two responses had the
    ground but not this arena, whatever the row total is."""
    cell, row, count = ("cross", "alder", "skola"), ("cross_row", "alder"), ("count", "grounds", "alder")
    publication = Publication(
        (Quantity(cell, "cellen", 48), Quantity(row, "raden", None), Quantity(count, "åldern", 50)),
        (),
        ((cell, row), (row, count)),
    )
    assert "Skillnaden mellan åldern och cellen går att räkna ut" in messages(audit(publication))[1]


def test_nothing_published_leaves_every_hidden_number_open() -> None:
    result = audit(single_choice([None, None, None], None))
    assert result.findings == ()
    assert result.narrowest is None


def test_numbers_that_contradict_each_other_stop_the_audit() -> None:
    result = audit(single_choice([10, 20], 40))
    assert messages(result) == [
        "De publicerade talen går inte ihop med varandra, så skyddet kan inte prövas."
    ]


def test_a_relation_that_is_only_at_most_leaves_room() -> None:
    keys = [("count", "grounds", key) for key in ("a", "b")]
    publication = Publication(
        (Quantity(ANSWERED, "svar", 20), Quantity(keys[0], "a", None), Quantity(keys[1], "b", 15)),
        (Relation(((1, keys[0]), (-1, ANSWERED)), exact=False), covered_by(ANSWERED, keys)),
        (),
    )
    result = audit(publication)
    assert result.findings == ()
    assert result.narrowest == 16  # 5 … 20: at least 5 more answered, at most all 20 chose it


def test_the_error_names_every_finding_and_no_hidden_value() -> None:
    found = Finding("raden ”Kön” i tabellen ”Grunder”: det dolda talet går att ringa in.", None)
    error = audit_error(Audit(3, 0, 1, (found,)))
    assert error.summary == (
        "Statistiken skyddar inte alla små grupper: 1 tal går att räkna ut av det som skulle "
        "publiceras. Ingenting har publicerats."
    )
    assert error.details == [found.message]


def test_the_report_says_what_was_checked() -> None:
    result = audit(single_choice([None, None, 10, 20], 36))
    assert result.report() == {"hidden_checked": 2, "differences_checked": 4, "narrowest_range": 7}
