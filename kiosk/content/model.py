"""The typed model of `content.yaml`: every key declared once, with its type, default and meaning.

The same declarations validate a clinic's file and produce the JSON Schema editors use to
autocomplete it. Shape is checked here; references between parts (a condition naming a
question, a therapist's modality, an asset file) are checked in `checks/`, which knows
where each value sits in the file. A screen's model and a question's are those of their kind
(`kinds/`); what every question is made of is in `question_parts.py`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from .app_words import CATALOGUES
from .i18n import LANGUAGE_CODE, localize, words
from .kinds import Question, Screen
from .kinds.anatomy import AnatomyPart, AnatomyScreen
from .kinds.article import ArticleScreen, SelfCheckScreen
from .kinds.cards import Card, CardsScreen
from .parts import (
    BODY_REGIONS,
    REGION_NAMES,
    AssetPath,
    Block,
    Citation,
    Color,
    ElementId,
    FontPath,
    Id,
    Model,
    Name,
    ScreenBase,
    ShortText,
    Text,
    Url,
)
from .pin_rules import SAMPLE_PIN as SAMPLE_PIN
from .pin_rules import iterations_problem
from .question_parts import Condition, Option
from .uitext import UiText as UiText

__all__ = [
    "BODY_REGIONS",
    "REGION_NAMES",
    "AnatomyPart",
    "AnatomyScreen",
    "ArticleScreen",
    "AssetPath",
    "Block",
    "Card",
    "CardsScreen",
    "Citation",
    "Color",
    "Condition",
    "Content",
    "ElementId",
    "FontPath",
    "Id",
    "Model",
    "Name",
    "Option",
    "Question",
    "Screen",
    "ScreenBase",
    "SelfCheckScreen",
    "ShortText",
    "Text",
    "Url",
]

PIN_HASH_PATTERN = (
    r"^pbkdf2-sha256(?:\+rules(?P<rules>[1-9][0-9]{0,2}))?\$(?P<iterations>[0-9]{1,9})"
    r"\$(?P<salt>[0-9a-f]{16,64})\$(?P<digest>[0-9a-f]{64})$"
)
"""A staff PIN as stored in the file: a salted PBKDF2-SHA256 hash from `kiosk hash-pin`, with
the version of the PIN rules it passed (`pin_rules.RULES_MARK`; older hashes lack it)."""

SAMPLE_PIN_HASH = (
    "pbkdf2-sha256$200000$7504a0a70c0c33618209ebc8d9309967$bfd2e0"
    "18dea60b463497efecc277a994856a446e4acd76f4825a366aa7a17f5d"
)
"""The sample PIN of the default content: fine for a first look, never for a clinic."""


# --- the clinic --------------------------------------------------------------------------


class Clinic(Model):
    name: Name = Field(description="The clinic's name, shown on every screen.")
    logo: AssetPath | None = Field(None, description="The clinic's logo (SVG or PNG).")
    welcome: Text = Field(
        words(
            {
                code: catalogue.words["clinic.welcome"]
                for code, catalogue in CATALOGUES.items()
                if "clinic.welcome" in catalogue.words
            }
        ),
        description="One warm sentence on the attract screen.",
    )
    phone: Name | None = Field(None, description="The clinic's phone number, as it is written.")
    address: Name | None = Field(None, description="The clinic's street address.")
    website: Url | None = Field(None, description="The clinic's web site, starting with https://")
    booking_url: Url | None = Field(
        None, description="Where visitors book; shown as a QR code on the result screen."
    )
    hours: Text | None = Field(
        None,
        description="When the clinic is open, in a line or two (e.g. Monday to Friday, 8 am to"
        " 7 pm); shown on the results that list therapists.",
    )
    directions: Text | None = Field(
        None,
        description="How to find the clinic, in a sentence or two (the floor, the door, the"
        " bus stop); shown on the results that list therapists.",
    )
    details_on_attract: bool = Field(
        False, description="Show the hours and directions on the first (attract) screen too."
    )


class Brand(Model):
    primary: Color = Field("#1F5F5B", description="Buttons, titles and the top bar.")
    accent: Color = Field("#A8551A", description="Highlights: the nerve, selected answers.")
    background: Color = Field("#F7F4EF", description="The page behind everything.")
    surface: Color = Field("#FFFFFF", description="Cards and panels.")
    text: Color = Field("#1E2A2A", description="Body text.")
    danger: Color = Field("#B3261E", description="The urgent outcome.")
    font: FontPath | None = Field(
        None, description="A TrueType/OpenType font file; the bundled Lato when empty."
    )
    fonts: dict[Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)], FontPath] = Field(
        default_factory=dict,
        description="More fonts, one per language whose letters the main font lacks, e.g."
        " zh: assets/fonts/NotoSansSC-Regular.otf. A letter the main font lacks is drawn"
        " with these, in this order, then with the bundled Noto Sans Arabic.",
    )
    corner_radius: int = Field(18, ge=0, le=48, description="Roundness of corners, in px.")


class Settings(Model):
    idle_seconds: int = Field(
        90,
        ge=15,
        le=3600,
        description=(
            "Seconds without a touch before 'Still there?'. A long page waits as long as a"
            " slow reader (80 words a minute) needs for its words, up to 5 minutes."
        ),
    )
    countdown_seconds: int = Field(
        20, ge=5, le=300, description="How long 'Still there?' counts down before a reset."
    )
    touch_screen: bool = Field(True, description="Hide the mouse pointer (a touch screen).")
    reduce_motion: bool = Field(
        False,
        description="No fades between screens or slides, for every visitor (each visitor can"
        " also turn them off for their own visit).",
    )
    kiosk_id: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="This kiosk's name in figures and metrics (letters, digits, '.', '_' and"
        " '-'); default the machine's host name. Content shared by several kiosks leaves it"
        " out, or each kiosk sets KIOSK_ID in its environment, which wins.",
    )


Corner = Literal["top_left", "top_right", "bottom_left", "bottom_right"]


class Staff(Model):
    """How a receptionist reaches the admin panel: hold a corner, then type the PIN."""

    pin_hash: str = Field(
        description="The staff PIN, hashed: run `kiosk hash-pin` and paste the line it prints."
    )
    corner: Corner = Field("top_left", description="The corner to hold to open the PIN pad.")
    hold_seconds: float = Field(3, ge=1, le=15, description="How long to hold that corner.")
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)] | None = Field(
        None,
        description="The language of the staff screens (the PIN pad, the staff panel, the"
        " figures): en, es, fr, de, pt, ar or zh; the clinic's first language when empty.",
    )

    @field_validator("pin_hash", mode="before")
    @classmethod
    def _hashed(cls, value: Any) -> Any:
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            raise ValueError(
                "this is a PIN in plain sight; store only its hash: run `kiosk hash-pin`"
                " and paste the line it prints here"
            )
        match = re.match(PIN_HASH_PATTERN, value) if isinstance(value, str) else None
        if isinstance(value, str) and match is None:
            raise ValueError(
                "this is not a PIN hash from `kiosk hash-pin`"
                " (expected a line starting with pbkdf2-sha256$)"
            )
        if match is not None:
            problem = iterations_problem(int(match["iterations"]))
            if problem is not None:
                raise ValueError(problem)
        return value


class Modality(Model):
    id: Id = Field(
        description="A short name for this kind of massage (lower-case letters, digits and _),"
        " used by therapists, cards and answers."
    )
    name: ShortText = Field(description="E.g. Deep tissue massage.")
    summary: Text = Field(description="One sentence on what it is.")
    icon: AssetPath | None = Field(
        None, description="A small picture for it (SVG or PNG), relative to content.yaml."
    )


class Therapist(Model):
    id: Id = Field(
        description="A short name for this therapist (lower-case letters, digits and _)."
    )
    name: Name = Field(description="Their name as visitors see it.")
    photo: AssetPath | None = Field(None, description="A photo or portrait (PNG, JPEG, SVG).")
    bio: Text = Field(description="One or two sentences about them.")
    modalities: list[Id] = Field(min_length=1, description="Ids of the modalities they offer.")
    booking_url: Url | None = Field(
        None, description="Their own booking link; the clinic's when empty."
    )
    languages: list[Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)]] = Field(
        default_factory=list,
        description="The languages they speak with clients (codes: [ar, fr]); among equal"
        " matches, those who speak the visitor's language are suggested first.",
    )
    grammatical_gender: Literal["feminine", "masculine"] | None = Field(
        None,
        description="How the kiosk's words about them agree, in a language where a verb does"
        " (Arabic: يقدّم for a man, تقدّم for a woman): feminine or masculine (the default).",
    )

    def offers(self, words: UiText) -> str:
        """The words before the treatments they offer, agreeing with them."""
        return words.offers_feminine if self.grammatical_gender == "feminine" else words.offers


# --- the self-check (the questions: `question_parts.py` and `kinds/questions.py`) ---------


OutcomeKind = Literal["urgent", "doctor", "therapist", "info"]


class Outcome(Model):
    id: Id = Field(description="A short name for this result (lower-case letters, digits and _).")
    kind: OutcomeKind = Field(
        description="urgent (a red flag), doctor, therapist or info: sets the icon and colour."
    )
    title: ShortText = Field(description="The heading of the result.")
    body: list[Block] = Field(
        default_factory=list, description="The blocks of the result, top to bottom."
    )
    when: Condition | None = Field(None, description="This outcome is chosen when this holds.")
    default: bool = Field(False, description="Chosen when no other outcome matches.")
    therapists: list[Id] = Field(
        default_factory=list, description="Show therapists who offer any of these modalities."
    )
    sources: list[Citation] = Field(default_factory=list, description="Where the facts come from.")
    reviewed: date | None = Field(None, description="When the text was last checked.")


class SelfCheck(Model):
    questions: list[Question] = Field(
        min_length=1,
        description="The questions, in the order asked; those with a red-flag answer first.",
    )
    outcomes: list[Outcome] = Field(
        min_length=2,
        description="The results, checked in order: the first whose 'when' holds is shown.",
    )
    max_therapists: int = Field(3, ge=0, le=6, description="Most therapists on a result.")


class Language(Model):
    code: Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)] = Field(
        description="The language's code, used in the texts: en, es, fr, pt-BR ..."
    )
    name: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        description="The language's name in its own words, as visitors look for it: Español."
    )
    direction: Literal["ltr", "rtl"] | None = Field(
        None,
        description="ltr (left to right) or rtl (right to left: the whole screen mirrors);"
        " when empty, the direction of the language's script (Arabic, Hebrew, Farsi and"
        " Urdu are rtl).",
    )


class Content(Model):
    """Everything a visitor sees, from one file."""

    version: Literal[1] = Field(description="The format of this file; 1.")
    languages: list[Language] = Field(
        default_factory=lambda: [Language(code="en", name="English")],
        min_length=1,
        description="The languages offered; the first is the default. Each text of the file"
        " is then one string, or one string per language code.",
    )
    clinic: Clinic = Field(description="The clinic: name, logo, welcome, contact details.")
    brand: Brand = Field(
        default_factory=lambda: Brand(), description="The clinic's colours, font and corners."
    )
    settings: Settings = Field(
        default_factory=lambda: Settings(),
        description="Timings and the touch screen: when a visit ends by itself.",
    )
    staff: Staff | None = Field(
        None, description="The receptionist's PIN and gesture; without it there is no admin panel."
    )
    ui_text: UiText = Field(
        default_factory=lambda: UiText(),
        description="The kiosk's own words (buttons, hints); each has a default.",
    )
    modalities: list[Modality] = Field(
        default_factory=list, description="The kinds of massage the clinic offers."
    )
    therapists: list[Therapist] = Field(
        default_factory=list, description="The clinic's therapists, shown on results."
    )
    screens: list[Screen] = Field(min_length=1, description="In the order visitors see them.")
    self_check: SelfCheck = Field(description="The questions and their results.")

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[Language]) -> list[Language]:
        codes = [language.code for language in value]
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise ValueError(f"each language once: {', '.join(twice)} is listed twice")
        return value

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def staff_language(self) -> str:
        """The language of the staff screens: `staff.language`, else the first language."""
        chosen = self.staff.language if self.staff is not None else None
        return chosen or self.default_language

    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages]

    def in_language(self, code: str | None) -> Content:
        """This content with every text in `code` (the default language where it has none,
        or where `code` is None or not offered)."""
        default = self.default_language
        chosen = code if code in self.language_codes() else default
        return localize(self, chosen, default)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.self_check.questions if q.id == question_id), None)

    def outcome(self, outcome_id: str) -> Outcome | None:
        return next((o for o in self.self_check.outcomes if o.id == outcome_id), None)

    def modality(self, modality_id: str) -> Modality | None:
        return next((m for m in self.modalities if m.id == modality_id), None)
