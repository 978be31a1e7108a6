"""French and Spanish words for parts of the body, for a "did you mean" when a clinic writing
in those languages names a body-map region in its own words (`epaule_gauche`): the ids of the
kiosk's figures, and most clinics' own, are English. Short on purpose: the common words only,
kept here and nowhere else."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

FOREIGN_BODY_WORDS: dict[str, str] = {
    # French
    "cou": "neck",
    "nuque": "neck",
    "epaule": "shoulder",
    "coude": "elbow",
    "poignet": "wrist",
    "main": "hand",
    "dos": "back",
    "haut": "upper",
    "bas": "lower",
    "lombaire": "lower_back",
    "lombaires": "lower_back",
    "hanche": "hip",
    "fesse": "buttock",
    "cuisse": "thigh",
    "genou": "knee",
    "mollet": "calf",
    "cheville": "ankle",
    "pied": "foot",
    "gauche": "left",
    "droit": "right",
    "droite": "right",
    # Spanish
    "cuello": "neck",
    "hombro": "shoulder",
    "codo": "elbow",
    "muneca": "wrist",
    "mano": "hand",
    "espalda": "back",
    "alta": "upper",
    "superior": "upper",
    "baja": "lower",
    "inferior": "lower",
    "lumbar": "lower_back",
    "cadera": "hip",
    "gluteo": "buttock",
    "nalga": "buttock",
    "muslo": "thigh",
    "rodilla": "knee",
    "pantorrilla": "calf",
    "gemelo": "calf",
    "tobillo": "ankle",
    "pie": "foot",
    "izquierda": "left",
    "izquierdo": "left",
    "derecha": "right",
    "derecho": "right",
}
"""A French or Spanish word (lower case, without accents) -> the English word of region ids."""

LINKING_WORDS = frozenset({"de", "du", "des", "del", "la", "le", "les", "el", "los", "las"})
"""Words between the body words (`bas_du_dos`), which say nothing of the region."""


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def english_region(ident: str, known: Collection[str]) -> str | None:
    """The one id of `known` that says in English what `ident` says in French or Spanish
    (`epaule_gauche` -> `shoulder_left`, `bas_du_dos` -> `lower_back`), or None when the
    words are not all in the table or do not point at exactly one id."""
    words = [_plain(w) for w in ident.replace("-", "_").split("_") if w]
    english = [FOREIGN_BODY_WORDS.get(w) for w in words if w not in LINKING_WORDS]
    if not english or any(e is None for e in english):
        return None
    wanted = {part for e in english if e is not None for part in e.split("_")}
    matches = [k for k in known if wanted <= set(k.split("_"))]
    if len(matches) != 1:
        # "pied droit" is `foot_right` where a figure has both it and `ankle_foot_right`
        exact = [k for k in matches if set(k.split("_")) == wanted]
        return exact[0] if len(exact) == 1 else None
    return matches[0]
