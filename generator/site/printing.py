"""`print`: PDFs of the print packs and of every story page, printed by Debian's chromium from the
built site (the only module that runs chromium).

Chromium prints each page as a reader's browser does with "Print to PDF", so the print stylesheet
(docs/stylesheets/extra.css, "Print") is what shapes both. It reads the site from a server on
127.0.0.1 that the caller runs, and resolves no other host: nothing leaves the machine. Each PDF is
then made the same bytes for the same site, and its links made to lead somewhere:

- chromium stamps the time of printing (CreationDate, ModDate): blanked, same length;
- its links lead to the local server that served the page (http://127.0.0.1:PORT/...): rewritten to
  the site's public address (the home page's canonical link, from mkdocs.yml's site_url), and the
  PDF's table of where each object starts moved to match.

The folder of PDFs is replaced whole, like the site, so the PDF of a withdrawn story does not linger.
"""

from __future__ import annotations

import bisect
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.errors import UserError
from generator.write import atomic_write, replace_folder

# The names Debian and Ubuntu give the browser, the first found on PATH is used.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_FLAGS = (
    "--headless",
    "--disable-gpu",
    # No calls home: no updates, no sync, no first-run pages, no extensions.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    # Every host name fails to resolve: the site comes from 127.0.0.1, and nothing else is asked for.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    # The page alone: no date, title, address or page number printed around it.
    "--no-pdf-header-footer",
)
# Time for one page to load and print; a first start of chromium on a slow machine takes seconds.
PAGE_SECONDS = 120

# The pages printed: where they are in the site, and the folder of their PDFs.
PRINTED_FOLDERS = {
    f"{urls.PRINT_FOLDER}/planen": "planen",
    f"{urls.PRINT_FOLDER}/{urls.TERM_FOLDERS['grounds']}": "grunder",
    "berattelser": "berattelser",
}

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_PRINT_TIME = re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)")
_START_OF_TABLE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TABLE_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")


@dataclass(frozen=True)
class PrintJob:
    """One page to print: its path in the site, and its PDF's path in the folder of PDFs."""

    page: str
    pdf: str


def print_site(site_dir: Path, out_dir: Path, local_root: str, jobs: int = 2) -> list[str]:
    """Print every print pack and story page of the built site in `site_dir`, which the caller
    serves at `local_root`, into `out_dir` (replaced whole); return the PDFs' paths in it."""
    public_root = site_address(site_dir)
    check_out_dir(out_dir, site_dir)
    chromium = find_chromium()
    printed = pages_to_print(site_dir)
    with tempfile.TemporaryDirectory(prefix="hbg-print-") as scratch:
        work = Path(scratch)

        def print_one(number: int, job: PrintJob) -> Path:
            raw = _print_page(chromium, local_root + job.page, work / f"{number}")
            done = work / "pdf" / job.pdf
            atomic_write(done, deterministic_pdf(raw, local_root, public_root))
            return done

        with ThreadPoolExecutor(jobs) as pool:
            files = list(pool.map(print_one, range(len(printed)), printed))
        replace_folder(out_dir, {job.pdf: path for job, path in zip(printed, files, strict=True)})
    return [job.pdf for job in printed]


def site_address(site_dir: Path) -> str:
    """The site's public address, as its home page names itself (mkdocs.yml's site_url)."""
    home = site_dir / "index.html"
    if not home.is_file():
        raise UserError(
            f"Hittar ingen byggd webbplats i {site_dir}. Bygg den först med python -m generator build, "
            "eller ange var den finns med --site-dir."
        )
    canonical = _CANONICAL.search(home.read_text(encoding="utf-8"))
    if not canonical:
        raise UserError(
            f"Webbplatsen i {site_dir} säger inte vilken adress den har, så PDF-filernas länkar och "
            "QR-koder kan inte leda dit. Sätt site_url i mkdocs.yml och bygg igen."
        )
    return html.unescape(canonical[1])


def check_out_dir(out_dir: Path, site_dir: Path) -> None:
    """Refuse a folder of PDFs that would replace something else: print empties the folder first."""
    out, site = out_dir.resolve(), site_dir.resolve()
    if out == site or site in out.parents or out in site.parents:
        raise UserError(
            f"--out {out_dir}: PDF-filerna skrivs inte in i webbplatsen {site_dir} eller runt den. "
            "Välj en egen mapp, till exempel --out utskrifter."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(
            f"--out {out_dir}: det finns redan en fil med det namnet. Välj en mapp för PDF-filerna."
        )
    other = next((path for path in _files_in(out_dir) if path.suffix != ".pdf"), None)
    if other is not None:
        raise UserError(
            f"--out {out_dir}: mappen innehåller annat än PDF-filer ({other.relative_to(out_dir)}), och "
            "print byter ut hela mappen. Välj en egen mapp för PDF-filerna."
        )


def _files_in(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if not path.is_dir()) if folder.is_dir() else iter(())


def find_chromium() -> str:
    """The chromium on PATH; the tests' browser is the same."""
    found = next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)
    if found is None:
        raise UserError(
            "Hittar inte webbläsaren chromium, som skriver PDF-filerna. Installera den med "
            "sudo apt-get install chromium och kör print igen."
        )
    return found


def pages_to_print(site_dir: Path) -> list[PrintJob]:
    """Each print pack and each story page in the built site, in a fixed order."""
    return [
        PrintJob(f"{folder}/{name}/", f"{pdf_folder}/{name}.pdf")
        for folder, pdf_folder in PRINTED_FOLDERS.items()
        for name in sorted(page.parent.name for page in (site_dir / folder).glob("*/index.html"))
    ]


def _sandbox_flags() -> list[str]:
    """Chromium's sandbox refuses to start as root (a container, CI); anyone else keeps it."""
    return ["--no-sandbox"] if os.geteuid() == 0 else []


def _print_page(chromium: str, address: str, work: Path) -> bytes:
    """Print one page with chromium in a profile of its own; return the whole PDF."""
    pdf = work / "page.pdf"
    command = [
        chromium,
        *CHROMIUM_FLAGS,
        *_sandbox_flags(),
        f"--user-data-dir={work / 'profile'}",
        f"--print-to-pdf={pdf}",
        address,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PAGE_SECONDS, check=False)  # noqa: S603 - our own arguments, no shell
    except subprocess.TimeoutExpired:
        raise UserError(f"chromium blev inte klar med {address} på {PAGE_SECONDS} sekunder.") from None
    data = pdf.read_bytes() if pdf.is_file() else b""
    if done.returncode != 0 or not data.startswith(b"%PDF-") or not _START_OF_TABLE.search(data):
        raise UserError(f"chromium kunde inte skriva ut {address}.", done.stderr.strip().splitlines()[-5:])
    return data


def deterministic_pdf(pdf: bytes, local_root: str, public_root: str) -> bytes:
    """A PDF from chromium without its time of printing, its links leading to the public site."""
    timeless = _PRINT_TIME.sub(lambda found: b" " * len(found[0]), pdf)
    return replace_in_objects(timeless, b"(" + pdf_text(local_root), b"(" + pdf_text(public_root))


def pdf_text(text: str) -> bytes:
    """Text as the inside of a PDF string: backslash and parentheses escaped."""
    return re.sub(rb"([\\()])", rb"\\\1", text.encode("utf-8"))


def replace_in_objects(pdf: bytes, old: bytes, new: bytes) -> bytes:
    """Replace `old` by `new` in a PDF's objects, and move the start of every object after a
    replacement in the cross-reference table by as much as the text before it grew or shrank.

    For PDFs as chromium (Skia) writes them: one classic table (`xref`, a line of 20 bytes per
    object) at the end, no object streams and no later updates; anything else is refused.
    """
    end = _START_OF_TABLE.search(pdf)
    table_at = int(end[1]) if end else -1
    if end is None or not pdf.startswith(b"xref", table_at):
        raise UserError(
            "chromium skrev en PDF som generatorn inte känner igen (utan en vanlig tabell över "
            "objekten). Skriv gärna en issue om det, med vilken version av chromium du har."
        )
    body, table = pdf[:table_at], pdf[table_at : end.start(1)]
    found = [match.start() for match in re.finditer(re.escape(old), body)]
    growth = len(new) - len(old)

    def moved(offset: int) -> int:
        return offset + growth * bisect.bisect_left(found, offset)

    table = _TABLE_ENTRY.sub(lambda entry: b"%010d %s n" % (moved(int(entry[1])), entry[2]), table)
    return body.replace(old, new) + table + str(moved(table_at)).encode() + pdf[end.end(1) :]
