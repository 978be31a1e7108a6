"""Scripted visits of the default content, shared by the unit, UI and journey tests."""

from __future__ import annotations

from kiosk.core.engine import Answer

NO_FLAGS: dict[str, Answer] = {
    "saddle_numbness": "no",
    "bladder_bowel": "no",
    "sexual_function": "no",
    "both_legs": "no",
}
RED_FLAG_QUESTIONS = list(NO_FLAGS)

MASSAGE: dict[str, Answer] = {
    **NO_FLAGS,
    "warning_signs": "no",
    "where": frozenset({"lower_back", "thigh_left", "calf_left"}),
    "side": "one",
    "pain_now": 6,
    "how_long": "one_to_six_weeks",
    "worse_with": frozenset({"sitting", "bending"}),
    "doctor_seen": "yes",
    "pressure": "firm",
}
DOCTOR: dict[str, Answer] = {**MASSAGE, "warning_signs": "yes"}
NOT_TYPICAL: dict[str, Answer] = {
    **MASSAGE,
    "where": frozenset({"lower_back"}),
    "worse_with": frozenset({"none"}),
    "pressure": "gentle",
}

SCRIPTS = {"massage_may_help": MASSAGE, "see_doctor": DOCTOR, "not_typical": NOT_TYPICAL}
