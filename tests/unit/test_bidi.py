"""Left-to-right runs inside right-to-left lines keep their order (Unicode isolates)."""

from __future__ import annotations

from kiosk.ui.bidi import FSI, LRI, PDI, isolate, isolate_ltr_runs


def test_times_phone_numbers_and_addresses_are_isolated_in_arabic() -> None:
    assert isolate_ltr_runs("من السبت إلى الخميس 9:00\u201317:00", rtl=True) == (
        f"من السبت إلى الخميس {LRI}9:00\u201317:00{PDI}"
    )
    assert isolate_ltr_runs("اتصل على +971 4 555 0142 للحجز", rtl=True) == (
        f"اتصل على {LRI}+971 4 555 0142{PDI} للحجز"
    )
    assert isolate_ltr_runs("nakheel-physio.example/book", rtl=True) == (
        f"{LRI}nakheel-physio.example/book{PDI}"
    )


def test_left_to_right_lines_are_left_alone() -> None:
    assert isolate_ltr_runs("Monday to Friday, 7 am to 8 pm.", rtl=False) == (
        "Monday to Friday, 7 am to 8 pm."
    )


def test_a_citation_keeps_its_own_direction() -> None:
    assert isolate("NHS: Sciatica") == f"{FSI}NHS: Sciatica{PDI}"
