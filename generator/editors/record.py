"""The publishing record: what a deploy published, as a short table for the workflow's summary.

The build's `--report` JSON is the record itself (kept as an artefact); this is how it reads to
a person, so the city can see when the public voice changed: how many readings were made, by
which voice, and how many were fetched from the live site.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import VOICE_LABELS


def _count(report: Mapping[str, object], key: str) -> str:
    value = report.get(key)
    return str(value) if isinstance(value, int) else "–"


def _voices(report: Mapping[str, object]) -> str:
    voices = report.get("readings_by_voice")
    if not isinstance(voices, Mapping) or not voices:
        return "inga uppläsningar"
    return ", ".join(
        f"{VOICE_LABELS.get(engine, engine)}: {count}" for engine, count in sorted(voices.items())
    )


def _audit(report: Mapping[str, object]) -> str:
    audit = report.get("statistics_audit")
    if not isinstance(audit, Mapping):
        return "ingen enkätexport"
    narrowest = audit.get("narrowest_range")
    return (
        f"{audit.get('hidden_checked')} dolda tal och {audit.get('differences_checked')} skillnader prövade, "
        + (
            f"det snävaste dolda talet har {narrowest} möjliga värden"
            if narrowest is not None
            else "inget dolt tal"
        )
    )


def render_record(report: Mapping[str, object]) -> str:
    """Return the build report as a Markdown table: counts, readings by where they came from and
    which voice reads them, the statistics audit, the commit and the date."""
    rows = [
        ("Berättelser publicerade", _count(report, "published")),
        ("Berättelser inte publicerade", _count(report, "not_published")),
        ("Uppläsningar gjorda nu", _count(report, "audio_synthesised")),
        ("… av den inbyggda rösten för att Google inte svarade", _count(report, "audio_offline_fallback")),
        ("Uppläsningar hämtade från webbplatsen", _count(report, "audio_fetched")),
        ("Uppläsningar på webbplatsen som inte klarade kontrollen", _count(report, "audio_fetch_refused")),
        ("Uppläsningar ur cachen", _count(report, "audio_reused")),
        ("Berättelser utan uppläsning", _count(report, "audio_missing")),
        ("Rösterna som läser upp", _voices(report)),
        ("Frågor till Google", _count(report, "speech_requests")),
        ("Statistikens granskning", _audit(report)),
        ("Tal som inte visas i statistiken", _count(report, "statistics_hidden")),
        ("Commit", f"`{report.get('commit') or 'okänd'}`"),
        ("Byggd", str(report.get("finished") or "okänt")),
    ]
    lines = ["## Publicerat", "", "| vad | värde |", "| --- | --- |"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return "\n".join(lines) + "\n"
