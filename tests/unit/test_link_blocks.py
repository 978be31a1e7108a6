"""A link block (a page to take home): its address, one or one per language, is checked with
its line; the speaker reads its label and caption, not the address."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.core.place import Place
from kiosk.core.readaloud import script_for

Write = Callable[[str], Path]
URL = "            en: https://willowstreet.example/sciatica\n"


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


def test_a_link_that_is_not_a_web_address_is_an_error_with_its_line(
    content_text: str, write_content: Write
) -> None:
    text = content_text.replace(URL, "            en: willowstreet.example/sciatica\n", 1)
    [message] = problems(write_content(text))
    url_line = line_of(text, "en: willowstreet.example") - 1  # the url: key above it
    assert message.startswith(f"content.yaml:{url_line}: screens[2].body[6].link.url: ")
    assert "the 'en' link: expected a web address starting with https://" in message
    assert "got 'willowstreet.example/sciatica'" in message


def test_a_links_host_is_checked_like_every_link(content_text: str, write_content: Write) -> None:
    text = content_text.replace(URL, "            en: https://willowstreet/sciatica\n", 1)
    [message] = problems(write_content(text))
    assert message.startswith(f"content.yaml:{line_of(text, 'en: https://willowstreet/')}: ")
    assert "screens[2].body[6].link.url.en" in message
    assert "the host name 'willowstreet' has no dot" in message


def test_a_link_is_read_aloud_by_its_label_and_caption(content_text: str) -> None:
    loaded = load_content(Path(__file__).resolve().parents[2] / "content.yaml")
    script = script_for(loaded.content, Place.parse("screen:what_is_sciatica"))
    assert "Read more on our website" in script
    assert "open our page on sciatica" in script
    assert "https://" not in script
