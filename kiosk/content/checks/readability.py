"""How hard words are to read: syllables (English, Spanish, French), the Flesch-Kincaid grade
and the reading ease of Fernández-Huerta and Kandel-Moles. Plain maths on text; no Qt here."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .run import variants

MAX_GRADE = 8.0
"""The highest Flesch-Kincaid grade a screen should read at (DESIGN.md: grade 6 to 8)."""
MIN_GRADED_WORDS = 20
"""Screens with fewer words are not graded: the formula means little on a few lines."""

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+")
COMMON_ENGLISH = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from"),
        *("have", "how", "if", "in", "is", "it", "may", "not", "of", "on", "or", "so"),
        *("that", "the", "their", "them", "they", "this", "to", "was", "we", "what"),
        *("when", "will", "with", "you", "your"),
    }
)


@functools.lru_cache(maxsize=8192)  # words repeat: the checks of a 1 MB file take 30% less
def count_syllables(word: str) -> int:
    """Syllables in an English word, by a simple heuristic (right for most plain words).

    Count the groups of vowels (a, e, i, o, u, y) in a row; then drop a silent final "e"
    (make, time; not "le" after a consonant: little), a silent "-es" (makes, times; not after
    s, x, z, ch, sh, ce, ge: causes) and a silent "-ed" (passed; not after t or d: needed).
    Words of three letters or fewer, numbers and every word have at least one syllable.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1
    count = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("ee", "ye")):
        if not (w.endswith("le") and w[-3] not in "aeiouy"):
            count -= 1
    elif w.endswith("es") and not w.endswith(("ses", "xes", "zes", "ches", "shes", "ces", "ges")):
        if not (w.endswith("les") and w[-4] not in "aeiouy"):
            count -= 1
    elif w.endswith("ed") and not w.endswith(("ted", "ded")):
        count -= 1
    return max(1, count)


@dataclass(frozen=True)
class ReadingStats:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade level: 0.39 (words/sentences) + 11.8 (syllables/words)
        - 15.59, the school grade (US) a reader needs."""
        if not self.words:
            return 0.0
        return (
            0.39 * self.words / max(1, self.sentences) + 11.8 * self.syllables / self.words - 15.59
        )


def by_language(texts: Iterable[str]) -> dict[str, list[str]]:
    """A screen's words by language code ("" for plain strings, which count for every
    language)."""
    plain: list[str] = []
    found: dict[str, list[str]] = {}
    for text in texts:
        for language, words in variants(text):
            if language is None:
                plain.append(words)
            else:
                found.setdefault(language, []).append(words)
    if not found:
        return {"": plain}
    return {language: [*plain, *words] for language, words in found.items()}


def english_of(texts: Mapping[str, list[str]]) -> str:
    """The code of a screen's English words: en, else en-GB and the like, else "" (plain
    strings, graded if they read as English)."""
    codes = list(texts)
    return next(
        (c for c in codes if c == "en"), next((c for c in codes if c.startswith("en-")), "")
    )


@functools.lru_cache(maxsize=8192)
def romance_syllables(word: str) -> int:
    """Syllables of a Spanish or French word, roughly: its groups of vowels (a final silent
    French "e" or "es" after a consonant not counted)."""
    lower = word.lower()
    groups = len(ROMANCE_VOWELS.findall(lower))
    if groups > 1 and re.search(r"[^aeiouyéèêàâîôûœ]es?$", lower):
        groups -= 1
    return max(1, groups)


ROMANCE_VOWELS = re.compile(r"[aeiouyáéíóúüàâèêëîïôûùœ]+")
MIN_EASE = 60.0
"""The lowest reading ease a Spanish or French screen should score (60 to 70 reads like
grade 8 to 9; 70 and up is easy)."""
EASE_FORMULAS: dict[str, tuple[str, Callable[[float, float], float]]] = {
    "es": ("Fernández-Huerta", lambda wps, spw: 206.84 - 1.02 * wps - 60.0 * spw),
    "fr": ("Kandel-Moles", lambda wps, spw: 207.0 - 1.015 * wps - 73.6 * spw),
}
"""Reading ease in Spanish (Fernández Huerta, 1959, as corrected by Law) and French (Kandel
and Moles, 1958): Flesch's reading ease with weights for each language."""


def reading_stats(
    texts: Iterable[str], syllables_of: Callable[[str], int] | None = None
) -> ReadingStats:
    """Words, sentences and syllables of some texts, each a paragraph, bullet or callout.

    A sentence ends at . ! or ? followed by a space; each text ends one too, so a bullet
    without a full stop is a sentence of its own.
    """
    words = sentences = syllables = 0
    for text in texts:
        for sentence in SENTENCE_END.split(text.strip()):
            found = WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                syllables += sum((syllables_of or count_syllables)(w) for w in found)
    return ReadingStats(words, sentences, syllables)


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of one text (see `count_syllables` for the heuristic)."""
    return reading_stats([text]).grade


def looks_english(texts: Iterable[str]) -> bool:
    """Whether text reads as English: at least 1 word in 6 is a common English word such as
    "the", "you" or "and". The grade formula and the syllable count are for English only."""
    words = [w.lower() for text in texts for w in WORD.findall(text)]
    if not words:
        return False
    return sum(w in COMMON_ENGLISH for w in words) * 6 >= len(words)
