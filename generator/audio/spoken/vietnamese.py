"""How Vietnamese says numbers, dates, times, short forms and symbols."""

from __future__ import annotations

import re

from generator.audio.spoken.common import (
    CLOCK_TIME,
    HOUR,
    ISO_DATE,
    MINUTE,
    NUMBER_END,
    NUMBER_START,
    Rule,
    SpokenLanguage,
    abbreviation_rule,
    check_cardinal_range,
    decimal_pattern,
    fraction_as_number,
    integer_pattern,
    integer_rule,
    is_sayable,
    numeric_date,
    slash_date_pattern,
    symbol_rule,
    with_capitals,
)

_ONES = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# After "mươi", 1 is "mốt", 4 "tư" and 5 "lăm"; after "mười", only 5 changes.
_ONES_AFTER_TENS = {1: "mốt", 4: "tư", 5: "lăm"}
# The fourth month is "tháng tư", never "tháng bốn".
_MONTHS = ("một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")

_ABBREVIATIONS = {
    "TP.HCM": "Thành phố Hồ Chí Minh", "TP. HCM": "Thành phố Hồ Chí Minh",
    "TP.": "thành phố", "Tp.": "thành phố", "TP": "thành phố",
    "v.v.": "vân vân", "v.v": "vân vân", "SĐT": "số điện thoại", "BS.": "bác sĩ",
}  # fmt: skip
_SENTENCE_CLOSERS = frozenset({"v.v."})
_SYMBOL_WORDS = {"%": "phần trăm", "&": "và", "+": "cộng"}

# "14h30", "14h": Vietnamese writes the hour with an "h".
_CLOCK_TIME_WITH_H = re.compile(rf"{NUMBER_START}{HOUR}h(?:{MINUTE})?(?!\w)")
# "tháng 4" is "tháng tư": months have their own words.
_MONTH_NUMBER = re.compile(rf"(?<!\w)(?P<word>[Tt]háng) (?P<month>1[0-2]|[1-9]){NUMBER_END}")
# "thứ 1" is "thứ nhất" and "thứ 4" "thứ tư" (also Wednesday); the other ordinals are "thứ" + the number.
_ORDINAL = re.compile(rf"(?<!\w)(?P<word>[Tt]hứ) (?P<number>[14]){NUMBER_END}")
# "14/3", "ngày 14/3/2026": a date is said "ngày … tháng … năm …"; "ngày" is added when not written.
_SLASH_DATE = slash_date_pattern(with_year=True)
_DAY_WORD = re.compile(r"[Nn]gày $")


def cardinal(number: int) -> str:
    """Return 0–999 999 999 in Vietnamese words: 2024 is "hai nghìn không trăm hai mươi tư"."""
    check_cardinal_range(number)
    if number == 0:
        return _ONES[0]
    parts: list[str] = []
    for size, name in ((1_000_000, "triệu"), (1000, "nghìn"), (1, "")):
        count, number = divmod(number, size)
        if count:
            # Once a larger group has been said, a smaller one says its empty hundreds: "không trăm".
            parts.append(f"{_say_below_thousand(count, after_larger=bool(parts))} {name}".strip())
    return " ".join(parts)


def _say_below_thousand(number: int, after_larger: bool) -> str:
    hundreds, rest = divmod(number, 100)
    if not hundreds and not after_larger:
        return _say_below_hundred(rest)
    head = f"{_ONES[hundreds]} trăm"
    if not rest:
        return head
    # 105 is "một trăm linh năm": a lone unit after the hundreds is joined by "linh".
    return f"{head} linh {_ONES[rest]}" if rest < 10 else f"{head} {_say_below_hundred(rest)}"


def _say_below_hundred(number: int) -> str:
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _ONES[ones]
    if tens == 1:
        return "mười" + (f" {'lăm' if ones == 5 else _ONES[ones]}" if ones else "")
    return f"{_ONES[tens]} mươi" + (f" {_ONES_AFTER_TENS.get(ones, _ONES[ones])}" if ones else "")


def _say_time(match: re.Match[str]) -> str:
    """14:30 is "mười bốn giờ ba mươi phút", 14:00 "mười bốn giờ"."""
    hour, minute = cardinal(int(match["hour"])), int(match["minute"] or 0)
    return f"{hour} giờ {cardinal(minute)} phút" if minute else f"{hour} giờ"


def _date(match: re.Match[str], day: int, month: int, year: int | None) -> str:
    """ "ngày 14 tháng 3 năm 2024", with "ngày" only when the writer did not already put it there."""
    said = f"{cardinal(day)} tháng {_MONTHS[month - 1]}"
    if year is not None:
        said += f" năm {cardinal(year)}"
    written_before = _DAY_WORD.search(match.string, 0, match.start()) is not None
    return said if written_before else f"ngày {said}"


def _say_decimal(match: re.Match[str]) -> str:
    if not is_sayable(match["whole"]):
        return match.group()
    return f"{cardinal(int(match['whole']))} phẩy {fraction_as_number(match['fraction'], cardinal)}"


_TEXT_RULES: tuple[Rule, ...] = (
    abbreviation_rule(with_capitals(_ABBREVIATIONS), _SENTENCE_CLOSERS),
    symbol_rule(_SYMBOL_WORDS),
)
_NUMBER_RULES: tuple[Rule, ...] = (
    (CLOCK_TIME, _say_time),
    (_CLOCK_TIME_WITH_H, _say_time),
    (ISO_DATE, numeric_date(_date)),
    (_SLASH_DATE, numeric_date(_date)),
    (_MONTH_NUMBER, lambda match: f"{match['word']} {_MONTHS[int(match['month']) - 1]}"),
    (_ORDINAL, lambda match: f"{match['word']} {'nhất' if match['number'] == '1' else 'tư'}"),
    # A year is said as any number ("năm hai nghìn không trăm hai mươi tư"), so it needs no rule.
    (decimal_pattern(","), _say_decimal),
    integer_rule(integer_pattern(". "), cardinal),
)

VIETNAMESE = SpokenLanguage("liên kết", _TEXT_RULES, _NUMBER_RULES)
