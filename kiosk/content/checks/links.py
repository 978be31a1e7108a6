"""Web addresses and the phone: each link's host name is one a phone can open, a booking link
is https, and the phone number is digits. No Qt here."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..parts import links_of
from .run import Path_, Run, variants


def links(run: Run) -> None:
    """Every web address of the content has a host a phone can open; a booking link is https;
    the phone number is written in digits."""
    clinic = run.content.clinic
    links: list[tuple[Path_, str | None, bool]] = [
        (("clinic", "website"), clinic.website, False),
        (("clinic", "booking_url"), clinic.booking_url, True),
    ]
    for ti, therapist in enumerate(run.content.therapists):
        links.append((("therapists", ti, "booking_url"), therapist.booking_url, True))
    for at, link in links_of(run.content):
        links.append(((*at, "url"), link.url, False))
    for where, text, booking in links:
        if text is None:
            continue
        for language, url in variants(text):
            path = (*where, language) if language else where
            problem = link_problem(url)
            if problem is not None:
                run.error(path, problem)
            elif booking and url.lower().startswith("http://"):
                run.warn(
                    path,
                    "this booking link starts with http://; use https:// so the visitor's"
                    " phone opens it securely (most booking sites offer it)",
                )
    phone = clinic.phone
    if phone is not None and any(ch.isalpha() for ch in phone):
        run.warn(
            ("clinic", "phone"),
            f"the phone number '{phone}' has letters; write it in digits"
            " (like +1 555 0142 800) so every visitor can dial it",
        )


HOST_LABEL = re.compile(r"^[^\W_](?:(?:[^\W_]|-)*[^\W_])?$")
"""One part of a host name: letters (any script) and digits, hyphens only inside."""


def link_problem(url: str) -> str | None:
    """What is wrong with a web address's host, or None (its shape is checked by the model)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return f"'{url}' is not a web address the kiosk can read"
    if not host:
        return f"'{url}' has no host name (like https://www.example.com/book)"
    if any(ch.isspace() for ch in host) or "%20" in host:
        return f"the host name '{host}' has a space in it"
    if "." not in host.rstrip("."):
        return (
            f"the host name '{host}' has no dot; write the whole address,"
            " like https://www.example.com/book"
        )
    labels = host.rstrip(".").split(".")
    if not all(HOST_LABEL.match(label) for label in labels):
        return (
            f"the host name '{host}' can hold only letters, digits, hyphens and single dots"
            " between its parts"
        )
    return None
