"""Read-aloud speakers: the fake one, choosing a backend, and espeak-ng (real where installed)."""

from __future__ import annotations

import importlib.util
import shutil
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui.speech import (
    EspeakSpeaker,
    FakeSpeaker,
    Speaker,
    language_candidates,
    make_speaker,
)

ESPEAK = shutil.which("espeak-ng")
HAS_QT_TTS = importlib.util.find_spec("PySide6.QtTextToSpeech") is not None
WAIT_MS = 5000


def fake_program(tmp_path: Path, body: str) -> str:
    """A stand-in for espeak-ng: a shell script that logs its arguments, then runs `body`."""
    script = tmp_path / "fake-espeak"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{tmp_path}/calls"\n{body}\n')
    script.chmod(0o755)
    return str(script)


def calls(tmp_path: Path) -> list[str]:
    return (tmp_path / "calls").read_text().splitlines()


def record(speaker: Speaker) -> list[bool]:
    states: list[bool] = []
    speaker.state_changed.connect(states.append)
    return states


# --- the fake speaker ----------------------------------------------------------------------


def test_fake_speaker_records_what_it_says_until_finished(qtbot: QtBot) -> None:
    speaker = FakeSpeaker()
    states = record(speaker)
    speaker.say("Hello.", "en")
    speaker.say("Hola.", "es")  # stops the first: still speaking, no flicker
    assert speaker.spoken == [("Hello.", "en"), ("Hola.", "es")]
    assert speaker.speaking
    speaker.finish()
    assert not speaker.speaking
    speaker.say("Again.", "en")
    speaker.stop()
    assert states == [True, False, True, False]


def test_fake_speaker_made_unavailable_stops_and_says_nothing(qtbot: QtBot) -> None:
    speaker = FakeSpeaker()
    speaker.say("Hello.", "en")
    with qtbot.waitSignal(speaker.available_changed, timeout=1000) as signal:
        speaker.available = False
    assert signal.args == [False]
    assert not speaker.speaking
    speaker.say("Ignored.", "en")
    assert speaker.spoken == [("Hello.", "en")]
    assert not FakeSpeaker(available=False).available


# --- choosing a backend --------------------------------------------------------------------


def test_speech_off_gives_a_silent_speaker_that_never_raises(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_SPEECH", "off")
    speaker = make_speaker()
    states = record(speaker)
    assert not speaker.available
    speaker.say("Hello.", "en")
    speaker.stop()
    assert not speaker.speaking
    assert states == []


def test_no_espeak_on_path_means_no_speaker(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KIOSK_SPEECH", "espeak")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not make_speaker().available


def test_espeak_is_chosen_where_it_is_on_path(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    program = fake_program(tmp_path, "exit 0")
    Path(program).rename(tmp_path / "espeak-ng")
    monkeypatch.setenv("PATH", str(tmp_path))
    for choice in ["espeak"] if HAS_QT_TTS else ["espeak", "", "bogus"]:
        monkeypatch.setenv("KIOSK_SPEECH", choice)
        speaker = make_speaker()
        assert isinstance(speaker, EspeakSpeaker)
        assert speaker.available
        assert speaker.program == str(tmp_path / "espeak-ng")


@pytest.mark.skipif(HAS_QT_TTS, reason="PySide6-Addons is installed: the Qt engine may start")
def test_qt_speech_without_pyside6_addons_is_silent(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_SPEECH", "qt")
    assert not make_speaker().available


def test_language_candidates_go_from_region_to_language() -> None:
    assert language_candidates("pt-BR") == ["pt-br", "pt"]
    assert language_candidates("es") == ["es"]
    assert language_candidates("zh_Hant") == ["zh-hant", "zh"]
    assert language_candidates("") == []


# --- espeak-ng, with a stand-in program ------------------------------------------------------


def test_say_runs_the_program_with_voice_and_text_then_ends(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = EspeakSpeaker(fake_program(tmp_path, "exit 0"))
    states = record(speaker)
    with qtbot.waitSignal(speaker.state_changed, timeout=WAIT_MS, check_params_cb=lambda s: not s):
        speaker.say("-5 degrees.\nCold.", "es")
    assert states == [True, False]
    assert calls(tmp_path) == ["-b 1 -s 160 -v es -- -5 degrees.", "Cold."]
    assert speaker.available


def test_a_missing_voice_falls_back_to_the_language_then_the_default(
    qtbot: QtBot, tmp_path: Path
) -> None:
    body = 'case " $* " in *" -v xx"*) echo "no such voice" >&2; exit 1;; esac'
    speaker = EspeakSpeaker(fake_program(tmp_path, body))
    with qtbot.waitSignal(speaker.state_changed, timeout=WAIT_MS, check_params_cb=lambda s: not s):
        speaker.say("Hi.", "xx-YY")
    assert [line.split(" -- ")[0] for line in calls(tmp_path)] == [
        "-b 1 -s 160 -v xx-yy",
        "-b 1 -s 160 -v xx",
        "-b 1 -s 160",
    ]
    assert speaker.available
    with qtbot.waitSignal(speaker.state_changed, timeout=WAIT_MS, check_params_cb=lambda s: not s):
        speaker.say("Hi again.", "xx-YY")  # the default voice is remembered for xx-YY
    assert calls(tmp_path)[-1] == "-b 1 -s 160 -- Hi again."


def test_stop_kills_the_process_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = EspeakSpeaker(fake_program(tmp_path, "exec sleep 30"))
    states = record(speaker)
    speaker.say("A long text.", "en")
    qtbot.waitUntil(lambda: speaker.started_at is not None, timeout=WAIT_MS)
    started = time.monotonic()
    speaker.stop()
    assert time.monotonic() - started < 0.5
    assert not speaker.speaking
    assert states == [True, False]
    assert speaker.available
    speaker.stop()  # twice is harmless
    assert states == [True, False]


def test_saying_again_replaces_what_is_being_said(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = EspeakSpeaker(fake_program(tmp_path, "exec sleep 30"))
    states = record(speaker)
    speaker.say("First screen.", "en")
    speaker.say("Second screen.", "en")
    assert speaker.speaking
    speaker.stop()
    assert states == [True, False]


def test_a_program_that_cannot_start_makes_the_speaker_unavailable(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    speaker = EspeakSpeaker(str(tmp_path / "no-such-program"))
    states = record(speaker)
    with qtbot.waitSignal(speaker.available_changed, timeout=WAIT_MS):
        speaker.say("Hello.", "en")
    assert not speaker.available
    assert not speaker.speaking
    assert states == [True, False]
    assert "unavailable" in caplog.text
    speaker.say("Hello.", "en")  # now does nothing
    assert states == [True, False]


def test_a_program_that_keeps_failing_makes_the_speaker_unavailable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    speaker = EspeakSpeaker(fake_program(tmp_path, "echo broken >&2; exit 2"))
    with qtbot.waitSignal(speaker.available_changed, timeout=WAIT_MS):
        speaker.say("Hello.", "en")
    assert not speaker.available
    assert not speaker.speaking
    assert len(calls(tmp_path)) == 2  # en, then the default voice


def test_empty_text_says_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = EspeakSpeaker(fake_program(tmp_path, "exit 0"))
    states = record(speaker)
    speaker.say("  \n ", "en")
    assert states == []
    assert not (tmp_path / "calls").exists()


# --- espeak-ng itself ------------------------------------------------------------------------


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "What is sciatica? It is pain along the sciatic nerve."),
        ("es", "¿Qué es la ciática? Es un dolor a lo largo del nervio ciático."),
        ("pt-BR", "O que é a ciática?"),
        ("xx", "An unknown language falls back to the default voice."),
    ],
)
def test_espeak_ng_speaks_each_language_into_a_wav_file(
    qtbot: QtBot, tmp_path: Path, language: str, text: str
) -> None:
    assert ESPEAK is not None
    wav = tmp_path / f"{language}.wav"
    speaker = EspeakSpeaker(ESPEAK, wav_path=wav)
    states = record(speaker)
    with qtbot.waitSignal(speaker.state_changed, timeout=WAIT_MS, check_params_cb=lambda s: not s):
        speaker.say(text, language)
    assert states == [True, False]
    assert speaker.available
    data = wav.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert len(data) > 20_000  # a second of speech is about 44 kB at 22 kHz, 16 bits


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_espeak_ng_say_then_stop_ends_silent(qtbot: QtBot) -> None:
    assert ESPEAK is not None
    speaker = EspeakSpeaker(ESPEAK)
    states = record(speaker)
    speaker.say("This sentence is stopped before it ends. " * 20, "en")
    assert speaker.speaking
    speaker.stop()
    assert not speaker.speaking
    assert states == [True, False]
    assert speaker.available
