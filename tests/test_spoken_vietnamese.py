"""Vietnamese readings: numbers, dates, times and short forms said the Vietnamese way."""

from __future__ import annotations

import pytest

from generator.audio.speech import speakable
from generator.audio.spoken.vietnamese import cardinal


def vi(text: str) -> str:
    return speakable(text, "vi")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (2024, "hai nghìn không trăm hai mươi tư"),
        (12_000, "mười hai nghìn"),
        (1_000_000, "một triệu"),
        (2_500_000, "hai triệu năm trăm nghìn"),
    ],
)
def test_cardinal(number: int, expected: str) -> None:
    assert cardinal(number) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tôi đợi 30 phút.", "Tôi đợi ba mươi phút."),
        ("Năm 2024 tôi chuyển đến.", "Năm hai nghìn không trăm hai mươi tư tôi chuyển đến."),
        ("Ngày 14 tháng 3 năm 2024.", "Ngày mười bốn tháng ba năm hai nghìn không trăm hai mươi tư."),
        ("Vào tháng 4 và tháng 12.", "Vào tháng tư và tháng mười hai."),
        ("Ngày 14/3 tôi đến.", "Ngày mười bốn tháng ba tôi đến."),
        (
            "Hôm 14/3/2024 tôi đến.",
            "Hôm ngày mười bốn tháng ba năm hai nghìn không trăm hai mươi tư tôi đến.",
        ),
        (
            "Hôm 2024-03-14 tôi đến.",
            "Hôm ngày mười bốn tháng ba năm hai nghìn không trăm hai mươi tư tôi đến.",
        ),
        ("Hôm 30/2 tôi đến.", "Hôm 30/2 tôi đến."),
        ("Lúc 14:30.", "Lúc mười bốn giờ ba mươi phút."),
        ("Lúc 14h30 hoặc 8h.", "Lúc mười bốn giờ ba mươi phút hoặc tám giờ."),
        ("Lúc 9:00.", "Lúc chín giờ."),
        ("Lần thứ 1, thứ 2 và thứ 4.", "Lần thứ nhất, thứ hai và thứ tư."),
        ("Khoảng 3,5 giờ.", "Khoảng ba phẩy năm giờ."),
        ("Khoảng 3,05 giờ.", "Khoảng ba phẩy không năm giờ."),
        ("Tôi trả 12.000 đồng.", "Tôi trả mười hai nghìn đồng."),
        ("Khoảng 50% khách.", "Khoảng năm mươi phần trăm khách."),
        ("TP. Helsingborg và TP.HCM.", "thành phố Helsingborg và Thành phố Hồ Chí Minh."),
        ("Bánh, sữa, v.v. Sau đó về.", "Bánh, sữa, vân vân. Sau đó về."),
        ("Gọi SĐT 070-123 45 67.", "Gọi số điện thoại 070-123 45 67."),
    ],
)
def test_numbers_dates_times_and_short_forms(text: str, expected: str) -> None:
    assert vi(text) == expected
