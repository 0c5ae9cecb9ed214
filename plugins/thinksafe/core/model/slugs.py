"""Turning a name into something a web address can hold: lower-case letters, digits, hyphens."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: object) -> str:
    """`'Strong Passwords!'` → `'strong-passwords'`; accents dropped, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
