"""Make the captioned film of a featured story's reading with ffmpeg, cached by content.

The film plays the reading while the sentence being read stands in large type (storyboard.py
lays it out; the reading's cues know when each sentence is read). Each text reaches ffmpeg in a
file of its own, drawn with expansion off, so no character of a story is read as filter syntax
or as a `%{...}` expansion. A film is stored only when ffmpeg finished and the file it wrote
lasts as long as the reading, with a picture and sound, so a build never publishes an empty
or partial one. Same reading, texts, settings, fonts and ffmpeg: same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tempfile
from collections.abc import Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import imageio_ffmpeg

from generator import urls
from generator.audio.glyphs import FontError, read_widths
from generator.audio.storyboard import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    LINE_GAP,
    LINE_HEIGHT,
    Caption,
    Fonts,
    storyboard,
    undrawable,
)
from generator.model import Film, Reading, Story, Vocabulary
from generator.write import atomic_write

# Bump when what a film shows, or how it is encoded or cached, changes.
SETTINGS_VERSION = "1"
# The fonts, from Debian's fonts-dejavu-core (the Makefile installs it): Latin, Cyrillic,
# Vietnamese and Arabic, which ffmpeg's HarfBuzz and FriBidi join and set right to left.
FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
FONT_PACKAGE = "fonts-dejavu-core"
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
# The city's purple, with white text (8.9:1) and the warning in pale yellow (8.5:1).
BACKGROUND = "0x712082"
COLOURS = {"title": "white", "sentence": "white", "warning": "0xffe08a", "address": "white"}
# A still picture changes only between sentences: five frames a second show each one within
# a fifth of a second of its reading and cost next to nothing; a key frame at each sentence
# lets a viewer skip to it.
FRAMES_PER_SECOND = 5
ENCODING = (
    *("-c:v", "libx264", "-preset", "medium", "-tune", "stillimage", "-crf", "28", "-pix_fmt", "yuv420p"),
    *("-c:a", "aac", "-b:a", "64k"),
    *("-threads", "1", "-filter_threads", "1", "-filter_complex_threads", "1"),
    *("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"),
    *("-movflags", "+faststart"),
)
# ffmpeg makes a film of a long story in well under a minute; a hung one must not hang the build.
TIMEOUT_SECONDS = 600.0
# How far the film's length may be from the reading's: AAC's padding is a few hundredths.
DURATION_TOLERANCE = 0.5
OUTPUT = "film.mp4"


class FilmError(Exception):
    """A film could not be made: its story is published without one, and the editor is told why."""


@dataclass(frozen=True)
class FontFiles:
    """The fonts the film is drawn in: where they are, their widths and a digest of their bytes."""

    folder: Path
    fonts: Fonts
    digest: str


def load_fonts(folder: Path | None = None) -> FontFiles:
    """Read the film's fonts (from FONT_FOLDER unless told); raise FilmError, naming the package to
    install, if they are missing."""
    folder = folder or FONT_FOLDER
    try:
        data = {kind: (folder / name).read_bytes() for kind, name in FONT_FILES.items()}
        fonts = Fonts(read_widths(data["regular"]), read_widths(data["bold"]))
    except (OSError, FontError) as error:
        raise FilmError(
            f"filmerna behöver typsnittet DejaVu Sans i {folder} ({error}). "
            f"Installera det med: sudo apt-get install {FONT_PACKAGE}"
        ) from None
    digest = hashlib.sha256(b"".join(hashlib.sha256(data[kind]).digest() for kind in FONT_FILES)).hexdigest()
    return FontFiles(folder, fonts, digest)


@dataclass(frozen=True)
class FilmJob:
    """Everything one film is made of: the reading, and every text with when and where it shows."""

    story_id: str
    reading: Reading
    captions: tuple[Caption, ...]

    def key(self, fonts: FontFiles) -> str:
        material = {
            "version": SETTINGS_VERSION,
            "reading": self.reading.key,
            "duration": self.reading.duration,
            "captions": [asdict(caption) for caption in self.captions],
            "frame": [FRAME_WIDTH, FRAME_HEIGHT, FRAMES_PER_SECOND, BACKGROUND, COLOURS, LINE_HEIGHT],
            "encoding": ENCODING,
            "fonts": fonts.digest,
            "ffmpeg": [imageio_ffmpeg.__version__, Path(imageio_ffmpeg.get_ffmpeg_exe()).name],
        }
        return hashlib.sha256(json.dumps(material, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def film_texts(story: Story, vocabulary: Vocabulary, site_url: str) -> tuple[str, str]:
    """The film's warning (empty without one) and its closing address, in the story's language."""
    t = vocabulary.translation(story.language)
    warning = (
        f"{t.say('warning_label')} {t.say('warning_text', topics=t.topics(story.content_warnings))}"
        if story.content_warnings
        else ""
    )
    address = t.say("film_address", address=urls.as_typed(site_url)) if site_url else ""
    return warning, address


def film_job(
    story: Story, reading: Reading, vocabulary: Vocabulary, site_url: str, fonts: FontFiles
) -> FilmJob:
    """What the film of a story's reading shows; raise FilmError if its fonts cannot draw it."""
    warning, address = film_texts(story, vocabulary, site_url)
    captions = storyboard(reading.cues, reading.duration, warning, address, fonts.fonts)
    missing = undrawable(captions, fonts.fonts)
    if missing:
        raise FilmError(
            f"typsnittet kan inte rita tecknen {' '.join(missing)}, så filmen skulle visa tomma rutor"
        )
    return FilmJob(story.id, reading, captions)


def _drawtext(number: int, caption: Caption) -> str:
    """One text of the film, from its own file: ffmpeg never reads a story's words as syntax."""
    box = caption.box
    font = "bold" if caption.kind == "title" else "regular"
    return (
        f"drawtext=fontfile={font}.ttf:textfile=text-{number}.txt:expansion=none:text_shaping=1"
        f":fontcolor={COLOURS[caption.kind]}:fontsize={caption.size}"
        f":line_spacing={round(caption.size * LINE_GAP)}"
        f":x={box.x}:y={box.y}:boxw={box.width}:boxh={box.height}:text_align=C+M"
        f":enable='gte(t,{caption.start:.3f})*lt(t,{caption.end:.3f})'"
    )


def filtergraph(captions: Iterable[Caption], duration: float) -> str:
    """The picture: the background for the reading's length, with each text while it shows."""
    background = f"color=c={BACKGROUND}:s={FRAME_WIDTH}x{FRAME_HEIGHT}:r={FRAMES_PER_SECOND}:d={duration:.3f}"
    return ",\n".join([background, *(_drawtext(n, caption) for n, caption in enumerate(captions))]) + "[v]\n"


def _input(path: Path) -> str:
    """A file as ffmpeg opens it from the scratch folder: by its whole path, and as a file
    whatever its name holds (a name with a colon would otherwise name a protocol)."""
    return f"file:{path.resolve()}"


def ffmpeg_command(reading: Path, captions: tuple[Caption, ...]) -> list[str]:
    """ffmpeg reads the graph and the reading and writes the film, in the scratch folder."""
    key_frames = sorted(
        {f"{caption.start:.3f}" for caption in captions if caption.kind in ("title", "sentence")}
    )
    return [
        imageio_ffmpeg.get_ffmpeg_exe(),
        *("-hide_banner", "-loglevel", "error", "-nostdin", "-y"),
        *("-/filter_complex", "graph.txt", "-i", _input(reading)),
        *("-map", "[v]", "-map", "0:a:0", "-force_key_frames", ",".join(key_frames) or "0"),
        *ENCODING,
        OUTPUT,
    ]


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603 - our own arguments, no shell
            command, cwd=folder, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise FilmError(f"ffmpeg blev inte klar med filmen på {TIMEOUT_SECONDS:g} sekunder") from None
    except OSError as error:
        raise FilmError(f"ffmpeg kunde inte startas: {error}") from None


# How far ffmpeg got in decoding: its last progress line's time.
_DECODED = re.compile(rb"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)")


@dataclass(frozen=True)
class MediaFacts:
    """What ffmpeg finds when it decodes a file to the end."""

    seconds: float | None
    whole: bool
    picture: bool
    sound: bool


def media_facts(path: Path) -> MediaFacts:
    """Decode a file to the end, stopping at the first error: how long it played (None if not at
    all), whether it was whole, and whether it has the film's picture (H.264) and sound (AAC)."""
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-xerror", "-i", _input(path)]
    done = _run([*command, "-f", "null", "-"], path.resolve().parent)
    times = _DECODED.findall(done.stderr)
    seconds = int(times[-1][0]) * 3600 + int(times[-1][1]) * 60 + float(times[-1][2]) if times else None
    return MediaFacts(
        seconds, done.returncode == 0, b"Video: h264" in done.stderr, b"Audio: aac" in done.stderr
    )


def checked_film(path: Path, reading: Reading) -> bytes:
    """The film's bytes if it is whole: it plays to its end as long as the reading, with a picture
    and sound."""
    facts = media_facts(path)
    if facts.seconds is None or not (facts.whole and facts.picture and facts.sound):
        raise FilmError("ffmpeg skrev ingen hel film")
    if abs(facts.seconds - reading.duration) > DURATION_TOLERANCE:
        raise FilmError(f"filmen är {facts.seconds:.2f} s lång men uppläsningen {reading.duration:.2f} s")
    return path.read_bytes()


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "inget felmeddelande"


def make_film(job: FilmJob, fonts: FontFiles) -> bytes:
    """Draw the film in a scratch folder and return its bytes; raise FilmError if it is not whole."""
    with tempfile.TemporaryDirectory(prefix="film-") as scratch:
        folder = Path(scratch)
        for kind, name in FONT_FILES.items():
            (folder / f"{kind}.ttf").symlink_to(fonts.folder / name)
        for number, caption in enumerate(job.captions):
            atomic_write(folder / f"text-{number}.txt", "\n".join(caption.lines).encode("utf-8"))
        atomic_write(folder / "graph.txt", filtergraph(job.captions, job.reading.duration).encode("utf-8"))
        done = _run(ffmpeg_command(job.reading.source, job.captions), folder)
        if done.returncode != 0:
            raise FilmError(f"ffmpeg kunde inte göra filmen: {_last_line(done.stderr)}")
        return checked_film(folder / OUTPUT, job.reading)


# The names of a cache entry's two files: the key (a SHA-256 in hex) and what the file holds.
_ENTRY_FILE = re.compile(r"(?P<key>[0-9a-f]{64})\.(?:mp4|json)")


@dataclass(frozen=True)
class FilmCache:
    """Films on disk: `<key>.mp4` and `<key>.json`; an entry exists only when both do and agree.

    With `reuse` False (`build --fresh`) nothing already there is used, but new films are kept.
    """

    folder: Path
    reuse: bool = True

    def load(self, key: str, story_id: str) -> Film | None:
        if not self.reuse:
            return None
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            size = (self.folder / f"{key}.mp4").stat().st_size
        except (OSError, ValueError):
            return None
        if size == 0 or size != meta.get("size"):
            return None
        return Film(story_id, key, self.folder / f"{key}.mp4", size, meta["duration"])

    def store(self, key: str, job: FilmJob, data: bytes) -> Film:
        """The film first, then what says it is whole: a killed build leaves no entry."""
        atomic_write(self.folder / f"{key}.mp4", data)
        meta = {
            "story_id": job.story_id,
            "reading": job.reading.key,
            "size": len(data),
            "duration": job.reading.duration,
        }
        atomic_write(self.folder / f"{key}.json", json.dumps(meta, sort_keys=True).encode())
        return Film(job.story_id, key, self.folder / f"{key}.mp4", len(data), job.reading.duration)

    def keep_only(self, readings: Collection[str], story_ids: Collection[str]) -> None:
        """Delete every film but those of these stories made from these readings: a withdrawn or
        no longer featured story's film goes, and so does a film of an earlier text."""
        for entry in self._entries():
            found = _ENTRY_FILE.fullmatch(entry.name)
            if found and not self._kept(found["key"], readings, story_ids):
                entry.unlink(missing_ok=True)

    def _kept(self, key: str, readings: Collection[str], story_ids: Collection[str]) -> bool:
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return meta.get("reading") in readings and meta.get("story_id") in story_ids

    def is_empty(self) -> bool:
        return not any(_ENTRY_FILE.fullmatch(entry.name) for entry in self._entries())

    def _entries(self) -> list[Path]:
        return sorted(self.folder.iterdir()) if self.folder.is_dir() else []


@dataclass(frozen=True)
class FilmOutcome:
    """What the film step did: the films by story, counts, and why a story got none."""

    films: dict[str, Film]
    made: int
    reused: int
    failed: dict[str, str]


def _film_of(job: FilmJob, fonts: FontFiles, cache: FilmCache) -> tuple[Film, bool] | str:
    """A story's film from the cache or made now, and whether it was made; else why not."""
    key = job.key(fonts)
    found = cache.load(key, job.story_id)
    if found:
        return found, False
    try:
        return cache.store(key, job, make_film(job, fonts)), True
    except FilmError as error:
        return str(error)


def make_films(
    stories: Iterable[Story],
    readings: Mapping[str, Reading],
    vocabulary: Vocabulary,
    site_url: str,
    cache: FilmCache,
    workers: int = 2,
) -> FilmOutcome:
    """Find or make the film of every featured story with a reading; a story whose film cannot be
    made is published without one, and the outcome says why."""
    featured = [story for story in stories if story.featured and story.id in readings]
    if not featured:
        return FilmOutcome({}, 0, 0, {})
    try:
        fonts = load_fonts()
    except FilmError as error:
        return FilmOutcome({}, 0, 0, dict.fromkeys((story.id for story in featured), str(error)))
    jobs: list[FilmJob] = []
    failed: dict[str, str] = {}
    for story in featured:
        try:
            jobs.append(film_job(story, readings[story.id], vocabulary, site_url, fonts))
        except FilmError as error:
            failed[story.id] = str(error)
    with ThreadPoolExecutor(max(1, min(workers, len(jobs) or 1))) as pool:
        results = dict(
            zip(
                (job.story_id for job in jobs),
                pool.map(lambda job: _film_of(job, fonts, cache), jobs),
                strict=True,
            )
        )
    films = {story_id: result[0] for story_id, result in results.items() if not isinstance(result, str)}
    failed |= {story_id: result for story_id, result in results.items() if isinstance(result, str)}
    made = sum(1 for result in results.values() if not isinstance(result, str) and result[1])
    return FilmOutcome(dict(sorted(films.items())), made, len(films) - made, dict(sorted(failed.items())))
