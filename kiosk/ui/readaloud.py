"""Read-aloud on screen: the speaker button, the voice, and what happens when it fails.

The words come from `kiosk.core.readaloud.script_for` (what the place holds, in the
visitor's language); this part only starts and stops the voice, shows on the button whether
it speaks, and, when the voice fails, takes the button away and opens the reading panel,
which says in words that reading aloud is not available.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ..core.readaloud import script_for
from ..core.session import Session
from .access import VisitorPanels
from .frame import Frame
from .speech import Speaker
from .staff.flow import StaffFlow


class ReadAloud(QObject):
    def __init__(
        self,
        speaker: Speaker,
        session: Session,
        frame: Frame,
        panels: VisitorPanels,
        staff: StaffFlow,
    ) -> None:
        super().__init__(speaker)
        self.speaker = speaker
        self.session = session
        self.frame = frame
        self.panels = panels
        self.staff = staff
        frame.access_bar.read_aloud.connect(self.toggle)  # the speaker button
        speaker.state_changed.connect(self._on_speaking)
        speaker.available_changed.connect(self._on_voice)

    def toggle(self) -> None:
        """The speaker button: read the screen shown, or stop reading."""
        if self.speaker.speaking:
            self.speaker.stop()
            return
        session = self.session
        text = script_for(session.content, session.current)
        if text:
            self.speaker.say(text, session.shown_language)

    def stop(self) -> None:
        """The visitor moved on (or the look changed): the voice stops."""
        self.speaker.stop()

    def _on_speaking(self, speaking: bool) -> None:
        self.frame.access_bar.set_speaking(speaking)

    def _on_voice(self, available: bool) -> None:
        """The voice failed: the speaker button goes, rather than doing nothing, and the
        reading panel opens to say in words that reading aloud is not available (the
        visitor has just asked for it: the voice fails while it reads, and stops when the
        visitor moves on)."""
        self.frame.access_bar.speaker.setVisible(available)
        if not available and self.session.visit_under_way and not self.staff.is_open():
            self.panels.open("access_panel")
