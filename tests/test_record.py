"""The publishing record: the build's report as a table for the deploy's summary."""

from __future__ import annotations

from generator.editors.record import render_record

REPORT: dict[str, object] = {
    "commit": "0123456789abcdef0123456789abcdef01234567",
    "finished": "2026-05-04T10:11:12+00:00",
    "published": 39,
    "not_published": 5,
    "voice": "gtts",
    "audio_synthesised": 2,
    "audio_reused": 0,
    "audio_fetched": 36,
    "audio_fetch_refused": 1,
    "readings_from": "https://berattelser.example.se/",
    "readings_by_voice": {"gtts": 30, "espeak": 8},
    "audio_offline_fallback": 1,
    "audio_missing": 1,
    "speech_requests": 34,
    "statistics_hidden": 93,
    "statistics_audit": {"hidden_checked": 93, "differences_checked": 1026, "narrowest_range": 8},
}


def test_the_record_is_a_table_of_what_was_published_and_by_which_voice() -> None:
    assert render_record(REPORT) == (
        "## Publicerat\n"
        "\n"
        "| vad | värde |\n"
        "| --- | --- |\n"
        "| Berättelser publicerade | 39 |\n"
        "| Berättelser inte publicerade | 5 |\n"
        "| Uppläsningar gjorda nu | 2 |\n"
        "| … av den inbyggda rösten för att Google inte svarade | 1 |\n"
        "| Uppläsningar hämtade från webbplatsen | 36 |\n"
        "| Uppläsningar på webbplatsen som inte klarade kontrollen | 1 |\n"
        "| Uppläsningar ur cachen | 0 |\n"
        "| Berättelser utan uppläsning | 1 |\n"
        "| Rösterna som läser upp | eSpeak NG: 8, Google: 30 |\n"
        "| Frågor till Google | 34 |\n"
        "| Statistikens granskning | 93 dolda tal och 1026 skillnader prövade, det snävaste dolda talet "
        "har 8 möjliga värden |\n"
        "| Tal som inte visas i statistiken | 93 |\n"
        "| Commit | `0123456789abcdef0123456789abcdef01234567` |\n"
        "| Byggd | 2026-05-04T10:11:12+00:00 |\n"
    )


def test_a_record_without_readings_statistics_or_commit_says_so() -> None:
    bare = {**REPORT, "readings_by_voice": {}, "statistics_audit": None, "commit": None}
    table = render_record(bare)
    assert "| Rösterna som läser upp | inga uppläsningar |" in table
    assert "| Statistikens granskning | ingen enkätexport |" in table
    assert "| Commit | `okänd` |" in table
