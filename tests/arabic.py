"""The register of Arabic words: the kiosk and its Arabic example speak to a visitor in the
polite plural (اختاروا، هل لديكم), never to one man in the singular (اختر، هل لديك)."""

from __future__ import annotations

import re

ARABIC_WORD = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670\u0671-\u06d3]+")
"""A word of Arabic letters with its marks (shadda, sukun, short vowels)."""

SINGULAR_ADDRESS = frozenset(
    {
        # the kiosk's own words: each stood in ar.po before its polite plural replaced it
        "المس",  # المسوا: touch, tap
        "تلمسه",  # تلمسونه
        "ابدأ",  # ابدؤوا
        "اعرض",  # See my result is the neutral عرض النتيجة
        "اختر",  # اختاروا
        "اضغط",  # اضغطوا
        "استخدم",  # استخدموا
        "امسح",  # امسحوا
        "أدخل",  # أدخلوا
        "انظر",  # انظروا
        "حاول",  # حاولوا
        "شغّل",  # شغّلوا
        "شغل",
        "واكتب",  # واكتبوا
        "والصق",  # والصقوا
        "تعرّف",  # تعرّفوا
        "تعرف",
        "واعثر",  # واعثروا
        "تصل",  # تصلون
        "تستأنف",  # تستأنفوا
        "لتقرأ",  # لتقرؤوا
        "زلت",  # زلتم (you are still here); the visitor's own "I'm still here" is زلتُ
        "نتيجتك",
        "طبيبك",
        "بحالتك",
        "عليك",
        "يؤلمك",
        "يناسبونك",
        "خصوصيتك",
        "إجاباتك",
        "لغتك",
        "ظهرك",
        "رقمك",
        # the example clinic's (Al Nakheel) words, which spoke the same singular
        "لديك",
        "تشعر",
        "اطلب",
        "واطلب",
        "اذهب",
        "فاذهب",
        "راجع",
        "فراجع",
        "اسأل",
        "واسأل",
        "اتصل",
        "أرِ",
        "أجب",
        "ابقَ",
        "امشِ",
        "وامشِ",
        "غيّر",
        "احمل",
        "اثنِ",
        "وأبقِ",
        "فقم",
        "وتحرّك",
        "كنت",
        "تجلس",
        "تستطيع",
        "تتحرك",
        "تحجز",
        "لتحجز",
        "ترى",
        "تؤجلها",
        "تؤديها",
        "لك",
        "يساعدك",
        "سنساعدك",
        "يسألك",
        "وتسألك",
        "ويريك",
        "يناسبك",
        "معالجك",
        "بطبيبك",
        "لظهرك",
        "وضعك",
        "ساقك",
        "وساقك",
        "بساقيك",
        "ركبتيك",
        "جسمك",
        "بهاتفك",
    }
)
"""Forms that address one man: a verb's singular imperative or present, a pronoun's ك."""


def singular_address(text: str) -> list[str]:
    """The words of `text` that speak to one man rather than in the polite plural."""
    return [word for word in ARABIC_WORD.findall(text) if word in SINGULAR_ADDRESS]
