"""The captioned film of a featured story's reading: its layout in the frame, its fonts, the film
ffmpeg makes of it (real ffmpeg, real eSpeak NG readings), its cache, and a whole build."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import ImageFont

from generator.audio import film as film_module
from generator.audio.film import (
    FONT_FOLDER,
    FilmCache,
    FilmError,
    FilmJob,
    FontFiles,
    checked_film,
    film_job,
    film_texts,
    filtergraph,
    load_fonts,
    make_film,
    make_films,
    media_facts,
)
from generator.audio.glyphs import FontError, GlyphWidths, read_widths
from generator.audio.readings import AudioCache, read_aloud
from generator.audio.storyboard import SENTENCE_BOX, TOP_BAND, Caption, fit, storyboard, wrap
from generator.audio.voice_espeak import EspeakVoice
from generator.editors import decisions as editors
from generator.intake.vocabulary import load_vocabulary
from generator.model import Cue, Reading, Story
from generator.pipeline import BuildOptions, BuildResult, build_site
from tests.conftest import FIXTURE_ARCHIVE
from tests.test_audio import make_story as story_for_audio

SITE = "Arkivet"
SITE_URL = "https://berattelser.example.se/"
REGULAR = FONT_FOLDER / "DejaVuSans.ttf"
VOCABULARY = load_vocabulary()
# Text as hostile to ffmpeg's filter syntax and drawtext's expansions as a title can be.
HOSTILE = "Citat \"x\" 'y' \\ bak: kolon; 100 % %{pts} %{eif\\:1+1\\:d} [v], =a:b \\n {{ x }}"


def make_story(story_id: str = "hbg-0001", **changes: object) -> Story:
    """A featured story of two short sentences, made as the audio tests make theirs."""
    return story_for_audio(
        story_id, **{"paragraphs": ("Första meningen. Den andra.",), "featured": True} | changes
    )


@pytest.fixture(scope="module")
def fonts() -> FontFiles:
    return load_fonts()


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Story], Reading]:
    """Read a story with eSpeak NG into a cache of this module's own; the same story once."""
    cache = AudioCache(tmp_path_factory.mktemp("readings"))
    voice = EspeakVoice()

    def read(story: Story) -> Reading:
        return read_aloud([story], voice, voice, cache, SITE).readings[story.id]

    return read


@pytest.fixture
def ffmpeg_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every ffmpeg command run, counted where the process starts (it still runs)."""
    runs: list[list[str]] = []
    real_run = subprocess.run

    def counting(command: list[str], *args: object, **kwargs: object) -> object:
        if command and command[0] == imageio_ffmpeg.get_ffmpeg_exe():
            runs.append(list(command))
        return real_run(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting)
    return runs


def first_frame(film: bytes, tmp_path: Path) -> bytes:
    """The film's first picture as raw pixels, decoded by ffmpeg."""
    path = tmp_path / "first.mp4"
    path.write_bytes(film)
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-frames:v", "1"]
    command += ["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]
    return subprocess.run(command, capture_output=True, check=True).stdout


# ---- The fonts' widths


@pytest.mark.parametrize(
    "text",
    [
        "Jag har jobbat på samma ställe i sex år",
        "WWWMMM mmm ÅÄÖ åäö 0123456789 %@&",
        "Tôi đã làm việc ở cùng một chỗ",
        "Радио је било укључено цијели дан",
    ],
)
def test_a_lines_width_is_the_width_the_font_draws(text: str) -> None:
    widths = read_widths(REGULAR.read_bytes())
    drawn = ImageFont.truetype(str(REGULAR), 100).getlength(text)
    assert widths.width(text, 100) == pytest.approx(drawn, abs=len(text) * 0.5)


def test_arabic_joined_is_never_wider_than_measured() -> None:
    """Its letters are measured in their separate forms, which are wider than the joined ones."""
    text = "كنت أعمل في نفس المكان لمدة ست سنوات"
    widths = read_widths(REGULAR.read_bytes())
    assert widths.width(text, 100) >= ImageFont.truetype(str(REGULAR), 100).getlength(text)


def test_a_file_that_is_no_font_is_refused() -> None:
    with pytest.raises(FontError, match="typsnittet går inte att läsa"):
        read_widths(b"\x00\x01\x00\x00" + b"\x00" * 8)


def test_missing_fonts_name_the_package_to_install(tmp_path: Path) -> None:
    with pytest.raises(FilmError) as raised:
        load_fonts(tmp_path)
    assert str(raised.value) == (
        f"filmerna behöver typsnittet DejaVu Sans i {tmp_path} "
        f"([Errno 2] No such file or directory: '{tmp_path / 'DejaVuSans.ttf'}'). "
        "Installera det med: sudo apt-get install fonts-dejavu-core"
    )


# ---- Lines in the frame


@pytest.mark.parametrize(
    "text",
    [
        "Kort.",
        "Han sa att jag var en skam, att jag borde åka hem, att jag inte hörde hit.",
        "m" * 300,
        "WWWWWWWWWWWWWWWWWWWW " * 12,
        "Ordet " + "Diskrimineringsombudsmannensförvaltningsrättsligaövervakning" * 3 + " slutar.",
        "Tôi đã làm việc ở cùng một chỗ trong sáu năm và ngày nào cũng bị hỏi. " * 4,
        HOSTILE,
    ],
)
def test_every_line_fits_the_frame_and_no_word_is_lost(text: str, fonts: FontFiles) -> None:
    size, pages = fit(text, fonts.fonts.regular, SENTENCE_BOX)
    drawn = ImageFont.truetype(str(REGULAR), size)
    for page in pages:
        assert 1 <= len(page) <= SENTENCE_BOX.lines_at(size)
        for line in page:
            assert drawn.getlength(line) <= SENTENCE_BOX.width
    assert "".join(line for page in pages for line in page).replace(" ", "") == text.replace(" ", "")


def test_a_short_sentence_gets_the_largest_type_and_a_long_one_smaller(fonts: FontFiles) -> None:
    assert fit("Kort.", fonts.fonts.regular, SENTENCE_BOX) == (60, [("Kort.",)])
    size, pages = fit("Ett ord till. " * 20, fonts.fonts.regular, SENTENCE_BOX)
    assert size < 60
    assert len(pages) == 1


def test_a_word_is_never_cut_before_its_combining_mark(fonts: FontFiles) -> None:
    word = "a\u0301" * 200  # á written as a letter and a combining accent
    lines = wrap(word, fonts.fonts.regular, 60, SENTENCE_BOX.width)
    assert len(lines) > 1
    assert all(line.startswith("a") and line.endswith("\u0301") for line in lines)


def test_a_text_too_long_for_one_frame_is_shown_in_turns_that_share_its_time(fonts: FontFiles) -> None:
    cues = [Cue("mening-0", 0.0, 2.0, "Rubrik"), Cue("mening-1", 2.0, 32.0, "Ett ord till. " * 80)]
    captions = storyboard(cues, 32.5, "", "", fonts.fonts)
    sentence = [caption for caption in captions if caption.kind == "sentence"]
    assert len(sentence) > 1
    assert sentence[0].start == 2.0
    assert sentence[-1].end == 32.5
    assert all(a.end == b.start for a, b in itertools.pairwise(sentence))


def test_the_title_comes_first_the_warning_as_it_opens_and_the_address_as_it_ends(fonts: FontFiles) -> None:
    cues = [
        Cue("mening-0", 0.0, 1.5, "Titeln"),
        Cue("mening-1", 1.5, 4.0, "En mening."),
        Cue("mening-2", 4.0, 9.8, "Den sista."),
    ]
    captions = storyboard(cues, 10.2, "Innehållsvarning: hot.", "Fler: example.se", fonts.fonts)
    shown = [(c.kind, c.start, c.end, c.lines) for c in captions]
    assert shown == [
        ("title", 0.0, 1.5, ("Titeln",)),
        ("sentence", 1.5, 4.0, ("En mening.",)),
        ("sentence", 4.0, 10.2, ("Den sista.",)),
        ("warning", 0.0, 6.0, ("Innehållsvarning: hot.",)),
        ("address", 4.2, 10.2, ("Fler: example.se",)),
    ]
    assert captions[3].box == TOP_BAND
    assert [c.kind for c in storyboard(cues, 10.2, "", "", fonts.fonts)] == ["title", "sentence", "sentence"]


def test_a_long_title_keeps_the_warning_while_it_is_read(fonts: FontFiles) -> None:
    cues = [Cue("mening-0", 0.0, 8.0, "En lång rubrik"), Cue("mening-1", 8.0, 9.0, "Kort.")]
    warning = next(c for c in storyboard(cues, 9.0, "Varning.", "", fonts.fonts) if c.kind == "warning")
    assert (warning.start, warning.end) == (0.0, 8.0)


# ---- What the film says, in the story's language


def test_the_warning_and_the_address_are_in_the_storys_language() -> None:
    swedish = make_story(content_warnings=("hot", "vald"))
    assert film_texts(swedish, VOCABULARY, SITE_URL) == (
        "Innehållsvarning: berättelsen handlar om hot och våld. Läs när det känns rätt för dig.",
        "Fler berättelser: berattelser.example.se",
    )
    english = make_story(language="en")
    assert film_texts(english, VOCABULARY, SITE_URL) == ("", "More stories: berattelser.example.se")
    assert film_texts(english, VOCABULARY, "") == ("", "")


def test_a_character_the_font_cannot_draw_means_no_film_rather_than_empty_boxes(fonts: FontFiles) -> None:
    cues = (Cue("mening-0", 0.0, 1.0, "Rubrik"), Cue("mening-1", 1.0, 2.0, "Glad 🙂 och 𝄞."))
    reading = Reading("hbg-0001", "espeak", "0" * 64, Path("x.mp3"), 1, 2.0, cues)
    with pytest.raises(FilmError) as raised:
        film_job(make_story(), reading, VOCABULARY, SITE_URL, load_fonts())
    assert str(raised.value) == "typsnittet kan inte rita tecknen 𝄞 🙂, så filmen skulle visa tomma rutor"


def test_the_filter_graph_holds_none_of_the_storys_words() -> None:
    """Each text is read from a file of its own: a story's words never reach ffmpeg's syntax."""
    captions = [Caption(0.0, 1.0, "title", (HOSTILE,), 60, SENTENCE_BOX)]
    graph = filtergraph(captions, 1.0)
    assert "textfile=text-0.txt:expansion=none" in graph
    for piece in ("%{", "Citat", "\\", "[v],", "{{"):
        assert piece not in graph


# ---- Real films


def test_the_film_lasts_as_long_as_its_reading_with_a_picture_and_sound(
    readings: Callable[[Story], Reading], fonts: FontFiles, tmp_path: Path
) -> None:
    story = make_story(content_warnings=("hot",))
    reading = readings(story)
    film = make_film(film_job(story, reading, VOCABULARY, SITE_URL, fonts), fonts)
    (tmp_path / "film.mp4").write_bytes(film)
    played, read = media_facts(tmp_path / "film.mp4"), media_facts(reading.source)
    assert played.seconds is not None and read.seconds is not None
    assert abs(played.seconds - read.seconds) <= 0.5
    assert played.whole and played.picture and played.sound
    # A still picture costs little: far under a few MB for each minute.
    assert len(film) < 2_000_000 * max(1.0, played.seconds / 60)


def test_the_same_reading_and_texts_make_the_same_bytes(
    readings: Callable[[Story], Reading], fonts: FontFiles
) -> None:
    story = make_story()
    job = film_job(story, readings(story), VOCABULARY, SITE_URL, fonts)
    assert make_film(job, fonts) == make_film(job, fonts)


def test_a_hostile_title_reaches_ffmpeg_as_it_is(
    readings: Callable[[Story], Reading], fonts: FontFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = make_story(title=HOSTILE)
    job = film_job(story, readings(story), VOCABULARY, SITE_URL, fonts)
    seen: dict[str, str] = {}
    real_run = subprocess.run

    def reading_the_texts(command: list[str], *args: object, **kwargs: object) -> object:
        folder = Path(str(kwargs["cwd"]))
        if (folder / "text-0.txt").exists():
            seen["title"] = (folder / "text-0.txt").read_text(encoding="utf-8")
        return real_run(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", reading_the_texts)
    assert make_film(job, fonts)
    assert seen["title"].replace("\n", " ") == HOSTILE


def test_percent_signs_are_drawn_as_they_are_not_expanded(
    readings: Callable[[Story], Reading], fonts: FontFiles, tmp_path: Path
) -> None:
    """With drawtext's expansion on, '%%' would be drawn as '%', and the two films would look alike."""
    frames = []
    for title in ("100 %%", "100 %"):
        story = make_story(title=title)
        job = film_job(story, readings(story), VOCABULARY, SITE_URL, fonts)
        frames.append(first_frame(make_film(job, fonts), tmp_path))
    assert frames[0] != frames[1]


def test_a_partial_or_empty_film_is_refused(
    readings: Callable[[Story], Reading], fonts: FontFiles, tmp_path: Path
) -> None:
    story = make_story()
    reading = readings(story)
    whole = make_film(film_job(story, reading, VOCABULARY, SITE_URL, fonts), fonts)
    for name, data in [("empty.mp4", b""), ("half.mp4", whole[: len(whole) // 2])]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(FilmError, match=r"^ffmpeg skrev ingen hel film$"):
            checked_film(tmp_path / name, reading)
    (tmp_path / "whole.mp4").write_bytes(whole)
    longer = replace(reading, duration=reading.duration + 2)
    with pytest.raises(FilmError, match=r"^filmen är [0-9.]+ s lång men uppläsningen [0-9.]+ s$"):
        checked_film(tmp_path / "whole.mp4", longer)
    assert checked_film(tmp_path / "whole.mp4", reading) == whole


def test_ffmpeg_failing_gives_its_reason_and_no_film(
    readings: Callable[[Story], Reading], fonts: FontFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = make_story()
    job = film_job(story, readings(story), VOCABULARY, SITE_URL, fonts)
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", lambda: shutil.which("false"))
    with pytest.raises(FilmError, match=r"^ffmpeg kunde inte göra filmen: inget felmeddelande$"):
        make_film(job, fonts)


# ---- The cache and the step


def stored(cache: FilmCache, job: FilmJob, fonts: FontFiles) -> str:
    key = job.key(fonts)
    cache.store(key, job, b"film")
    return key


def test_the_cache_gives_back_a_whole_entry_only(
    readings: Callable[[Story], Reading], fonts: FontFiles, tmp_path: Path
) -> None:
    story = make_story()
    job = film_job(story, readings(story), VOCABULARY, SITE_URL, fonts)
    cache = FilmCache(tmp_path)
    key = stored(cache, job, fonts)
    loaded = cache.load(key, story.id)
    assert loaded is not None and loaded.source.read_bytes() == b"film" and loaded.size == 4
    assert FilmCache(tmp_path, reuse=False).load(key, story.id) is None
    (tmp_path / f"{key}.mp4").write_bytes(b"fil")  # cut short after the metadata was written
    assert cache.load(key, story.id) is None


def test_the_cache_keeps_only_films_of_current_readings_of_featured_stories(
    readings: Callable[[Story], Reading], fonts: FontFiles, tmp_path: Path
) -> None:
    story = make_story()
    reading = readings(story)
    cache = FilmCache(tmp_path)
    key = stored(cache, film_job(story, reading, VOCABULARY, SITE_URL, fonts), fonts)
    cache.keep_only({reading.key}, {story.id})
    assert cache.load(key, story.id) is not None
    cache.keep_only({reading.key}, set())  # no longer featured, or withdrawn
    assert cache.is_empty()
    key = stored(cache, film_job(story, reading, VOCABULARY, SITE_URL, fonts), fonts)
    cache.keep_only({"another reading"}, {story.id})  # the text was edited
    assert not list(tmp_path.iterdir())


def test_the_key_changes_with_the_texts_shown(readings: Callable[[Story], Reading], fonts: FontFiles) -> None:
    story = make_story()
    reading = readings(story)
    keys = {
        film_job(changed, reading, VOCABULARY, url, fonts).key(fonts)
        for changed, url in [
            (story, SITE_URL),
            (story, "https://annan.example.se/"),
            (replace(story, content_warnings=("hot",)), SITE_URL),
        ]
    }
    assert len(keys) == 3


def test_only_featured_stories_get_films_and_a_second_time_without_ffmpeg(
    readings: Callable[[Story], Reading], tmp_path: Path, ffmpeg_runs: list[list[str]]
) -> None:
    featured, other = make_story("hbg-0001"), make_story("hbg-0002", featured=False)
    spoken = {story.id: readings(story) for story in (featured, other)}
    cache = FilmCache(tmp_path)
    first = make_films([featured, other], spoken, VOCABULARY, SITE_URL, cache)
    assert (sorted(first.films), first.made, first.reused, first.failed) == (["hbg-0001"], 1, 0, {})
    ffmpeg_runs.clear()
    again = make_films([featured, other], spoken, VOCABULARY, SITE_URL, cache)
    assert (again.made, again.reused, again.films) == (0, 1, first.films)
    assert ffmpeg_runs == []


def test_without_the_fonts_the_stories_are_published_without_films(
    readings: Callable[[Story], Reading],
    tmp_path: Path,
    ffmpeg_runs: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(film_module, "FONT_FOLDER", tmp_path)
    story = make_story()
    outcome = make_films([story], {story.id: readings(story)}, VOCABULARY, SITE_URL, FilmCache(tmp_path))
    assert outcome.films == {}
    assert list(outcome.failed) == [story.id]
    assert outcome.failed[story.id].endswith("Installera det med: sudo apt-get install fonts-dejavu-core")
    assert ffmpeg_runs == []


# ---- A whole build


@pytest.fixture
def featured_archive(tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, target)
    set_field(target / "fx-sv-approved.md", "featured", "true")
    return target


def set_field(path: Path, name: str, value: str) -> None:
    """Add or change one front-matter field (featured is not part of the approval's hash)."""
    text = path.read_text(encoding="utf-8")
    if re.search(rf"^{name}: .*$", text, flags=re.MULTILINE):
        text = re.sub(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.MULTILINE)
    else:
        text = text.replace("\nstatus:", f"\n{name}: {value}\nstatus:", 1)
    path.write_text(text, encoding="utf-8")


def build(project: Path, stories: Path) -> BuildResult:
    """Build as the command line does: from the project's folder, the cache a relative path."""
    options = BuildOptions(
        stories, Path("site"), Path("mkdocs.yml"), voice="espeak", cache_dir=Path(".cache")
    )
    return build_site(options)


def films_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*.mp4")) if folder.is_dir() else []


@pytest.mark.build
def test_a_featured_story_has_its_film_a_rebuild_reuses_it_and_taking_it_down_removes_it(
    project: Path, featured_archive: Path, ffmpeg_runs: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    result = build(project, featured_archive)
    site, cache = project / "site", project / ".cache" / "film"
    assert (result.films.made, result.films.reused) == (1, 0)
    [name] = films_in(site)
    assert name.startswith("fx-sv-approved-")
    page = (site / "berattelser" / "fx-sv-approved" / "index.html").read_text(encoding="utf-8")
    video = re.search(
        r'<video class="hbg-film__video" controls preload="none" src="\.\./\.\./ljud/([^"]+)"', page
    )
    assert video and video[1] == name
    track = re.search(
        r'<track kind="captions" src="\.\./\.\./ljud/([^"]+\.vtt)" srclang="sv" label="Texten">\n</video>',
        page,
    )
    assert track and (site / "ljud" / track[1]).is_file()
    assert f'<a href="../../ljud/{name}" download>Ladda ner filmen (MP4, ' in page
    assert "autoplay" not in page
    assert "<video" not in (site / "berattelser" / "fx-ar-approved" / "index.html").read_text(
        encoding="utf-8"
    )

    ffmpeg_runs.clear()
    again = build(project, featured_archive)
    assert (again.films.made, again.films.reused) == (0, 1)
    assert ffmpeg_runs == []
    assert films_in(site) == [name]

    set_field(featured_archive / "fx-sv-approved.md", "featured", "false")
    build(project, featured_archive)
    assert films_in(site) == films_in(cache) == []

    set_field(featured_archive / "fx-sv-approved.md", "featured", "true")
    assert build(project, featured_archive).films.made == 1
    editors.withdraw(featured_archive, "fx-sv-approved", dt.date(2026, 4, 1), None)
    build(project, featured_archive)
    assert films_in(site) == films_in(cache) == []
    assert json.loads(json.dumps(build(project, featured_archive).report()))["films_made"] == 0


def test_glyph_widths_count_invisible_format_characters_as_nothing() -> None:
    widths = GlyphWidths({"a": 0.5})
    assert widths.width("a\u200fa\u2060", 10) == 10.0
    assert widths.has("\u202e") and not widths.has("b")
