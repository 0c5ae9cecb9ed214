"""The Content-Security-Policy every published HTML page carries, as a <meta> tag.

Static hosts seldom let a site set headers, so the policy travels in the page itself, first
in its <head>. It is the browser's half of the trust boundary (the allow-list is the build's):
whatever reached a page, the browser loads nothing from another host and runs no script but
the site's own files and the inline scripts that ThinkSafe and Material wrote, each allowed by
the hash of its exact text, worked out from the finished page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape

# Styles may be inline (Material and the audience colours write them, and an author's `style`
# passed the allow-list): with every address kept to this site, CSS cannot reach elsewhere.
_SITE = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
         "img-src 'self' data:; font-src 'self'; media-src 'self'; connect-src 'self'; "
         "worker-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'")
# A pack's lesson.html opens from a teacher's disk: its styles and pictures are inside it.
PRINTABLE = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; "
             "base-uri 'none'; form-action 'none'")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)
_RUNS = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s[^>]*charset[^>]*>", re.I)
_BEFORE_HEAD = re.compile(r"^\ufeff?\s*(?:<!--.*?-->\s*)*(?:<!doctype[^>]*>\s*)?(?:<html\b[^>]*>)?", re.I | re.S)
POLICY_MARK = 'http-equiv="Content-Security-Policy"'


def site_policy(html: str) -> str:
    """The policy of one finished page of the site: its own inline scripts allowed by hash."""
    hashes = sorted({_hash(body) for attributes, body in _SCRIPT.findall(html) if _runs(attributes)})
    return _SITE.format(hashes="".join(f" '{h}'" for h in hashes))


def _runs(attributes: str) -> bool:
    """An inline script that the browser runs (not a file's, not data such as Material's config)."""
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return kind is None or kind.group(1).lower() in _RUNS


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def with_policy(html: str, policy: str | None = None) -> str:
    """`html` with its policy first in its head (after a <meta charset>, which must come early);
    `policy` None: the site's policy for this page. A page that has one keeps it."""
    if POLICY_MARK in html[:4096]:
        return html
    tag = f'<meta {POLICY_MARK} content="{escape(policy or site_policy(html), quote=False)}">'
    head = _HEAD.search(html)
    if head is not None:
        charset = _CHARSET.match(html, head.end()) or _CHARSET.match(html, _skip_space(html, head.end()))
        at = charset.end() if charset else head.end()
    else:
        before = _BEFORE_HEAD.match(html)  # every part optional: it always matches
        at = before.end() if before else 0
    return html[:at] + tag + html[at:]


def _skip_space(html: str, at: int) -> int:
    while at < len(html) and html[at] in " \t\r\n":
        at += 1
    return at
