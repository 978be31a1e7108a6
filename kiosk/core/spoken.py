"""What the kiosk's own voice says in spoken mode, for a visitor who cannot see. No Qt here.

Spoken mode (EN 301 549 §5.1.3, closed functionality) starts with a key on the start screen
(or the help key anywhere) and ends with the visit. In it the kiosk speaks by itself; this
module decides every word, its order and the positions, in the visitor's language (the
content's words, and the kiosk's own `ui_text.voice_*` words, which a clinic may rewrite);
`kiosk.ui.spoken` only speaks them and moves focus:

- the welcome: the clinic's name, that spoken mode is on, which keys do what, how to begin;
- a new page: its title, then its text (`arrival`); a question: the question, its help, where
  it stands in the check, and how to hear the answers; a result: its title first (the urgent
  one is "Get medical help now"), then all of it, the therapists and the reminder;
- an answer as focus reaches it: "Yes, answer 1 of 2, not selected" (`answer_words`);
- a change of selection: "Sitting, selected" (`changed_choices`, `choice_words`);
- "Still there?": how long is left and how to stay (`still_there`);
- the volume and the speed, as steps ("Volume 6 of 10").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.app_words import visitor_count
from ..content.catalogue import join_words, language_names
from ..content.kinds import SCALE_MAX, SCALE_MIN, question_kind
from ..content.kinds.base import block_script
from ..content.model import Question
from .engine import Answer
from .readaloud import join_parts, script_for
from .session import Session

VOLUME_STEPS = 10
DEFAULT_VOLUME = 7
SPEED_STEPS = 5
DEFAULT_SPEED = 3
SLOWEST_WORDS_PER_MINUTE = 100
WORDS_PER_MINUTE_STEP = 30
"""Speed 1 is 100 words a minute, each step 30 more (3, the default, is 160: espeak-ng's
read-aloud pace)."""


@dataclass
class VoiceLevels:
    """How loud and how fast the voice speaks: steps a visitor changes with keys (back to
    the defaults with each new visit)."""

    volume: int = DEFAULT_VOLUME
    speed: int = DEFAULT_SPEED

    def louder(self) -> None:
        self.volume = min(VOLUME_STEPS, self.volume + 1)

    def quieter(self) -> None:
        self.volume = max(1, self.volume - 1)

    def faster(self) -> None:
        """One step faster; after the fastest, the slowest again (one key, round and round)."""
        self.speed = self.speed % SPEED_STEPS + 1

    @property
    def loudness(self) -> float:
        """The volume relative to the voice's normal one (1.0 at the default step)."""
        return self.volume / DEFAULT_VOLUME

    @property
    def words_per_minute(self) -> int:
        return SLOWEST_WORDS_PER_MINUTE + (self.speed - 1) * WORDS_PER_MINUTE_STEP

    @property
    def pace(self) -> float:
        """The speed relative to the voice's normal one (1.0 at the default step)."""
        default = SLOWEST_WORDS_PER_MINUTE + (DEFAULT_SPEED - 1) * WORDS_PER_MINUTE_STEP
        return self.words_per_minute / default


def keys_help(session: Session) -> str:
    """Which keys do what."""
    return str(session.content.ui_text.voice_keys)


def welcome(session: Session) -> str:
    """Said when spoken mode starts on the start screen."""
    words = session.content.ui_text
    return join_parts(
        [session.content.clinic.name, words.voice_on, words.voice_keys, words.voice_begin]
    )


def turned_on(session: Session) -> str:
    """Said when spoken mode starts during a visit (the help key): that it is on, the keys,
    then the page shown."""
    words = session.content.ui_text
    return join_parts([words.voice_on, words.voice_keys, arrival(session)])


def arrival(session: Session) -> str:
    """What the voice says by itself when a page is shown: its title, then its text."""
    here, content = session.current, session.content
    if here.is_attract:
        return welcome(session)
    if here.is_question:
        question = session.current_question()
        if question is None:
            return ""
        progress = session.progress()
        words = content.ui_text
        where = words.question.format(n=progress.n, total=progress.total)
        # the hint under it, as on screen: one answer, or several then the button that goes
        # on (blind tester: a choose-all question sounded like a single choice)
        button = str(getattr(words, session.next_action()))
        hint = question_kind(question.type).hint_words(words, button)
        return join_parts(
            [question.text, *spoken_lines(question.help), where, hint, words.voice_answers]
        )
    if here.is_result:
        outcome = session.outcome()
        parts: list[str | None] = [outcome.title, *block_script(outcome.body)]
        matches = session.therapist_matches()
        if matches:
            parts.append(content.ui_text.therapists_title)
            language = session.shown_language
            for match in matches:
                therapist = match.therapist
                offered = [content.modality(mid) for mid in match.modalities]
                names = [str(m.name) for m in offered if m is not None]
                parts += [
                    therapist.name,
                    therapist.offers(content.ui_text).format(
                        modalities=join_words(names, language)
                    ),
                ]
                if therapist.languages:
                    spoken = language_names(therapist.languages, language)
                    parts.append(
                        content.ui_text.speaks.format(languages=join_words(spoken, language))
                    )
                parts.append(therapist.bio)
        parts.append(content.ui_text.disclaimer)
        return join_parts(parts)
    return script_for(content, here)


BULLETS = "\u2022\u2023\u25e6\u2043\u2219*-\u2013\u2014"
"""Marks a list's lines may start with: not read out ("bullet")."""


def spoken_lines(text: str | None) -> list[str]:
    """`text` as the voice reads it: each line its own part (a pause after each item of a
    list), without the list's bullets."""
    if not text:
        return []
    return [line.strip().lstrip(BULLETS).strip() for line in text.splitlines() if line.strip()]


def answer_choices(session: Session, question: Question) -> list[tuple[str, str]]:
    """The answers of `question` in the order they stand, each as (its key, its words): an
    option's id and label, or a number of the scale as words (with its end's words)."""
    if question_kind(question.type).answer == "number":
        # the words under each end (a scale's own fields: read by name, not by its kind)
        ends = {
            SCALE_MIN: getattr(question, "min_label", None),
            SCALE_MAX: getattr(question, "max_label", None),
        }
        return [
            (str(n), f"{n}: {ends[n]}" if ends.get(n) else str(n))
            for n in range(SCALE_MIN, SCALE_MAX + 1)
        ]
    words = session.content.ui_text
    return [(o.id, question.option_label(o, words)) for o in question.options]


def chosen_keys(answer: Answer | None) -> frozenset[str]:
    """The keys (`answer_choices`) an answer chose."""
    if answer is None:
        return frozenset()
    if isinstance(answer, int):
        return frozenset({str(answer)})
    if isinstance(answer, str):
        return frozenset({answer})
    return frozenset(answer)


def _state(session: Session, chosen: bool) -> str:
    words = session.content.ui_text
    return str(words.voice_selected if chosen else words.voice_not_selected)


def answer_words(session: Session, question: Question, key: str) -> str:
    """An answer as focus reaches it: "Yes, answer 1 of 2, not selected"."""
    choices = answer_choices(session, question)
    keys = [k for k, _ in choices]
    if key not in keys:
        return ""
    chosen = key in chosen_keys(session.answers.get(question.id))
    return session.content.ui_text.voice_answer.format(
        label=dict(choices)[key],
        n=keys.index(key) + 1,
        total=len(keys),
        state=_state(session, chosen),
    )


def changed_choices(
    session: Session, question: Question, before: Answer | None
) -> list[tuple[str, bool]]:
    """What an answer changed, in the answers' order: (key, now chosen) for each key chosen
    or unchosen since `before`."""
    old, new = chosen_keys(before), chosen_keys(session.answers.get(question.id))
    return [(k, k in new) for k, _ in answer_choices(session, question) if (k in old) != (k in new)]


def choice_words(session: Session, question: Question, before: Answer | None) -> str:
    """A change of selection on the page shown: "Sitting, selected. None of these, not
    selected." (an exclusive answer unticks the others)."""
    labels = dict(answer_choices(session, question))
    return join_parts(
        session.content.ui_text.voice_choice.format(
            label=labels[key], state=_state(session, chosen)
        )
        for key, chosen in changed_choices(session, question, before)
    )


def still_there(session: Session, seconds: int) -> str:
    """ "Still there?": how long is left and how to stay."""
    time = visitor_count(session.shown_language, "idle_time", seconds)
    return session.content.ui_text.voice_still_there.format(time=time)


def button_words(session: Session, label: str) -> str:
    return session.content.ui_text.voice_button.format(label=label)


def long_text_words(session: Session, label: str) -> str:
    return session.content.ui_text.voice_long_text.format(label=label)


def volume_words(session: Session, levels: VoiceLevels) -> str:
    return session.content.ui_text.voice_volume.format(n=levels.volume, total=VOLUME_STEPS)


def speed_words(session: Session, levels: VoiceLevels) -> str:
    return session.content.ui_text.voice_speed.format(n=levels.speed, total=SPEED_STEPS)


def paused(session: Session) -> str:
    return str(session.content.ui_text.voice_paused)


def ended(session: Session) -> str:
    """The goodbye, in the language of the visit (taken before the visit ends: the reset
    puts the default language back)."""
    return str(session.content.ui_text.voice_ended)
