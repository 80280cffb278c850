"""Find the phone numbers in the site's own texts, so a page makes each a tel: link that a reader
on a phone calls with one tap (the teller's words are never touched: a story is shown as written)."""

from __future__ import annotations

import re

# A phone number as the site's texts (generator/i18n/, help.yaml, docs/) write one: a Swedish
# number with its area code and a hyphen (042-10 50 00, 020-12 34 56, 08-123 456 78), one with
# a country code (+46 42 10 50 00), or a national short number (112, 114 14, 113 13, 1177).
# Nothing else: a count, a year, a date or an organisation number (212000-1157) is not one.
PHONE_NUMBER = re.compile(
    r"(?<![\w+-])(?:"
    r"\+\d{1,3}(?: ?\(0\))?(?:[ -]?\d{1,4}){2,5}"
    r"|0\d{1,3}-\d{2,3}(?: ?\d{2,3}){1,3}"
    r"|112|114 14|113 13|1177"
    r")(?![\w-])"
)
SWEDEN = "+46"


def tel_uri(number: str) -> str:
    """The tel: address of a number as written: its digits, and for a Swedish number with an
    area code the country code in place of the 0, so it can be called from abroad too."""
    digits = re.sub(r"\(0\)|[^\d+]", "", number)
    if digits.startswith("0"):
        return f"tel:{SWEDEN}{digits[1:]}"
    return f"tel:{digits}"


def phone_parts(text: str) -> list[tuple[str, str]]:
    """The text in pieces, each with its tel: address if it is a phone number ('' if not), for
    a template to write with its own escaping (_macros.html.j2: with_phone_links)."""
    parts, start = [], 0
    for number in PHONE_NUMBER.finditer(text):
        parts += [(text[start : number.start()], ""), (number[0], tel_uri(number[0]))]
        start = number.end()
    return [*parts, (text[start:], "")]
