"""QR codes for addresses, drawn at build time as inline SVG with segno (the only module that uses it).

The city's own page offers a QR code "to reach the dialogue on your phone or tablet"; the printed
packs carry one to each story. Drawn here, a code needs no image service (nothing leaves the site's
host) and is the same bytes for the same address. Text never becomes markup: the address is
encoded as data and the SVG's only text is the label, escaped.
"""

from __future__ import annotations

import html
import io

import segno

# Medium error correction survives a smudged print or a glare on a screen; the quiet zone of four
# modules is what the standard asks for and what phone cameras need to find the code.
ERROR_CORRECTION = "m"
QUIET_ZONE = 4
# One fixed mask pattern. Any of the eight makes a valid code that decoders read; trying all eight
# for the one that scores best is four fifths of the time a code takes, and every story page has one.
MASK = 0
# Text as UTF-8, announced as such (ECI) when it is not plain ASCII: a decoder then never guesses
# another encoding for "¡", and an ordinary address stays as small as it can be.
ENCODING = "utf-8"
# Dark on white whatever the page's colours: cameras read contrast, not the palette.
DARK = "#000"
LIGHT = "#fff"


def qr_svg(address: str, label: str) -> str:
    """The QR code of `address` as an `<svg role="img">` labelled `label`, sized by its container.

    The SVG has a viewBox and no fixed size, so CSS decides how large it is printed or shown;
    `label` (e.g. "QR-kod till dialogen") is its text alternative. The address itself belongs
    beside the code as text, for everyone who cannot or will not scan it.
    """
    code = segno.make(
        address,
        error=ERROR_CORRECTION,
        micro=False,
        boost_error=False,
        mask=MASK,
        encoding=ENCODING,
        eci=not address.isascii(),
    )
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        border=QUIET_ZONE,
        dark=DARK,
        light=LIGHT,
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
    )
    svg = buffer.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)
