"""Warnings on the words of each screen and result: its reading grade (English) or reading ease
(Spanish, French), paragraphs too long for one screen, and reviews more than a year old.
The formulas are in `readability`. No Qt here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..kinds import screen_kind
from ..kinds.base import block_texts
from ..model import Outcome
from .readability import (
    EASE_FORMULAS,
    MAX_GRADE,
    MIN_EASE,
    MIN_GRADED_WORDS,
    WORD,
    by_language,
    english_of,
    looks_english,
    reading_stats,
    romance_syllables,
)
from .run import Path_, Placed, Run, variants

MAX_PARAGRAPH_WORDS = 90
MAX_PARAGRAPH_CHARS = 600
REVIEW_DAYS = 365


def reading(run: Run) -> None:
    """Warnings on every screen and result: reading grade, review date, long paragraphs."""
    pages: list[tuple[Path_, list[Placed], date | None]] = []
    for si, screen in enumerate(run.content.screens):
        base: Path_ = ("screens", si)
        texts = [((*base, *at), text) for at, text in screen_kind(screen).texts(screen)]
        pages.append((base, texts, screen.reviewed))
    for oi, outcome in enumerate(run.content.self_check.outcomes):
        base = ("self_check", "outcomes", oi)
        pages.append((base, list(_outcome_texts(base, outcome)), outcome.reviewed))
    for base, texts, reviewed in pages:
        for path, text in texts:
            _paragraph_length(run, path, text)
        _grade(run, base, [text for _, text in texts])
        if reviewed is not None:
            _review(run, base, reviewed)


def _paragraph_length(run: Run, path: Path_, localized: str) -> None:
    for language, text in variants(localized):
        _one_paragraph_length(run, path + ((language,) if language else ()), text)


def _one_paragraph_length(run: Run, path: Path_, text: str) -> None:
    words = len(WORD.findall(text))
    chars = len(text)
    if words > MAX_PARAGRAPH_WORDS or chars > MAX_PARAGRAPH_CHARS:
        run.warn(
            path,
            f"this paragraph has {words} words ({chars} characters), too long to read"
            f" on one screen; keep it to {MAX_PARAGRAPH_WORDS} words and"
            f" {MAX_PARAGRAPH_CHARS} characters at most: split it, or make part of it a list",
        )


def _grade(run: Run, base: Path_, localized: list[str]) -> None:
    """The English words of a screen get a Flesch-Kincaid grade, wherever English stands
    in the list of languages; Spanish and French words a reading-ease score."""
    languages = by_language(localized)
    for language, texts in languages.items():
        if language.split("-")[0] in EASE_FORMULAS:
            _ease(run, base, language, texts)
    texts = languages.get(english_of(languages), [])
    stats = reading_stats(texts)
    if stats.words < MIN_GRADED_WORDS or not looks_english(texts):
        return
    grade = stats.grade
    if grade > MAX_GRADE:
        run.warn(
            base,
            f"this screen reads at grade {grade:.1f} (Flesch-Kincaid:"
            f" {stats.words / stats.sentences:.1f} words a sentence,"
            f" {stats.syllables / stats.words:.2f} syllables a word); aim for grade"
            f" {MAX_GRADE:.0f} or below with shorter sentences and plainer words",
        )


def _ease(run: Run, base: Path_, language: str, texts: list[str]) -> None:
    name, formula = EASE_FORMULAS[language.split("-")[0]]
    stats = reading_stats(texts, romance_syllables)
    if stats.words < MIN_GRADED_WORDS:
        return
    ease = formula(stats.words / stats.sentences, stats.syllables / stats.words)
    if ease < MIN_EASE:
        run.warn(
            base,
            f"the {language} words of this screen score {ease:.0f} for reading ease"
            f" ({name}: {stats.words / stats.sentences:.1f} words a sentence,"
            f" {stats.syllables / stats.words:.2f} syllables a word); aim for"
            f" {MIN_EASE:.0f} or more with shorter sentences and plainer words",
        )


def _review(run: Run, base: Path_, reviewed: date) -> None:
    days = (run.today - reviewed).days
    if days > REVIEW_DAYS:
        run.warn(
            (*base, "reviewed"),
            f"last reviewed on {reviewed.isoformat()}, more than a year ago ({days} days);"
            " check the text against its sources, then set 'reviewed' to today's date",
        )


def _outcome_texts(base: Path_, outcome: Outcome) -> Iterator[Placed]:
    yield from block_texts((*base, "body"), outcome.body)
