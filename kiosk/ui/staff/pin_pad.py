"""The touch PIN pad that opens the staff panel (the decision is `kiosk.core.access`'s)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ...core.access import Verdict
from ...core.control import Kiosk
from .. import accessible
from ..context import UiContext
from ..overlays import Overlay
from ..widgets import restyle, text_label

log = logging.getLogger(__name__)
Clock = Callable[[], float]


PIN_MAX = 8


class PinPad(Overlay):
    """Digits, Clear, OK and Cancel; the PIN shows as dots, never as digits."""

    opened_admin = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget, kiosk: Kiosk, clock: Clock) -> None:
        m = ctx.metrics
        # wider at a larger text size, so that the heading stays on one line and the keys
        # keep their height on a landscape screen (Arabic lines are tall)
        window_width = parent.width() if parent.width() > 0 else m.px(1920)
        width = min(round(m.px(600) * m.text_factor), window_width - 2 * m.px(24))
        super().__init__(ctx, parent, "pinPad", max(m.px(600), width))
        self.kiosk = kiosk
        self.clock = clock
        self.entered = ""
        self.locked_shown = False
        accessible.as_dialog(self, self.word("pin_title"))
        title = text_label(self.word("pin_title"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(title)
        # the prompt (or what went wrong) under the title, then the field the dots fill: an
        # empty row stood between the title and the prompt (tester)
        self.message = text_label("")
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(self.message)
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setAccessibleName(self.word("pin_entered"))
        self.card_layout.addWidget(self.dots)
        # phone order in every language: 1-2-3 left to right, OK on the right, as on every
        # phone and card terminal (a mirrored 3-2-1 pad in Arabic: tester)
        keypad = QWidget()
        keypad.setObjectName("pinKeypad")
        keypad.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(keypad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.px(14))
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"]
        for index, label in enumerate(labels):
            words = self.word(label.lower()) if label in ("Clear", "OK") else label
            key = self.button(words, "primary" if label == "OK" else "nav")
            key.setObjectName(f"pinKey{label}")
            key.setMinimumSize(m.px(150), m.px(104))
            key.clicked.connect(lambda _=False, k=label: self.press(k))
            grid.addWidget(key, index // 3, index % 3)
            self.keys[label] = key
        self.card_layout.addWidget(keypad)
        self.cancel_button = self.button(self.word("cancel"))
        self.cancel_button.setObjectName("pinCancel")
        self.cancel_button.clicked.connect(self.close_pad)
        self.card_layout.addWidget(self.cancel_button)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(500)
        self.lock_timer.timeout.connect(self.update_lock)

    def open(self) -> None:
        self.entered = ""
        self.say(self.word("enter_pin"))
        self._show_dots()
        super().open()
        self.update_lock()
        self.lock_timer.start()

    def close_pad(self) -> None:
        self.entered = ""
        self.lock_timer.stop()
        self.hide()

    def say(self, text: str, alert: bool = False) -> None:
        """The line under the title: the prompt, or (`alert`) a wrong PIN or the lock, in
        large bold words with a bar in the danger colour (it was small and grey)."""
        self.message.setText(text)
        self.setAccessibleDescription(text)
        if bool(self.message.property("alert")) != alert:
            self.message.setProperty("alert", alert)
            restyle(self.message)

    def _show_dots(self) -> None:
        self.dots.setText(" ".join("●" for _ in self.entered) or " ")

    def update_lock(self) -> None:
        lock = self.kiosk.pin_lock
        left = lock.locked_seconds(self.clock()) if lock is not None else 0
        for key in self.keys.values():
            key.setEnabled(lock is not None and not left)
        if lock is None:
            self.say(self.word("no_pin"), alert=True)
        elif left:
            self.say(self.count("locked", left), alert=True)
            self.locked_shown = True
        elif self.locked_shown:
            self.locked_shown = False
            self.say(self.word("enter_pin"))

    def press(self, key: str) -> None:
        if key == "Clear":
            self.entered = ""
        elif key == "OK":
            self.submit()
            return
        elif len(self.entered) < PIN_MAX:
            self.entered += key
        self._show_dots()

    def submit(self) -> None:
        lock = self.kiosk.pin_lock
        if lock is None:
            return
        result = lock.attempt(self.entered, self.clock())
        self.entered = ""
        self._show_dots()
        if result.verdict is Verdict.OPEN:
            log.info("staff PIN accepted")
            self.close_pad()
            self.opened_admin.emit()
        elif result.verdict is Verdict.WRONG:
            left = result.tries_left
            log.warning("wrong staff PIN (%d %s left)", left, "try" if left == 1 else "tries")
            self.say(self.count("tries_left", result.tries_left), alert=True)
        else:
            log.warning("staff PIN pad locked for %d s", result.locked_seconds)
            self.update_lock()
