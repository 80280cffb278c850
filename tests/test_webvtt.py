from __future__ import annotations

from generator.audio.webvtt import cue_lengths, timestamp, webvtt
from generator.model import Cue


def test_timestamp() -> None:
    assert timestamp(0) == "00:00:00.000"
    assert timestamp(61.5) == "00:01:01.500"
    assert timestamp(3725.0004) == "01:02:05.000"


def test_webvtt_has_one_cue_per_sentence_with_escaped_one_line_text() -> None:
    cues = [Cue("mening-0", 0.0, 1.25, "Rubrik"), Cue("mening-1", 1.25, 3.0, "<b>a</b> & -->\n\nb")]
    assert webvtt(cues) == (
        "WEBVTT\n\n"
        "mening-0\n00:00:00.000 --> 00:00:01.250\nRubrik\n\n"
        "mening-1\n00:00:01.250 --> 00:00:03.000\n&lt;b&gt;a&lt;/b&gt; &amp; --&gt; b\n"
    )


def test_cue_lengths_read_back_what_webvtt_wrote() -> None:
    cues = [Cue("mening-0", 0.0, 1.25, "Rubrik"), Cue("mening-1", 1.25, 3.0, "00:00:09.000 --> 00:00:10.000")]
    assert cue_lengths(webvtt(cues)) == (1.25, 1.75)
    assert cue_lengths("WEBVTT\n") == ()
