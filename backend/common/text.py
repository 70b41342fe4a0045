"""Text that people type, made safe to show beside other text.

Bidirectional control characters (embeddings, overrides, isolates and marks) in a name can turn
the text around it backwards: "Amal\u202eredro\u202c" in a page title or an SMS reads as if it said
something else. Names are stored without them (`clean_name`), and every piece of someone's text
put into a plain-text message or a page title goes between Unicode isolates (`isolate`), so its
direction never spills over into ours. In HTML the pages use `<bdi>` or `dir="auto"` instead.
"""

from __future__ import annotations

import re

# U+061C ARABIC LETTER MARK, U+200E/U+200F LRM/RLM, U+202A-U+202E LRE, RLE, PDF, LRO, RLO,
# U+2066-U+2069 LRI, RLI, FSI, PDI.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def strip_bidi_controls(text: str) -> str:
    """`text` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", text)


def clean_name(text: str) -> str:
    """A person's, organisation's or listing's name as it is stored: no bidi controls, trimmed."""
    return strip_bidi_controls(text).strip()


def isolate(text: object) -> str:
    """`text` between FSI and PDI, its own controls removed, for plain text that mixes directions.

    The isolate takes the direction of the text's first strong character and keeps it from
    reordering anything outside; removing the text's own controls keeps a stray PDI from
    closing the isolate early.
    """
    return f"{FIRST_STRONG_ISOLATE}{strip_bidi_controls(str(text))}{POP_DIRECTIONAL_ISOLATE}"


def user_display(user: object) -> str:
    """How allauth names a person in its emails and messages (ACCOUNT_USER_DISPLAY): isolated."""
    return isolate(str(user))
