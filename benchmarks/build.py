"""Benchmark the whole build on synthetic archives: every stage, peak memory and the site's weight.

Run:  .venv/bin/python benchmarks/build.py [--sizes 100 1000 10000] [--runs 3] [--audio-size 100]

For each size N it writes an archive that follows the input contract (N stories, 90 % approved and
stamped, an export of N responses), then, in a fresh process per run (so peak memory is that
build's own): `build --voice none`, timed stage by stage; a rebuild after one edited story; the
deploy in GitHub Actions after another (a new checkout with what the workflow's cache restores:
.cache/ and the generated pages, but no site/); a rebuild after an editor approves a draft (one
story fewer hidden); and a bare `mkdocs build` of the same generated docs/, so our overhead is a
ratio from the same run.
The build's worker processes are measured beside it: their CPU time and their sampled peak
memory. eSpeak NG's cold and warm cache are timed at --audio-size. Prints a table (median of the
runs) and writes benchmarks/results/build.json. Not a test: it measures, it does not judge.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SEED = 20261125


def _words() -> list[str]:
    """Everyday Swedish words that the personal-data screen has no reason to flag."""
    from wordfreq import top_n_list

    from generator.privacy.personal_data import screen

    words = [w for w in top_n_list("sv", 3000) if w.isalpha() and len(w) > 2]
    return [w for w in words if not screen(w.capitalize(), "sv", "x")]


def write_archive(folder: Path, size: int) -> None:
    """Write a synthetic archive of `size` stories and an export of as many responses."""
    from generator.intake.approval import content_hash
    from generator.intake.vocabulary import load_vocabulary
    from generator.text import split_paragraphs

    vocabulary = load_vocabulary()
    words = _words()
    rng = random.Random(SEED + size)
    folder.mkdir(parents=True)
    grounds, arenas, experiences = (sorted(vocabulary.terms(k)) for k in ("grounds", "arenas", "experiences"))
    languages = ["sv"] * 8 + ["en", "ar"]
    for number in range(1, size + 1):
        story_id = f"syn-{number:05d}"
        paragraphs = [
            ". ".join(" ".join(rng.choices(words, k=rng.randint(8, 16))).capitalize() for _ in range(5)) + "."
            for _ in range(3)
        ]
        body = "\n\n".join(paragraphs)
        title = " ".join(rng.choices(words, k=4)).capitalize()
        language = rng.choice(languages)
        status = "approved" if number % 10 else rng.choice(["draft", "review", "withdrawn"])
        fields: dict[str, object] = {
            "id": story_id,
            "title": title,
            "status": status,
            "language": language,
            "collected": f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}",
            "grounds": sorted(rng.sample(grounds, rng.randint(1, 2))),
            "arenas": sorted(rng.sample(arenas, rng.randint(1, 2))),
            "experiences": sorted(rng.sample(experiences, 1)),
            "measures": sorted(rng.sample(range(1, 18), rng.randint(0, 2))),
        }
        if status == "approved":
            fields |= {
                "approved_by": "redaktor-bench",
                "approved_on": "2026-01-01",
                "approved_hash": content_hash(title, language, split_paragraphs(body)),
            }
        header = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None)
        (folder / f"{story_id}.md").write_text(f"---\n{header}---\n{body}\n", encoding="utf-8")
    _write_export(folder / "responses.csv", size, rng, vocabulary)


def _write_export(path: Path, size: int, rng: random.Random, vocabulary: object) -> None:
    from generator.model import Vocabulary

    assert isinstance(vocabulary, Vocabulary)
    columns = [
        "response_id", "collected", "language", "grounds", "arenas", "experiences", "frequency", "reported",
        "age_group", "triad_reaction_a", "triad_reaction_b", "triad_reaction_c", "dyad_belonging",
    ]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for number in range(1, size + 1):
            a, b = rng.random(), rng.random()
            low, high = min(a, b), max(a, b)
            writer.writerow(
                [
                    f"r{number:05d}",
                    f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}",
                    rng.choice(["sv", "sv", "sv", "en", "ar", "vi", "bs"]),
                    ";".join(rng.sample(sorted(vocabulary.grounds), rng.randint(1, 2))),
                    ";".join(rng.sample(sorted(vocabulary.arenas), rng.randint(1, 2))),
                    rng.choice(sorted(vocabulary.experiences)),
                    rng.choice(sorted(vocabulary.frequencies)),
                    rng.choice(sorted(vocabulary.reported)),
                    rng.choice(sorted(vocabulary.age_groups)),
                    f"{low:.3f}",
                    f"{high - low:.3f}",
                    f"{1 - high:.3f}",
                    rng.randint(0, 100),
                ]
            )


def _project(folder: Path) -> Path:
    """A copy of the project's MkDocs side to build in, so the real docs/ is never touched."""
    project = folder / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    from generator import urls

    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == ROOT / "docs" and (urls.is_generated(n) or n.startswith("."))
        ],
    )
    return project


class WorkerMemory:
    """Sample the resident memory of this process's descendants (the build's worker processes).

    ru_maxrss cannot tell a worker's own peak: a spawned process starts as a copy of this one.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            workers = _tree(os.getpid())[1:]
            self.peak_bytes = max(self.peak_bytes, sum(_rss(pid) for pid in workers))


def _tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += _tree(int(child))
    return found


def _rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0  # ended between the listing and the reading
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) * 1024 if match else 0


def one_run(archive: Path, voice: str) -> dict[str, object]:
    """One measured run, in this (fresh) process: build, one-story rebuild, bare MkDocs."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.pipeline import BuildOptions, build_site

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        stories = work / "stories"
        shutil.copytree(archive, stories)
        project = _project(work)
        options = BuildOptions(stories, project / "site", project / "mkdocs.yml", voice, work / "cache")
        # Each timing starts with nothing left to flush to disk from the step before it, as when an
        # editor builds again minutes later: otherwise one step pays for the writes of the last.
        os.sync()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with WorkerMemory() as memory:
            first = build_site(options)
        total = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        _edit(stories / "syn-00001.md")
        os.sync()
        start = time.perf_counter()
        second = build_site(options)
        rebuild = time.perf_counter() - start
        # The deploy in GitHub Actions after a merged edit: a new checkout (no site/ yet) with what
        # the workflow's cache step restores, .cache/ and the generated pages under docs/.
        _edit(stories / "syn-00002.md")
        shutil.rmtree(project / "site")
        os.sync()
        start = time.perf_counter()
        third = build_site(options)
        deploy = time.perf_counter() - start
        # An editor approves a draft: one story more is published, one fewer is hidden.
        _approve_a_draft(stories)
        os.sync()
        start = time.perf_counter()
        fourth = build_site(options)
        approve = time.perf_counter() - start
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / "bare"))
        os.sync()
        start = time.perf_counter()
        mkdocs_build(config)
        bare = time.perf_counter() - start
        site = project / "site"
        # Pagefind's index (words, fragments, filters, metadata), compressed as it is served.
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*.pf_*"))
        story_page = (site / "berattelser" / "syn-00002" / "index.html").read_bytes()
        audio_bytes = (
            sum(p.stat().st_size for p in (site / "ljud").glob("*.mp3")) if (site / "ljud").exists() else 0
        )
        return {
            "published": first.published,
            "total": total,
            "stages": first.timings,
            "rebuild_one_story": rebuild,
            "rebuild_stages": second.timings,
            "rebuild_pages_written": second.pages.written,
            "rebuild_readings_new": second.audio.synthesised,
            "deploy": deploy,
            "deploy_stages": third.timings,
            "approve_draft": approve,
            "approve_stages": fourth.timings,
            "bare_mkdocs": bare,
            "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            # The build's worker processes (checking new files, then pages): CPU time and memory.
            "worker_cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "workers_peak_mb": memory.peak_bytes / 2**20,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "search_index_bytes": index_bytes,
            "story_page_bytes": len(story_page),
            "audio_bytes": audio_bytes,
        }


def _edit(path: Path) -> None:
    """Add a sentence to a story and approve it again, as an editor would after reading it."""
    from generator.editors import decisions as editors

    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\n---\nNy mening. ", 1))
    editors.approve(path.parent, path.stem, "redaktor-bench", datetime.date(2026, 1, 2))


def _approve_a_draft(stories: Path) -> None:
    """Approve the first story that is a draft or in review, as an editor does once it is read."""
    from generator.editors import decisions as editors

    for path in sorted(stories.glob("syn-*.md")):
        if re.search(r"^status: (draft|review)$", path.read_text(encoding="utf-8"), re.MULTILINE):
            editors.approve(stories, path.stem, "redaktor-bench", datetime.date(2026, 1, 3))
            return
    raise SystemExit(f"Inget utkast att godkänna i {stories}.")


def _child(archive: Path, voice: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(archive), "--voice", voice],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(run[key]) for run in runs)  # type: ignore[arg-type]


def _own_seconds(total: float, stages: dict[str, float]) -> float:
    """The generator's own time: all of the build but reading aloud and MkDocs (untimed moments too)."""
    return total - stages.get("audio", 0.0) - stages.get("mkdocs", 0.0)


def summarise(size: int, runs: list[dict[str, object]]) -> dict[str, object]:
    stages = sorted({stage for run in runs for stage in run["stages"]})  # type: ignore[attr-defined]
    stage_medians = {s: statistics.median(run["stages"].get(s, 0.0) for run in runs) for s in stages}  # type: ignore[attr-defined]
    total = _median(runs, "total")
    ours = statistics.median(_own_seconds(float(run["total"]), run["stages"]) for run in runs)  # type: ignore[arg-type]
    rebuild_ours, deploy_ours, approve_ours = (
        statistics.median(_own_seconds(float(run[total]), run[stages]) for run in runs)  # type: ignore[arg-type]
        for total, stages in (
            ("rebuild_one_story", "rebuild_stages"),
            ("deploy", "deploy_stages"),
            ("approve_draft", "approve_stages"),
        )
    )
    published = int(runs[0]["published"])  # type: ignore[call-overload]
    return {
        "stories": size,
        "published": published,
        "runs": len(runs),
        "total_s": round(total, 2),
        "stages_s": {s: round(v, 3) for s, v in stage_medians.items()},
        **{
            f"{build}_stages_s": {
                s: round(statistics.median(run[f"{build}_stages"].get(s, 0.0) for run in runs), 3)  # type: ignore[attr-defined]
                for s in stages
            }
            for build in ("rebuild", "deploy", "approve")
        },
        "generator_share": round(ours / total, 3),
        "rebuild_generator_share": round(rebuild_ours / _median(runs, "rebuild_one_story"), 3),
        "worker_cpu_s": round(_median(runs, "worker_cpu_s"), 2),
        "rebuild_one_story_s": round(_median(runs, "rebuild_one_story"), 2),
        "bare_mkdocs_s": round(_median(runs, "bare_mkdocs"), 2),
        "rebuild_over_bare": round(_median(runs, "rebuild_one_story") / _median(runs, "bare_mkdocs"), 2),
        "rebuild_pages_written": runs[0]["rebuild_pages_written"],
        "deploy_s": round(_median(runs, "deploy"), 2),
        "deploy_generator_share": round(deploy_ours / _median(runs, "deploy"), 3),
        "approve_draft_s": round(_median(runs, "approve_draft"), 2),
        "approve_generator_share": round(approve_ours / _median(runs, "approve_draft"), 3),
        "peak_memory_mb": round(max(float(run["peak_memory_mb"]) for run in runs), 1),  # type: ignore[arg-type]
        "workers_peak_mb": round(max(float(run["workers_peak_mb"]) for run in runs), 1),  # type: ignore[arg-type]
        "site_mb": round(_median(runs, "site_bytes") / 1e6, 1),
        "search_index_mb": round(_median(runs, "search_index_bytes") / 1e6, 2),
        "search_bytes_per_story": round(_median(runs, "search_index_bytes") / published),
        "story_page_kb": round(_median(runs, "story_page_bytes") / 1e3, 1),
        "audio_bytes_per_story": round(_median(runs, "audio_bytes") / published),
    }


def _stage(name: str) -> Callable[[dict[str, Any]], float]:
    return lambda row: float(row["stages_s"].get(name, 0.0))


def _field(name: str, scale: float = 1.0) -> Callable[[dict[str, Any]], float]:
    return lambda row: float(row[name]) * scale


# The printed table: heading, value, format.
COLUMNS: list[tuple[str, Callable[[dict[str, Any]], float], str]] = [
    ("N", _field("stories"), ".0f"),
    ("build s", _field("total_s"), ".2f"),
    *[
        (stage, _stage(stage), ".2f")
        for stage in ("load", "statistics", "render", "write", "mkdocs", "search", "checks", "swap")
    ],
    ("ours %", _field("generator_share", 100), ".1f"),
    ("worker cpu s", _field("worker_cpu_s"), ".2f"),
    ("1 edit s", _field("rebuild_one_story_s"), ".2f"),
    ("bare s", _field("bare_mkdocs_s"), ".2f"),
    ("edit/bare", _field("rebuild_over_bare"), ".2f"),
    ("edit ours %", _field("rebuild_generator_share", 100), ".1f"),
    ("CI s", _field("deploy_s"), ".2f"),
    ("CI ours %", _field("deploy_generator_share", 100), ".1f"),
    ("approve s", _field("approve_draft_s"), ".2f"),
    ("approve ours %", _field("approve_generator_share", 100), ".1f"),
    ("peak MB", _field("peak_memory_mb"), ".0f"),
    ("workers MB", _field("workers_peak_mb"), ".0f"),
    ("site MB", _field("site_mb"), ".1f"),
    ("index MB", _field("search_index_mb"), ".2f"),
    ("index B/story", _field("search_bytes_per_story"), ".0f"),
    ("page kB", _field("story_page_kb"), ".1f"),
    ("audio B/story", _field("audio_bytes_per_story"), ".0f"),
]


def print_table(rows: list[dict[str, Any]]) -> None:
    cells = [[f"{value(row):{spec}}" for _, value, spec in COLUMNS] for row in rows]
    widths = [
        max(len(heading), *(len(line[i]) for line in cells)) for i, (heading, _, _) in enumerate(COLUMNS)
    ]
    print("  ".join(f"{heading:>{width}}" for (heading, _, _), width in zip(COLUMNS, widths, strict=True)))
    for line in cells:
        print("  ".join(f"{cell:>{width}}" for cell, width in zip(line, widths, strict=True)))


def audio_figures(size: int) -> dict[str, object]:
    """eSpeak NG at `size` stories: a cold cache, then a warm one; and the generator's share of a
    first build that reads every story aloud, as a real archive's first build does."""
    with tempfile.TemporaryDirectory() as temporary:
        archive = Path(temporary) / "stories"
        write_archive(archive, size)
        cold = _child(archive, "espeak")
        stages: dict[str, float] = cold["stages"]  # type: ignore[assignment]
        published = int(cold["published"])  # type: ignore[call-overload]
        total = float(cold["total"])  # type: ignore[arg-type]
        return {
            "stories": size,
            "build_s": round(total, 2),
            "generator_share": round(_own_seconds(total, stages) / total, 3),
            "audio_cold_s": round(stages["audio"], 2),
            "audio_bytes_per_story": round(float(cold["audio_bytes"]) / published),  # type: ignore[arg-type]
            "rebuild_one_story_s": round(float(cold["rebuild_one_story"]), 2),  # type: ignore[arg-type]
            "rebuild_readings_new": cold["rebuild_readings_new"],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--audio-size", type=int, default=100, help="0 to skip the eSpeak NG figures")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--voice", default="none", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(one_run(arguments.one, arguments.voice)))
        return
    rows = []
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as temporary:
            archive = Path(temporary) / "stories"
            write_archive(archive, size)
            runs = [_child(archive, "none") for _ in range(arguments.runs)]
        rows.append(summarise(size, runs))
        print(f"N={size}: {rows[-1]['total_s']} s", file=sys.stderr)
    print_table(rows)
    report: dict[str, object] = {"builds": rows}
    if arguments.audio_size:
        report["audio"] = audio_figures(arguments.audio_size)
        print(f"eSpeak NG, {arguments.audio_size} berättelser: {report['audio']}")
    if len(rows) > 1:
        ratios = [
            f"{b['stories']}/{a['stories']}: {float(b['total_s']) / float(a['total_s']):.2f}×"  # type: ignore[arg-type]
            for a, b in itertools.pairwise(rows)
        ]
        print("Tid, större arkiv / mindre: " + ", ".join(ratios))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "build.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
