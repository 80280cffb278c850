"""The QR codes decode, with a real decoder (zxing-cpp), to exactly the address they were made for."""

from __future__ import annotations

import re

import numpy as np
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.qr import qr_svg

PIXELS_PER_MODULE = 4


def rasterised(svg: str) -> np.ndarray:
    """Paint the code's path (segno's `M x y h n m dx dy` strokes of one module's height) as pixels."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))  # type: ignore[union-attr]
    modules = np.full((size, size), 255, dtype=np.uint8)
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    x = y = 0.0
    for command, numbers in re.findall(r"([Mmh])([-\d.]+(?: ?[-\d.]+)?)", path):
        values = [float(n) for n in re.findall(r"-?[\d.]+", numbers)]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            modules[int(y), int(x) : int(x + values[0])] = 0
            x += values[0]
    return np.kron(modules, np.ones((PIXELS_PER_MODULE, PIXELS_PER_MODULE), dtype=np.uint8))


def decoded(svg: str) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(rasterised(svg))]


def test_an_address_decodes_to_exactly_itself() -> None:
    address = "https://dialog.example.se/delta?tema=diskriminering&steg=1#start"
    assert decoded(qr_svg(address, "QR-kod till dialogen")) == [address]


@settings(max_examples=25, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=120)
)
def test_any_text_decodes_to_itself(text: str) -> None:
    assert decoded(qr_svg(text, "QR-kod")) == [text]


def test_the_label_is_the_text_alternative_and_is_escaped() -> None:
    svg = qr_svg("https://example.se/", 'QR-kod till "dialogen" <script>')
    assert svg.startswith('<svg role="img" aria-label="QR-kod till &quot;dialogen&quot; &lt;script&gt;" ')
    assert "<script>" not in svg


def test_the_code_is_sized_by_its_container_and_the_same_each_time() -> None:
    svg = qr_svg("https://example.se/berattelser/b-001/", "QR-kod")
    assert "viewBox" in svg and "width=" not in svg
    assert svg == qr_svg("https://example.se/berattelser/b-001/", "QR-kod")
