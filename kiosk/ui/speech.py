"""Read-aloud: a `Speaker` that reads a screen's words with the best voice on this machine.

`make_speaker()` picks a backend at run time, in this order:

1. Qt's `QTextToSpeech` (PySide6-Addons), when `PySide6.QtTextToSpeech` imports and its engine
   (not Qt's "mock" one) has at least one locale. The kiosk does not depend on PySide6-Addons
   (a 175 MB wheel; QtTextToSpeech needs QtMultimedia in the bundle; and its speech-dispatcher
   engine held the UI thread for about 1.7 s when it started), so this is for machines that
   add it.
2. The `espeak-ng` program, run with QProcess: started without waiting, killed on `stop()`.
3. Nothing: `available` is False and the UI hides the speaker button.

`KIOSK_SPEECH=off|espeak|qt` forces a choice. No speaker ever raises to its caller or blocks
the UI thread for long: problems are logged, and an engine that fails becomes unavailable
(`available_changed(False)`), so the button hides itself.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QProcess, Signal

log = logging.getLogger(__name__)

ESPEAK_PROGRAM = "espeak-ng"
KILL_WAIT_MS = 500
"""How long `stop()` waits for a killed espeak-ng to be reaped (it takes about a millisecond)."""


class Speaker(QObject):
    """Reads text aloud. This base class is silent: never available, says nothing."""

    state_changed = Signal(bool)
    """True when speech starts, False when it ends (finished, stopped or failed)."""
    available_changed = Signal(bool)
    """False when the engine fails for good: hide the button."""

    name = "off"
    """The backend: off, qt, espeak or fake."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._speaking = False
        self.loudness = 1.0
        """The volume, relative to the engine's normal one (spoken mode's volume keys)."""
        self.pace = 1.0
        """The speed, relative to the normal one (spoken mode's speed key)."""
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def available(self) -> bool:
        return False

    @property
    def speaking(self) -> bool:
        return self._speaking

    def say(self, text: str, language: str) -> None:
        """Read `text` in `language` (a code such as en, es or pt-BR), stopping anything
        already being read. Falls back to the default voice where none fits the language."""

    def stop(self) -> None:
        """Stop reading, at once. Harmless when nothing is being read."""
        self._set_speaking(False)

    def set_levels(self, loudness: float, pace: float) -> None:
        """Speak at `loudness` and `pace` (1.0 each: the engine's normal) from the next
        `say` on."""
        self.loudness, self.pace = loudness, pace

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self.state_changed.emit(speaking)

    def _fail(self, why: str) -> None:
        """The engine is broken: log it once, stop and tell the UI to hide the button."""
        log.warning("read-aloud (%s) is unavailable: %s", self.name, why)
        self._set_speaking(False)
        self.available_changed.emit(False)


class FakeSpeaker(Speaker):
    """For tests and previews: records what it is asked to say; `finish()` ends the speech."""

    name = "fake"

    def __init__(self, parent: QObject | None = None, available: bool = True) -> None:
        super().__init__(parent)
        self._available = available
        self.spoken: list[tuple[str, str]] = []

    @property
    def available(self) -> bool:
        return self._available

    @available.setter
    def available(self, value: bool) -> None:
        if value != self._available:
            self._available = value
            if not value:
                self._set_speaking(False)
            self.available_changed.emit(value)

    def say(self, text: str, language: str) -> None:
        if self._available:
            self.spoken.append((text, language))
            self._set_speaking(bool(text.strip()))

    def finish(self) -> None:
        """As if the voice reached the end of the text."""
        self._set_speaking(False)


def language_candidates(language: str) -> list[str]:
    """Voices to try for a language code, best first: `pt-BR` -> [`pt-br`, `pt`]."""
    code = language.strip().replace("_", "-").lower()
    base = code.partition("-")[0]
    return [c for c in dict.fromkeys((code, base)) if c]


class EspeakSpeaker(Speaker):
    """Speaks with the `espeak-ng` program, one process per `say`.

    With `wav_path` set it writes each speech to that WAV file instead of the sound card (for
    tests). A language it has no voice for falls back to its base language (`pt-BR` -> `pt`),
    then to espeak-ng's default voice; the voice that worked is remembered per language.
    """

    name = "espeak"

    def __init__(
        self,
        program: str,
        parent: QObject | None = None,
        *,
        words_per_minute: int = 160,
        wav_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.program = program
        self.words_per_minute = words_per_minute
        self.wav_path = wav_path
        self._available = True
        self._process: QProcess | None = None
        self._text = ""
        self._language = ""
        self._voices: list[str | None] = []
        self._voice: str | None = None
        self._voice_for: dict[str, str | None] = {}
        self.started_at: float | None = None
        """`time.monotonic()` when the last process started (for figures)."""

    @property
    def available(self) -> bool:
        return self._available

    def arguments(self, text: str, voice: str | None) -> list[str]:
        """espeak-ng's command line: UTF-8 text after `--`, so a leading '-' is read too."""
        args = ["-b", "1", "-s", str(round(self.words_per_minute * self.pace))]
        if self.loudness != 1.0:
            args += ["-a", str(round(100 * self.loudness))]  # espeak-ng's normal is 100
        if voice:
            args += ["-v", voice]
        if self.wav_path is not None:
            args += ["-w", str(self.wav_path)]
        return [*args, "--", text]

    def say(self, text: str, language: str) -> None:
        self._end_process()
        if not self._available or not text.strip():
            self._set_speaking(False)
            return
        self._text = text
        self._language = language
        if language in self._voice_for:
            self._voices = [self._voice_for[language]]
        else:
            self._voices = [*language_candidates(language), None]
        self._set_speaking(True)
        self._start_next_voice()

    def stop(self) -> None:
        self._end_process()
        self._set_speaking(False)

    def _start_next_voice(self) -> None:
        self._voice = self._voices.pop(0)
        process = QProcess(self)
        process.setProgram(self.program)
        process.setArguments(self.arguments(self._text, self._voice))
        process.setStandardOutputFile(QProcess.nullDevice())
        # Slots are methods that ask sender(): a lambda holding the process crashes PySide
        # when the process is deleted later.
        process.started.connect(self._on_started)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        process.start()
        process.closeWriteChannel()

    def _current(self) -> QProcess | None:
        """The process that sent the signal being handled, unless it is one we stopped."""
        process = self.sender()
        if isinstance(process, QProcess) and process is self._process:
            return process
        return None

    def _on_started(self) -> None:
        if self._current() is not None:
            self.started_at = time.monotonic()

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._current()
        if process is None:
            return
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        self._process = None
        process.deleteLater()
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self._voice_for[self._language] = self._voice
            self._set_speaking(False)
        elif status == QProcess.ExitStatus.NormalExit and self._voices:
            log.info("espeak-ng has no voice %r (%s); trying another", self._voice, errors.strip())
            self._start_next_voice()
        else:
            self._available = False
            self._fail(f"espeak-ng ended with {code} ({status.name}): {errors.strip()[-500:]}")

    def _on_error(self, error: QProcess.ProcessError) -> None:
        process = self._current()
        if process is None or error != QProcess.ProcessError.FailedToStart:
            return  # a crash also ends in finished(), handled there
        self._process = None
        process.deleteLater()
        self._available = False
        self._fail(f"{self.program} did not start: {process.errorString()}")

    def _end_process(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(KILL_WAIT_MS)  # SIGKILL: reaped within a millisecond
        process.deleteLater()


class QtSpeaker(Speaker):
    """Speaks with Qt's QTextToSpeech (`module` is `PySide6.QtTextToSpeech`, typed loosely so
    the kiosk type-checks without PySide6-Addons)."""

    name = "qt"

    def __init__(self, module: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._module = module
        self._failed = False
        engines = [e for e in module.QTextToSpeech.availableEngines() if e != "mock"]
        self._tts: Any = module.QTextToSpeech(engines[0], self) if engines else None
        if self._tts is not None:
            self._default_locale: Any = self._tts.locale()
            self._tts.stateChanged.connect(self._on_state)
            self._tts.errorOccurred.connect(self._on_error)

    @property
    def available(self) -> bool:
        if self._tts is None or self._failed:
            return False
        states = self._module.QTextToSpeech.State
        return bool(self._tts.state() != states.Error and self._tts.availableLocales())

    def say(self, text: str, language: str) -> None:
        if not self.available or not text.strip():
            self.stop()
            return
        try:
            self._tts.stop()
            self._tts.setLocale(self._locale_for(language))
            self._tts.setVolume(min(1.0, 0.7 * self.loudness))
            self._tts.setRate(max(-1.0, min(1.0, self.pace - 1.0)))
            self._tts.say(text)
        except Exception as error:  # an engine must never take the kiosk down
            self._failed = True
            self._fail(repr(error))

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
        self._set_speaking(False)

    def _locale_for(self, language: str) -> Any:
        """The engine's locale closest to `language`: same language and region, else same
        language, else the engine's default."""
        wanted = QLocale(language.replace("-", "_"))
        locales = list(self._tts.availableLocales())
        same = [lo for lo in locales if lo.language() == wanted.language()]
        exact = [lo for lo in same if lo.territory() == wanted.territory()]
        return (exact or same or [self._default_locale])[0]

    def _on_error(self, *_: Any) -> None:
        self._on_state(self._tts.state())

    def _on_state(self, state: Any) -> None:
        states = self._module.QTextToSpeech.State
        if state == states.Error:
            if not self._failed:
                self._failed = True
                self._fail(str(self._tts.errorString()))
            return
        self._set_speaking(state in (states.Speaking, states.Synthesizing))


def _qt_speaker(parent: QObject | None) -> Speaker | None:
    try:
        module = importlib.import_module("PySide6.QtTextToSpeech")
    except ImportError:
        return None
    try:
        speaker = QtSpeaker(module, parent)
    except Exception as error:
        log.warning("Qt text-to-speech did not start: %r", error)
        return None
    if speaker.available:
        return speaker
    speaker.deleteLater()
    return None


def _espeak_speaker(parent: QObject | None) -> Speaker | None:
    program = shutil.which(ESPEAK_PROGRAM)
    return EspeakSpeaker(program, parent) if program else None


def make_speaker(parent: QObject | None = None) -> Speaker:
    """The best speaker on this machine; a silent one where there is no voice.
    `KIOSK_SPEECH=off|espeak|qt` forces a backend (silent if that one is missing)."""
    choice = os.environ.get("KIOSK_SPEECH", "").strip().lower()
    makers = {"qt": [_qt_speaker], "espeak": [_espeak_speaker], "off": []}
    if choice and choice not in makers:
        log.warning("KIOSK_SPEECH=%s is not one of off, espeak, qt: choosing by itself", choice)
    for make in makers.get(choice, [_qt_speaker, _espeak_speaker]):
        speaker = make(parent)
        if speaker is not None:
            log.info("read-aloud uses %s", speaker.name)
            return speaker
    log.info("read-aloud is off%s", "" if choice == "off" else ": no voice on this machine")
    return Speaker(parent)
