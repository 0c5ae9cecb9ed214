"""What a site built without `site_url` gives up, said once per build in one message.

Every part of ThinkSafe that works less well without the site's address adds its clause to
COSTS here, so that a site owner reads one line naming all of them, not a scatter of warnings.
"""

from __future__ import annotations

COSTS = [
    "lesson copies point to their canonical copy with a relative link, which search engines "
    "may ignore, and a canonical copy carries no canonical link at all",
    "sitemap.xml lists './' for every page instead of its address",
    "a pack's printable lesson cannot say where the lesson is online",
    "the not-found page (404.html) works only for a missing address at the top level of the site, "
    "since its links cannot lead from the site's own address",
]


# Said only when the site offers the help button (help.button.enabled, on by default).
HELP_BUTTON_COST = ("/help/button/ cannot give other websites the help button's code, since a link "
                    "on another website must name the full address it leads to")


def site_url_message(site_url: str | None, *, help_button: bool = False) -> str | None:
    """The one log line for a build without `site_url`, or None when it is set."""
    if site_url:
        return None
    costs = COSTS + ([HELP_BUTTON_COST] if help_button else [])
    return ("site_url is not set in mkdocs.yml, so " + "; ".join(costs) +
            ". Set site_url to the address the site is published at (e.g. https://example.org/).")
