"""The visitor's own controls for reading: language, text size, contrast, motion, read-aloud.

`AccessBar` sits at the right of the top bar on every framed screen: a speaker (hidden where
no voice is installed), "Aa" (opens `AccessPanel`) and the language (switches at once between
two languages, or opens `LanguagePanel` for more). Every tap goes to the session; the window
redraws the screens for what the session then says. Nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from ..content.i18n import labelled
from . import accessible
from .context import UiContext
from .overlays import Overlay, OverlayHost, OverlayKind
from .screens.base import language_buttons
from .speech import Speaker
from .still_there import StillThere
from .widgets import (
    ONE_CHANGE_PER_TAP,
    FittingButton,
    icon_label,
    icon_pixmap,
    set_role,
    text_label,
    ui_icon,
)


def style_icon_button(
    ctx: UiContext, button: QPushButton, icon: str, name: str, colour: str = "text"
) -> None:
    """An icon button's picture, size and name for this look and language (again after a
    change of language, text size or contrast)."""
    m = ctx.metrics
    px = m.px(40)
    button.setIcon(icon_pixmap(ui_icon(icon), px, ctx.palette.color(colour)))
    button.setIconSize(QSize(px, px))
    button.setFixedSize(m.target, m.target)
    button.setAccessibleName(name)
    button.setToolTip(name)


def other_language(ctx: UiContext) -> tuple[str, str] | None:
    """With exactly two languages: (code, own name) of the one not shown now."""
    languages = ctx.session.base.languages
    if len(languages) != 2:
        return None
    shown = ctx.session.shown_language
    other = next(language for language in languages if language.code != shown)
    return other.code, other.name


class AccessBar(QWidget):
    """Speaker, "Aa" and language, right-aligned in the top bar. Built once; `apply` sets
    its words and icons again for a new language, text size or contrast."""

    read_aloud = Signal()
    open_panel = Signal()
    open_languages = Signal()

    def __init__(self, ctx: UiContext, speech_available: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.speaking = False
        self.row = row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.speaker = QPushButton()
        self.speaker.setObjectName("readAloudButton")
        set_role(self.speaker, "tool")
        self.speaker.setCheckable(True)
        self.speaker.clicked.connect(self.read_aloud)
        self.speaker.setVisible(speech_available)
        row.addWidget(self.speaker)
        self.access = QPushButton()
        self.access.setObjectName("accessButton")
        set_role(self.access, "tool")
        self.access.clicked.connect(self.open_panel)
        row.addWidget(self.access)
        self.language = QPushButton()
        self.language.setObjectName("languageButton")
        self.language.setProperty(ONE_CHANGE_PER_TAP, True)  # a double tap switches once
        set_role(self.language, "tool")
        self.language.clicked.connect(self._language_tapped)
        row.addWidget(self.language)
        self.apply(ctx)

    def apply(self, ctx: UiContext) -> None:
        self.ctx = ctx
        self.row.setSpacing(ctx.metrics.px(16))
        style_icon_button(ctx, self.access, "text_size", ctx.words.accessibility)
        self.set_speaking(self.speaking)
        style_language_button(ctx, self.language)
        self.language.setVisible(len(ctx.session.base.languages) > 1)

    def _language_tapped(self) -> None:
        other = other_language(self.ctx)
        if other is None:
            self.open_languages.emit()
        else:
            self.ctx.session.set_language(other[0])

    def set_speaking(self, speaking: bool) -> None:
        words = self.ctx.words
        self.speaking = speaking
        self.speaker.setChecked(speaking)
        name = words.stop_reading if speaking else words.read_aloud
        style_icon_button(
            self.ctx,
            self.speaker,
            "stop" if speaking else "speaker",
            name,
            "on_primary" if speaking else "text",
        )


def style_language_button(ctx: UiContext, button: QPushButton) -> None:
    """The globe and a language's own name: the other one of two (a visitor looks for their
    own language's name, not the word "Language" in a language they may not read)."""
    m = ctx.metrics
    other = other_language(ctx)
    button.setText(other[1] if other else ctx.words.language)
    px = m.icon_beside("button")
    button.setIcon(icon_pixmap(ui_icon("globe"), px, ctx.palette.color("text")))
    button.setIconSize(QSize(px, px))
    # as tall as the icon buttons beside it, its top and bottom on theirs (it was 6 px
    # taller, 3 px higher)
    button.setFixedHeight(m.target)
    button.setAccessibleName(f"{ctx.words.language}: {other[1]}" if other else "")


class VisitorPanel(Overlay):
    """A staff-style overlay (a dimmed screen, one card) with a title and a Close button for
    visitors; a tap on the dim beside the card closes it too."""

    def __init__(self, ctx: UiContext, parent: QWidget, title: str, object_name: str) -> None:
        m = ctx.metrics
        super().__init__(
            ctx, parent, object_name, min(m.px(800), max(1, parent.width() - m.px(48)))
        )
        self.card_layout.setSpacing(m.px(24))
        accessible.as_dialog(self, title)
        heading = text_label(title, "title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(heading)

    def add_close(self) -> None:
        self.close_button = QPushButton(self.ctx.words.close)
        self.close_button.setObjectName("closePanelButton")
        set_role(self.close_button, "primary")
        self.close_button.clicked.connect(self.hide)
        self.card_layout.addWidget(self.close_button)

    def mousePressEvent(self, event: object) -> None:  # noqa: N802
        self.hide()  # a tap beside the card closes it, as visitors expect


class AccessPanel(VisitorPanel):
    """Text size (three sizes), high contrast and reduce motion, each a large button; and,
    where no voice can read aloud (none installed, or it failed), a line that says so in
    the visitor's words, beside a greyed speaker, where a visitor who wants the screen read
    looks for it (`voice` says whether one can, each time the panel opens)."""

    def __init__(
        self, ctx: UiContext, parent: QWidget, voice: Callable[[], bool] = lambda: True
    ) -> None:
        words, m = ctx.words, ctx.metrics
        super().__init__(ctx, parent, words.accessibility, "accessPanel")
        self.voice = voice
        session = ctx.session
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.px(16))
        grid.setVerticalSpacing(m.px(20))
        grid.addWidget(text_label(words.text_size, "heading"), 0, 0, 1, 3)
        self.sizes = QButtonGroup(self)
        for size, name in ((1, words.normal), (2, words.larger), (3, words.largest)):
            button = FittingButton(name)  # "La plus grande" may take two lines
            button.setObjectName(f"textSize{size}")
            set_role(button, "choice", size=size)
            button.setCheckable(True)
            button.setChecked(session.text_size == size)
            button.setAccessibleName(f"{words.text_size_n.format(n=size)}: {name}")
            button.clicked.connect(lambda _=False, s=size: session.set_text_size(s))
            self.sizes.addButton(button, size)
            grid.addWidget(button, 1, size - 1)
        self.contrast = self._toggle(
            words.high_contrast,
            "highContrastButton",
            session.high_contrast,
            session.set_high_contrast,
        )
        grid.addWidget(self.contrast, 2, 0, 1, 3)
        self.motion = self._toggle(
            words.reduce_motion,
            "reduceMotionButton",
            session.reduce_motion,
            session.set_reduce_motion,
        )
        grid.addWidget(self.motion, 3, 0, 1, 3)
        self.no_voice = self._no_voice()
        grid.addWidget(self.no_voice, 4, 0, 1, 3)
        self.card_layout.addLayout(grid)
        self.add_close()
        self._show_voice()

    def _no_voice(self) -> QWidget:
        """A greyed speaker and the words "Reading aloud is not available", in body text
        (not a disabled button's faint ink: the visitor must be able to read them)."""
        m, words = self.ctx.metrics, self.ctx.words
        row = QWidget()
        row.setObjectName("noReadAloud")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(m.px(8), 0, m.px(8), 0)
        layout.setSpacing(m.px(16))
        layout.addWidget(
            icon_label(ui_icon("speaker"), m.px(40), self.ctx.palette.color("muted")),
            0,
            Qt.AlignmentFlag.AlignVCenter,
        )
        layout.addWidget(text_label(words.read_aloud_unavailable, "body"), 1)
        row.setAccessibleName(words.read_aloud_unavailable)
        return row

    def _show_voice(self) -> None:
        """The line about reading aloud where no voice can; the card a little tighter then,
        so the panel with one more line still fits a landscape screen at the largest text
        (Arabic's tall letters)."""
        m, silent = self.ctx.metrics, not self.voice()
        self.no_voice.setVisible(silent)
        edge = m.px(24 if silent else 40)
        self.card_layout.setContentsMargins(m.px(48), edge, m.px(48), edge)

    def open(self) -> None:
        self._show_voice()
        super().open()

    def _toggle(
        self, name: str, object_name: str, on: bool, set_on: Callable[[bool], None]
    ) -> QPushButton:
        words = self.ctx.words
        button = QPushButton()
        button.setObjectName(object_name)
        set_role(button, "choice")
        button.setCheckable(True)
        button.setAccessibleName(name)

        def show(checked: bool) -> None:
            button.setChecked(checked)
            state = str(words.on if checked else words.off)
            button.setText(labelled(name, state, self.ctx.session.shown_language))

        def tapped(checked: bool) -> None:
            show(checked)
            set_on(checked)

        show(on)
        button.clicked.connect(tapped)
        return button


class LanguagePanel(VisitorPanel):
    """One large button a language, each in its own name."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(ctx, parent, ctx.words.choose_language, "languagePanel")
        buttons = language_buttons(ctx, "choice", "language_", self._choose)
        # more than four languages stand in two columns: six in one column were taller than
        # a 1366x768 screen at the largest text
        columns = 2 if len(buttons) > 4 else 1
        grid = QGridLayout()
        grid.setSpacing(ctx.metrics.target_gap)
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // columns, index % columns)
        self.card_layout.addLayout(grid)
        self.add_close()

    def _choose(self, code: str) -> None:
        self.hide()
        self.ctx.session.set_language(code)


class VisitorPanels:
    """The visitor's overlays on the window's overlay host: "Still there?", the reading
    panel and the language panel. An open reading panel is opened again, in the new look,
    after the visitor changed the text size or contrast in it."""

    def __init__(
        self,
        window: QWidget,
        overlays: OverlayHost,
        speaker: Speaker,
        still_here: Callable[[], None],
    ) -> None:
        self.overlays = overlays

        def still_there(ctx: UiContext) -> QWidget:
            overlay = StillThere(ctx, window)
            overlay.button.clicked.connect(still_here)
            return overlay

        def voice() -> bool:
            return speaker.available

        def reopen(panel: QWidget) -> None:
            if overlays.ctx.session.visit_under_way and isinstance(panel, Overlay):
                panel.open()

        overlays.register(
            {
                "still_there": OverlayKind(still_there),
                "access_panel": OverlayKind(lambda ctx: AccessPanel(ctx, window, voice), reopen),
                "language_panel": OverlayKind(lambda ctx: LanguagePanel(ctx, window)),
            }
        )

    def serve(self, bar: AccessBar) -> None:
        """The bar's "Aa" and language buttons open the reading and the language panel."""
        bar.open_panel.connect(lambda: self.open("access_panel"))
        bar.open_languages.connect(lambda: self.open("language_panel"))

    def open(self, name: str) -> None:
        """Open `access_panel` or `language_panel`."""
        panel = self.overlays.get(name)
        assert isinstance(panel, Overlay)
        panel.open()

    def close(self) -> None:
        """Close the reading and language panels (a new visitor starts with none open)."""
        self.overlays.hide("access_panel", "language_panel")

    def show_countdown(self, seconds: int) -> None:
        overlay = self.overlays.get("still_there")
        assert isinstance(overlay, StillThere)
        overlay.show_seconds(seconds)

    def hide_countdown(self) -> None:
        self.overlays.hide("still_there")
