"""The help and quick-exit links for HTML files an author publishes as they are (worksheets).

Every HTML page of the site carries both links, including the ones ThinkSafe does not
render itself; this adds them at the top of such a file, hidden when it is printed.
"""

from __future__ import annotations

import re
from html import escape

_BODY = re.compile(r"<body\b[^>]*>", re.I)
_END = re.compile(r"</body\s*>", re.I)
_MAIN = re.compile(r"<main\b|role\s*=\s*[\"']?main", re.I)
_STYLE = (
    "<style>.ts-help-bar{display:flex;gap:.5rem;justify-content:flex-end;padding:.4rem;"
    "background:#283593;font:700 16px/1 system-ui,sans-serif}"
    ".ts-help-bar a{display:inline-flex;align-items:center;min-height:44px;padding:0 .9rem;"
    "border-radius:.4rem;text-decoration:none;color:#0b0c0c}"
    ".ts-help-bar a:focus-visible{outline:3px solid #ffdd00;outline-offset:2px}"
    "@media print{.ts-help-bar{display:none!important}}</style>"
)


def with_help_bar(html: str, help_href: str, exit_url: str, script_href: str) -> str:
    """`html` with both links first in its body and the quick-exit script at its end."""
    if "data-help-button" in html:
        return html
    hidden = 'style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"'
    bar = (f'{_STYLE}<nav class="ts-help-bar" aria-label="Get help or leave">'
           f'<a data-help-button href="{escape(help_href)}" style="background:#fff">Get help</a>'
           f'<a data-quick-exit href="{escape(exit_url)}" rel="nofollow noreferrer" '
           f'style="background:#ffdd00"><span {hidden}>Emergency </span>Quick exit</a>'
           f'<span data-quick-exit-status role="status" aria-live="polite" {hidden}></span></nav>')
    script = f'<script src="{escape(script_href)}" defer></script>'
    # The author's page is the main content (every part of a page sits in a landmark).
    main, end_main = ("", "") if _MAIN.search(html) else ("<main>", "</main>")
    body = _BODY.search(html)
    html = html[:body.end()] + bar + main + html[body.end():] if body else bar + main + html
    end = _END.search(html)
    return html[:end.start()] + end_main + script + html[end.start():] if end else html + end_main + script
