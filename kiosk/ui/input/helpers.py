"""The input helpers of one window, made together and put behind its router in the stated
order (`kiosk.ui.input.router`): the staff corner, the tap guard, idle presence, the
lockdown, keyboard access and the fade between pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QPushButton, QWidget

from ...content.model import Settings
from ...core.session import Session
from .assist import AssistiveActions
from .corner import CornerHold
from .idle import Clock, IdleWatcher, TapGuard
from .keyboard import KeyboardAccess
from .lockdown import Lockdown
from .router import InputRouter, Policy


class Staff(Protocol):
    """The staff's way in: its corner, and whether a staff screen is open (and closing it)."""

    corner: CornerHold

    def is_open(self) -> bool: ...

    def close(self) -> None: ...


class Countdown(Protocol):
    """Where "Still there?" shows its countdown."""

    def show_countdown(self, seconds: int) -> None: ...

    def hide_countdown(self) -> None: ...


class InputHelpers:
    def __init__(
        self,
        window: QWidget,
        router: InputRouter,
        session: Session,
        clock: Clock,
        guard: tuple[Callable[[], Sequence[QWidget | None]], float],
        staff: Staff,
        countdown: Countdown,
        next_button: Callable[[], QPushButton],
        fade: Policy,
    ) -> None:
        guarded, guard_seconds = guard
        self.router = router
        self.tap_guard = TapGuard(guarded, clock, guard_seconds, window, session)
        """Holds taps on what `guarded` names while a new page fades in and until it has been
        whole on screen for its time (`kiosk.core.intent`)."""
        settings = session.base.settings
        self.idle = IdleWatcher(
            session,
            countdown.show_countdown,
            countdown.hide_countdown,
            settings.idle_seconds,
            settings.countdown_seconds,
            window,
            clock=clock,
            staff_open=staff.is_open,
            close_staff=staff.close,
        )
        self.lockdown = Lockdown(window)
        self.keyboard = KeyboardAccess(window, self.tap_guard, next_button, own_filter=False)
        self.assistive = AssistiveActions(window, self.tap_guard, self.idle)
        """An assistive client's Press and Toggle: the tap guard and idle presence too."""
        router.set_policies(
            [
                ("corner", staff.corner),  # a staff hold starts wherever the finger lands
                ("tap guard", self.tap_guard),
                ("idle", self.idle),
                ("lockdown", self.lockdown),
                ("keyboard", self.keyboard),
                ("fade", fade),
            ]
        )
        router.install()

    def add_voice(self, voice: Policy) -> None:
        """Spoken mode's keys (`kiosk.ui.spoken`): after idle presence (a key still counts as
        the visitor being there), before the lockdown (its Escape is Back, used up there)
        and keyboard access (which moves focus and clicks for the keys it leaves)."""
        policies = [entry for entry in self.router.policies if entry[0] != "voice"]
        at = next(i for i, (name, _) in enumerate(policies) if name == "idle") + 1
        policies.insert(at, ("voice", voice))
        self.router.set_policies(policies)

    def configure(self, settings: Settings) -> None:
        """New content: its idle and countdown times."""
        self.idle.configure(settings.idle_seconds, settings.countdown_seconds)

    def still_here(self) -> None:
        """ "I'm still here": the visitor is back; the countdown goes."""
        self.idle.still_here()
