"""The printing module without chromium: how a PDF is made deterministic and given the public
addresses, and what `print` refuses. Chromium itself prints in tests/test_browser_print.py."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.errors import UserError
from generator.site.printing import (
    PrintJob,
    check_out_dir,
    deterministic_pdf,
    find_chromium,
    pages_to_print,
    pdf_text,
    replace_in_objects,
    site_address,
)

LOCAL = "http://127.0.0.1:41234/"
PRINTED_AT = b"/CreationDate (D:20261201004600+00'00')\n/ModDate (D:20261201004600+00'00')"


def small_pdf(*links: str) -> bytes:
    """A PDF shaped as chromium writes one: objects, a classic cross-reference table, a trailer."""
    annotations = [
        b"<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A <</S /URI /URI (%s)>>>>" % pdf_text(link)
        for link in links
    ]
    first_annotation = 5
    kids = b" ".join(b"%d 0 R" % (first_annotation + n) for n in range(len(links)))
    objects = [
        b"<</Title (Sida) " + PRINTED_AT + b">>",
        b"<</Type /Catalog /Pages 3 0 R>>",
        b"<</Type /Pages /Kids [4 0 R] /Count 1>>",
        b"<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Annots [" + kids + b"]>>",
        *annotations,
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<</Size %d /Root 2 0 R /Info 1 0 R>>\nstartxref\n%d\n%%%%EOF" % (
        len(objects) + 1,
        table,
    )
    return pdf


def links_in(pdf: bytes) -> list[str]:
    """The links of a PDF as a reader finds them, each object where its table says it starts."""
    table_at = int(re.search(rb"startxref\s+(\d+)", pdf)[1])  # type: ignore[index]
    offsets = [int(found) for found in re.findall(rb"(\d{10}) 00000 n", pdf[table_at:])]
    for number, offset in enumerate(offsets, 1):
        assert pdf.startswith(b"%d 0 obj" % number, offset), number
    reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
    return [annotation.get_object()["/A"]["/URI"] for annotation in reader.pages[0]["/Annots"]]


@pytest.mark.parametrize(
    "public", ["https://berattelser.helsingborg.se/", "https://x.se/", "http://127.0.0.1:8000/"]
)
def test_links_lead_to_the_public_site_and_every_object_is_where_the_table_says(public: str) -> None:
    pdf = small_pdf(f"{LOCAL}berattelser/hbg-0001/", "tel:+4642105000", f"{LOCAL}grunder/alder/")
    fixed = deterministic_pdf(pdf, LOCAL, public)
    assert links_in(fixed) == [f"{public}berattelser/hbg-0001/", "tel:+4642105000", f"{public}grunder/alder/"]
    assert LOCAL.encode() not in fixed


def test_the_time_of_printing_is_blanked_so_the_same_page_gives_the_same_bytes() -> None:
    pdf = small_pdf(f"{LOCAL}x/")
    later = pdf.replace(b"20261201004600", b"20270315120130")
    fixed = deterministic_pdf(pdf, LOCAL, "https://x.se/")
    assert fixed == deterministic_pdf(later, LOCAL, "https://x.se/")
    assert b"CreationDate" not in fixed and b"ModDate" not in fixed
    assert pypdf.PdfReader(io.BytesIO(fixed), strict=True).metadata == {"/Title": "Sida"}


def test_an_address_with_parentheses_stays_one_pdf_string() -> None:
    public = "https://x.se/arkiv(1)\\/"
    assert pdf_text(public) == b"https://x.se/arkiv\\(1\\)\\\\/"
    assert links_in(deterministic_pdf(small_pdf(f"{LOCAL}a/"), LOCAL, public)) == [f"{public}a/"]


def test_a_pdf_without_a_classic_table_is_refused_with_a_plain_message() -> None:
    with pytest.raises(UserError) as refused:
        replace_in_objects(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF", b"a", b"b")
    assert refused.value.summary == (
        "chromium skrev en PDF som generatorn inte känner igen (utan en vanlig tabell över objekten). "
        "Skriv gärna en issue om det, med vilken version av chromium du har."
    )


def built_site(folder: Path, home: str = '<link rel="canonical" href="https://x.se/?a=1&amp;b=2">') -> Path:
    for page in [
        "skriv-ut/planen/atgard-02",
        "skriv-ut/planen/atgard-01",
        "skriv-ut/grunder/kon",
        "berattelser/b",
        "berattelser/a",
    ]:
        (folder / page).mkdir(parents=True)
        (folder / page / "index.html").write_text("<p>sida</p>", encoding="utf-8")
    (folder / "berattelser" / "index.html").write_text("<p>alla</p>", encoding="utf-8")
    (folder / "index.html").write_text(home, encoding="utf-8")
    return folder


def test_every_pack_and_story_page_is_printed_in_a_fixed_order(tmp_path: Path) -> None:
    assert pages_to_print(built_site(tmp_path)) == [
        PrintJob("skriv-ut/planen/atgard-01/", "planen/atgard-01.pdf"),
        PrintJob("skriv-ut/planen/atgard-02/", "planen/atgard-02.pdf"),
        PrintJob("skriv-ut/grunder/kon/", "grunder/kon.pdf"),
        PrintJob("berattelser/a/", "berattelser/a.pdf"),
        PrintJob("berattelser/b/", "berattelser/b.pdf"),
    ]


def test_the_public_address_is_the_home_pages_canonical_link(tmp_path: Path) -> None:
    assert site_address(built_site(tmp_path)) == "https://x.se/?a=1&b=2"


def summary(error: pytest.ExceptionInfo[UserError]) -> str:
    return error.value.summary


def test_print_needs_a_built_site_that_knows_its_address(tmp_path: Path) -> None:
    with pytest.raises(UserError) as missing:
        site_address(tmp_path / "site")
    assert summary(missing) == (
        f"Hittar ingen byggd webbplats i {tmp_path / 'site'}. Bygg den först med python -m generator build, "
        "eller ange var den finns med --site-dir."
    )
    with pytest.raises(UserError) as nameless:
        site_address(built_site(tmp_path / "site", home="<p>ingen adress</p>"))
    assert summary(nameless) == (
        f"Webbplatsen i {tmp_path / 'site'} säger inte vilken adress den har, så PDF-filernas länkar och "
        "QR-koder kan inte leda dit. Sätt site_url i mkdocs.yml och bygg igen."
    )


def test_the_folder_of_pdfs_is_never_the_site_nor_a_folder_of_other_files(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    for inside in (site, site / "utskrifter", tmp_path):
        with pytest.raises(UserError) as refused:
            check_out_dir(inside, site)
        assert summary(refused) == (
            f"--out {inside}: PDF-filerna skrivs inte in i webbplatsen {site} eller runt den. "
            "Välj en egen mapp, till exempel --out utskrifter."
        )
    (tmp_path / "dokument" / "gamla").mkdir(parents=True)
    (tmp_path / "dokument" / "gamla" / "a.pdf").write_bytes(b"%PDF-")
    check_out_dir(tmp_path / "dokument", site)
    (tmp_path / "dokument" / "gamla" / "anteckningar.txt").write_text("viktigt", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        check_out_dir(tmp_path / "dokument", site)
    assert summary(refused) == (
        f"--out {tmp_path / 'dokument'}: mappen innehåller annat än PDF-filer (gamla/anteckningar.txt), "
        "och print byter ut hela mappen. Välj en egen mapp för PDF-filerna."
    )
    (tmp_path / "fil.pdf").write_bytes(b"%PDF-")
    with pytest.raises(UserError) as refused:
        check_out_dir(tmp_path / "fil.pdf", site)
    assert summary(refused) == (
        f"--out {tmp_path / 'fil.pdf'}: det finns redan en fil med det namnet. Välj en mapp för PDF-filerna."
    )
    check_out_dir(tmp_path / "ny", site)


def test_without_chromium_print_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UserError) as missing:
        find_chromium()
    assert summary(missing) == (
        "Hittar inte webbläsaren chromium, som skriver PDF-filerna. Installera den med "
        "sudo apt-get install chromium och kör print igen."
    )


def test_print_of_a_missing_site_is_a_plain_error_on_the_command_line(tmp_path: Path) -> None:
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["print", "--site-dir", str(tmp_path / "site"), "--out", str(tmp_path / "pdf")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Hittar ingen byggd webbplats i {tmp_path / 'site'}. Bygg den först med python -m generator build, "
        "eller ange var den finns med --site-dir.\n"
    )
    assert not (tmp_path / "pdf").exists()
