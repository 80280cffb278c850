"""The print packs and the printed story pages in chromium: `python -m generator print` over a
built site writes a PDF per measure, ground and story; each PDF's text has its addresses, its QR
codes decode to them with a real decoder, its links lead to the public site, and printing again
gives the same bytes. The pages pass axe on screen and in print and ask no other host for anything.

The archive is the small fixture archive (three published stories, one with a content warning, one
in Arabic, one a translation), read aloud by eSpeak NG so the story pages have a player to leave
out, and built with a public address of its own and the dialogue's address set.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page

from generator import urls
from generator.intake.gate import published_stories
from generator.intake.vocabulary import load_vocabulary
from generator.model import Story
from generator.pipeline import BuildOptions, build_site, check_archive
from generator.site.packs import print_packs
from tests.browser import axe_violations, serve, watch_requests
from tests.conftest import FIXTURE_ARCHIVE, ROOT, copy_project

pytestmark = pytest.mark.browser

VOCABULARY = load_vocabulary()
PUBLISHED = published_stories(check_archive(FIXTURE_ARCHIVE).stories)
PUBLIC = "https://berattelser.example.se/"
DIALOGUE = "https://dialog.example.se/beratta?fran=utskrift&sprak=sv"
# What the header, the tabs, the footer and the player say: none of it belongs on paper.
SCREEN_ONLY = [
    "Tillgänglighetsredogörelse",
    "Om arkivet",
    "Lättläst",
    "Statistik",
    "Lyssna",
    "Ladda ner",
    "Till alla berättelser",
]
PACKS = [
    "skriv-ut/",
    "skriv-ut/grunder/funktionsnedsattning/",
    "skriv-ut/planen/atgard-07/",
    "skriv-ut/grunder/religion/",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built with its public address and the dialogue's; returns the site."""
    base = copy_project(tmp_path_factory.mktemp("print") / "project")
    config = base / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {PUBLIC}", config.read_text(encoding="utf-8"))
    config.write_text(text.replace("extra:\n", f"extra:\n  dialogue_url: {DIALOGUE}\n", 1), encoding="utf-8")
    build_site(
        BuildOptions(FIXTURE_ARCHIVE, base / "site", config, voice="espeak", cache_dir=base / ".cache")
    )
    return base / "site"


def print_command(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator print` as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "print", "--site-dir", str(site), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture(scope="module")
def printed(built: Path) -> Path:
    out = built.parent / "utskrifter"
    done = print_command(built, out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Klart: 29 PDF-filer i {out}/, 26 samtalsunderlag och 3 berättelser.\n"
    return out


def pdf_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf, strict=True).pages)


def unbroken(text: str) -> str:
    """The text without the line breaks and spaces a long address is wrapped at."""
    return re.sub(r"\s+", "", text)


def qr_codes(pdf: Path) -> list[str]:
    """Every QR code on every page, read as a phone would from the page drawn at 216 dpi."""
    document = pypdfium2.PdfDocument(pdf)
    found = [
        barcode.text
        for page in document
        for barcode in zxingcpp.read_barcodes(
            page.render(scale=3).to_pil(), formats=zxingcpp.BarcodeFormat.QRCode
        )
    ]
    document.close()
    return found


def links(pdf: Path) -> list[str]:
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(pdf, strict=True).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]


def test_print_writes_one_pdf_per_measure_per_ground_and_per_story(printed: Path) -> None:
    written = sorted(str(path.relative_to(printed)) for path in printed.rglob("*.pdf"))
    assert written == sorted(
        [f"planen/atgard-{number:02d}.pdf" for number in VOCABULARY.measures]
        + [f"grunder/{key}.pdf" for key in VOCABULARY.grounds]
        + [f"berattelser/{story.id}.pdf" for story in PUBLISHED]
    )
    for pdf in printed.rglob("*.pdf"):
        assert pypdf.PdfReader(pdf, strict=True).pages[0].mediabox[2:] == pytest.approx(
            [595.2, 841.9], abs=1
        ), pdf


def pack_pdfs() -> list[tuple[str, list[str]]]:
    """Each pack's PDF and the addresses of the stories it prints."""
    packs = print_packs(PUBLISHED, VOCABULARY)
    chosen = [(f"planen/atgard-{n:02d}.pdf", e) for n, e in packs.measures.items()]
    chosen += [(f"grunder/{key}.pdf", e) for key, e in packs.grounds.items()]
    return [
        (pdf, [urls.page_address(PUBLIC, urls.story_page(e.story_id)) for e in excerpts])
        for pdf, excerpts in chosen
    ]


def test_each_pack_has_its_excerpts_addresses_and_qr_codes_that_decode_to_them_and_to_the_dialogue(
    printed: Path,
) -> None:
    with_excerpts = 0
    for pdf, addresses in pack_pdfs():
        text = unbroken(pdf_text(printed / pdf))
        assert all(address in text for address in addresses), pdf
        assert unbroken(DIALOGUE) in text, pdf
        assert sorted(qr_codes(printed / pdf)) == sorted([*addresses, DIALOGUE]), pdf
        with_excerpts += bool(addresses)
    assert with_excerpts >= 4


def test_a_pdfs_links_lead_to_the_public_site_never_to_the_machine_that_printed_it(printed: Path) -> None:
    found = [link for pdf in printed.rglob("*.pdf") for link in links(pdf)]
    assert f"{PUBLIC}berattelser/fx-sv-approved/" in found
    assert not [link for link in found if "127.0.0.1" in link or "localhost" in link]


@pytest.mark.parametrize("story", PUBLISHED, ids=lambda story: story.id)
def test_a_printed_story_has_its_words_and_a_qr_code_to_its_page_and_no_player_or_menus(
    printed: Path, story: Story
) -> None:
    pdf = printed / "berattelser" / f"{story.id}.pdf"
    address = urls.page_address(PUBLIC, urls.story_page(story.id))
    text = pdf_text(pdf)
    assert address in unbroken(text)
    assert qr_codes(pdf) == [address]
    assert [label for label in SCREEN_ONLY if label in text] == []
    if story.language == "sv":
        assert unbroken(story.paragraphs[0].split("\n")[0]) in unbroken(text)


def test_printing_again_gives_the_same_bytes_and_leaves_no_pdf_of_a_story_no_longer_there(
    built: Path, printed: Path, tmp_path: Path
) -> None:
    again = tmp_path / "utskrifter"
    shutil.copytree(printed, again)
    (again / "berattelser" / "fx-withdrawn.pdf").write_bytes(
        (printed / "berattelser" / "fx-sv-approved.pdf").read_bytes()
    )
    done = print_command(built, again)
    assert done.returncode == 0, done.stderr
    first = {path.relative_to(printed): path.read_bytes() for path in printed.rglob("*.pdf")}
    second = {path.relative_to(again): path.read_bytes() for path in again.rglob("*.pdf")}
    assert second.keys() == first.keys()
    assert [str(path) for path in first if first[path] != second[path]] == []


@pytest.fixture(scope="module")
def site_url(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("path", [*PACKS, "berattelser/fx-sv-approved/", "berattelser/fx-ar-approved/"])
def test_the_print_pages_pass_axe_on_screen_and_in_print_and_ask_no_other_host(
    page: Page, site_url: str, path: str, media: str
) -> None:
    requested, refused = watch_requests(page)
    page.emulate_media(media=media)  # type: ignore[arg-type]
    page.goto(site_url + path)
    assert axe_violations(page) == []
    assert [url for url in requested if not url.startswith(site_url)] == []
    assert refused == []


def test_a_story_pages_address_and_qr_code_show_in_print_only(page: Page, site_url: str) -> None:
    page.goto(site_url + "berattelser/fx-sv-approved/")
    block = page.locator(".hbg-print-address")
    assert block.is_hidden()
    page.emulate_media(media="print")
    assert block.is_visible()
    assert page.locator(".hbg-listen").is_hidden() and page.locator(".md-header").is_hidden()
    box = block.locator("svg").bounding_box()
    assert box is not None and box["width"] == pytest.approx(30 / 25.4 * 96, abs=1)  # 30 mm


def test_a_pack_fits_a_phone_320_px_wide_with_its_codes_whole(browser: Browser, site_url: str) -> None:
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    page.goto(site_url + "skriv-ut/grunder/funktionsnedsattning/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for code in page.locator(".hbg-qr svg").all():
        box = code.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["width"] >= 100
    screenshot = page.locator(".hbg-qr--dialogue").screenshot()
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(screenshot)))] == [DIALOGUE]
    page.context.close()
