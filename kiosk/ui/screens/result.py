"""The result: the outcome in words and an icon (never colour alone), then the therapists
who may suit the visitor, each with a QR code to book. An urgent result shows no therapist."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ...content.catalogue import join_words, language_names
from ...content.model import Outcome
from ...core.engine import TherapistMatch
from ...core.place import Place
from ..context import UiContext
from ..widgets import Portrait, QrCode, icon_label, set_role, text_label, ui_icon
from .base import Screen, blocks_widget, clinic_details, measured, scroll_area, sources_widget

KIND_ICONS = {"urgent": "urgent", "doctor": "doctor", "therapist": "massage", "info": "info"}


class ResultView(Screen):
    """One page for every outcome; it is rebuilt for each visit's answers."""

    def __init__(self, ctx: UiContext, place: Place) -> None:
        super().__init__(ctx, place)
        self.setObjectName("result")  # one page for every outcome
        self.set_title(ctx.words.result)
        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scroll_area(ctx, self.holder, ctx.words.result)
        self.layout_.addWidget(self.scroll_area, 1)
        self.outcome: Outcome | None = None
        self.matches: list[TherapistMatch] = []
        self.body: QWidget | None = None
        self.beside = True
        """The therapists stand beside the words (False: below them)."""

    def refresh(self) -> None:
        session = self.ctx.session
        self.clear()
        self.outcome = session.outcome()
        self.matches = session.therapist_matches()
        self.set_title(self.outcome.title)
        self.scroll_area.setAccessibleName(self.outcome.title)
        self.body = self._build(self.outcome, self.matches)
        self.holder_layout.addWidget(self.body)
        self.body.show()  # now, not at the layout's queued show: it is measured next
        self.scroll_area.fit_content()  # lay the new body out now, before it is painted
        self.scroll_area.reset_position()

    def clear(self) -> None:
        """Forget the last visitor's result (at every reset): nothing of it stays behind."""
        if self.body is not None:  # off the screen at once; Qt frees it later
            self.holder_layout.removeWidget(self.body)
            self.body.hide()
            self.body.setParent(None)
            self.body.deleteLater()
            self.body = None
        self.outcome = None
        self.matches = []
        self.set_title(self.ctx.words.result)
        self.scroll_area.setAccessibleName(self.ctx.words.result)

    def _build(self, outcome: Outcome, matches: list[TherapistMatch]) -> QWidget:
        """The outcome in words; beside it (landscape) or below it (portrait), the therapists."""
        ctx, m = self.ctx, self.ctx.metrics
        words = QWidget()
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(m.px(28))
        banner = QFrame()
        set_role(banner, "banner", kind=outcome.kind)
        banner.setObjectName("resultBanner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(m.px(32), m.px(24), m.px(32), m.px(24))
        row.setSpacing(m.px(24))
        icon_color = ctx.palette.color("on_danger" if outcome.kind == "urgent" else "primary")
        row.addWidget(icon_label(ui_icon(KIND_ICONS[outcome.kind]), m.px(88), icon_color))
        title = text_label(outcome.title, "title")
        title.setObjectName("resultTitle")
        row.addWidget(title, 1)
        column.addWidget(banner)
        column.addWidget(blocks_widget(ctx, list(outcome.body)))
        # a result that sends the visitor to the clinic (it lists therapists) says when it
        # is open and how to find it: beside the therapists, or under the words
        details = clinic_details(ctx) if outcome.therapists else None
        if details is not None and not matches:
            column.addWidget(details)
        sources = sources_widget(ctx, list(outcome.sources), outcome.reviewed)
        page = QWidget()
        landscape = self.beside = self._beside(matches)
        if landscape or not matches:
            column.addWidget(sources)
        column.addStretch(1)
        layout = QBoxLayout(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        page.setLayout(layout)
        layout.setContentsMargins(0, 0, m.px(16), m.px(24))
        layout.setSpacing(m.px(40))
        if not matches:
            layout.addWidget(measured(ctx, words))
            return page
        side = QWidget()
        cards = QVBoxLayout(side)
        cards.setContentsMargins(0, 0, 0, 0)
        cards.setSpacing(m.px(20))
        # a size over the names on the cards under it (a designer's review: the same size)
        cards.addWidget(text_label(ctx.words.therapists_title, "section"))
        for match in matches:
            cards.addWidget(self._therapist_card(match))
        if details is not None:
            cards.addWidget(details)
        if not landscape:  # the page's last words, under the therapists (a designer's review)
            cards.addWidget(sources)
        cards.addStretch(1)
        if landscape:  # side by side, the columns share the width
            words.setMaximumWidth(m.measure)
            layout.addWidget(words, 5)
            layout.addWidget(side, 4)
        else:  # one above the other, each at a reading width (in a row of its own, so that
            # its height is asked at the width it gets, not the page's)
            layout.addWidget(measured(ctx, words))
            layout.addWidget(measured(ctx, side))
            layout.addStretch(1)
        return page

    def _beside(self, matches: list[TherapistMatch]) -> bool:
        """The therapists beside the words (a landscape page with room), else below."""
        room = self._room()
        return room.width() >= room.height() and self._room_beside(room, matches)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # built before the page host gave the page its size, or on a screen turned round
        if self.body is not None and self._beside(self.matches) != self.beside:
            self.refresh()

    def _room(self) -> QSize:
        """The page's size, or the window's while the page host has not sized it yet."""
        if self.testAttribute(Qt.WidgetAttribute.WA_Resized) or self.window() is self:
            return self.size()
        return self.window().size()

    def _room_beside(self, room: QSize, matches: list[TherapistMatch]) -> bool:
        """Whether the therapists' cards, in their column beside the words (4 parts of 9),
        leave their words 12 ems or more: at the largest text on a small screen they would
        be squeezed to two or three words a line, so the cards go under the words instead."""
        if not matches:
            return True
        m = self.ctx.metrics
        card_parts = m.px(120) + m.px(168) + 4 * m.px(24)  # photo, QR code, margins and gaps
        text = room.width() * 4 / 9 - card_parts
        return text >= 12 * m.font("body")

    def _therapist_card(self, match: TherapistMatch) -> QFrame:
        ctx, m = self.ctx, self.ctx.metrics
        therapist = match.therapist
        card = QFrame()
        set_role(card, "card")
        card.setObjectName(f"therapist-{therapist.id}")
        row = QHBoxLayout(card)
        row.setContentsMargins(m.px(24), m.px(24), m.px(24), m.px(24))
        row.setSpacing(m.px(24))
        row.addWidget(
            Portrait(
                ctx.asset(therapist.photo),
                m.px(120),
                therapist.name,
                (ctx.palette.color("selected_bg"), ctx.palette.color("primary")),
            ),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        text = QVBoxLayout()
        text.setSpacing(m.px(8))
        text.addWidget(text_label(therapist.name, "heading"))
        names = [ctx.content.modality(mid) for mid in match.modalities]
        offers = join_words(
            [mod.name for mod in names if mod is not None], ctx.session.shown_language
        )
        text.addWidget(text_label(therapist.offers(ctx.words).format(modalities=offers), "body"))
        if therapist.languages:
            spoken = join_words(
                language_names(therapist.languages, ctx.session.shown_language),
                ctx.session.shown_language,
            )
            text.addWidget(text_label(ctx.words.speaks.format(languages=spoken), "body"))
        text.addWidget(text_label(therapist.bio, "help"))
        text.addStretch(1)
        row.addLayout(text, 1)
        link = match.booking_url
        if link:
            qr_box = QVBoxLayout()
            qr_box.setSpacing(m.px(6))
            qr = QrCode(link, m.px(168), ctx.palette.color("text"), ctx.palette.color("surface"))
            qr.setAccessibleName(f"{ctx.words.scan_to_book}: {link}")
            qr_box.addWidget(qr, 0, Qt.AlignmentFlag.AlignHCenter)
            scan = text_label(ctx.words.scan_to_book, "meta")
            scan.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            qr_box.addWidget(scan)
            qr_box.addStretch(1)
            row.addLayout(qr_box)
        return card
