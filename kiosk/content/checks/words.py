"""The kiosk's own words as a clinic rewrote them (placeholders, region names) and the texts'
languages (a language not offered, a language offered without its words). No Qt here."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..app_words import APP_WORDS
from ..body_words import english_region
from ..errors import did_you_mean
from ..i18n import FALLBACK_LANGUAGE, MAX_MISSING_LISTED, BuiltIn
from ..i18n import texts as all_texts
from ..parts import REGION_NAMES
from .run import Path_, Run, variants

WIDE_FORMAT = re.compile(r"\{[^{}:]*:[^{}]*[0-9]{3,}[^{}]*\}")
"""A format spec like {n:>999999999}: trying it would build a string that size."""


def ui_text(run: Run) -> None:
    """The kiosk's words a clinic rewrote: their placeholders, offers beside offers_feminine, and
    the regions they name."""
    ui = run.content.ui_text
    samples: dict[str, dict[str, object]] = {
        "step": {"n": 2, "total": 8},
        "question": {"n": 2, "total": 8},
        "reviewed": {"date": "1 November 2026"},
        "offers": {"modalities": "Swedish massage"},
        "offers_feminine": {"modalities": "Swedish massage"},
        "speaks": {"languages": "Spanish and English"},
        "choose_all": {"button": "Next"},
        "choose_regions": {"button": "Next"},
        "choose_scale": {"button": "Next"},
        "idle_message": {"seconds": 20, "time": "20 seconds"},
    }
    for key, sample in samples.items():
        for language, text in variants(getattr(ui, key)):
            _placeholders(run, key, sample, language, text)
    women = [t.id for t in run.content.therapists if t.grammatical_gender == "feminine"]
    if women and not isinstance(ui.offers, BuiltIn) and isinstance(ui.offers_feminine, BuiltIn):
        run.warn(
            ("ui_text", "offers"),
            "you rewrote 'offers' but not 'offers_feminine': the line over the treatments"
            f" of {', '.join(women)} (grammatical_gender: feminine) keeps the kiosk's own"
            " words; write offers_feminine too (the same words where the verb does not"
            " change)",
        )
    for key in ui.regions:
        if key not in REGION_NAMES:
            run.error(
                ("ui_text", "regions", key),
                f"'{key}' is not a region of the kiosk's own figures"
                f"{_region_guess(key)}; name the regions of your own figure"
                " in each option's label",
            )


def _placeholders(
    run: Run, key: str, sample: dict[str, object], language: str | None, text: str
) -> None:
    path: Path_ = ("ui_text", key) + ((language,) if language else ())
    if WIDE_FORMAT.search(text):
        run.error(
            path,
            "a placeholder asks for a width or precision over 99 characters; write it"
            " plainly, like {" + next(iter(sample)) + "}",
        )
        return
    try:
        text.format(**sample)
    except KeyError as missing:
        run.error(
            path,
            f"unknown placeholder {{{missing.args[0]}}} (you can use: "
            + ", ".join("{" + name + "}" for name in sample)
            + ")",
        )
    except (ValueError, IndexError, AttributeError):
        run.error(
            path,
            "write placeholders plainly, like {"
            + next(iter(sample))
            + "}, and double a brace you want shown: {{ or }}",
        )


# -- languages ---------------------------------------------------------------------


def languages(run: Run) -> None:
    """A text in a language not offered is an error (a typo, most often); a language
    offered without its own words for a text is a warning: the default language shows."""
    content = run.content
    codes = content.language_codes()
    names = {language.code: language.name for language in content.languages}
    default = content.default_language
    missing: dict[str, list[Path_]] = {code: [] for code in codes[1:]}
    builtin_missing: set[str] = set()
    for path, text in all_texts(content):
        given = not isinstance(text, BuiltIn)
        for code in text.translations:
            if given and code not in names:
                run.error(
                    (*path, code),
                    f"'{code}' is not one of the languages offered"
                    f" ({', '.join(codes)}){_code_guess(code, codes)};"
                    " add it under languages: or correct the code",
                )
        for code in missing:
            if not text.has(code):
                if given:
                    missing[code].append(path)
                else:
                    builtin_missing.add(code)
    for code, paths in missing.items():
        shown = f"{names[code]} ({code})"
        fallback = f"{names[default]} ({default})"
        for path in paths[:MAX_MISSING_LISTED]:
            run.warn(
                path,
                f"no {shown} text here; visitors reading {shown} see the"
                f" {fallback} text. Give both, like  {default}: ...  {code}: ...",
            )
        if len(paths) > MAX_MISSING_LISTED:
            run.warn(
                ("languages",),
                f"{len(paths) - MAX_MISSING_LISTED} more texts have no {shown} words"
                f" (the first {MAX_MISSING_LISTED} are listed); the {fallback} text shows"
                " there",
            )
    for code in sorted(builtin_missing):
        run.warn(
            ("languages",),
            f"the kiosk's own words (Next, Back, Home ...) are built in for"
            f" {', '.join(sorted(APP_WORDS))} only, not {names[code]} ({code}); they show in"
            f" {FALLBACK_LANGUAGE} until you give them under ui_text:, like"
            f"  next: {{{FALLBACK_LANGUAGE}: Next, {code}: ...}}",
        )


def _code_guess(code: str, codes: Sequence[str]) -> str:
    """ " (did you mean 'fr'?)" for a language code one key off an offered one: a letter
    changed (`fe`), two swapped (`ne`) or its case (`pt-br`). Language codes are too short
    for a guess by likeness alone (clinic tester: `{fe: ...}` had none)."""
    near = [
        offered
        for offered in codes
        if offered.lower() == code.lower()
        or (
            len(offered) == len(code)
            and (
                sum(a != b for a, b in zip(offered, code, strict=True)) == 1
                or sorted(offered) == sorted(code)
            )
        )
    ]
    if not near:
        return did_you_mean(code, codes)
    return f" (did you mean {' or '.join(repr(found) for found in near)}?)"


def _region_guess(key: str) -> str:
    """ " (did you mean ...?)" for a region of the kiosk's own figures, also one named in
    French or Spanish words."""
    english = english_region(key, REGION_NAMES)
    if english is not None:
        return f" (did you mean '{english}'? the ids are English words)"
    return did_you_mean(key, REGION_NAMES)
