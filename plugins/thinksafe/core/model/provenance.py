"""Where a lesson's advice comes from and when it was last checked: the `reviewed` and `sources`
keys, the block adults' pages show, and the warning for a review that is missing or too old."""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from thinksafe.core.problems import Problem, describe, did_you_mean, one_of

SOURCE_KEYS = ["title", "url"]
DEFAULT_MAX_AGE_MONTHS = 12
MAX_AGE_SETTING = "plugins.thinksafe.review_max_age_months"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
# A reviewer ahead of UTC (New Zealand is up to 14 hours ahead) may write tomorrow's UTC date.
_TIME_ZONE_LEEWAY = datetime.timedelta(days=1)

Add = Callable[..., None]  # `_Checker.add(key, message, expected, suggestion)` of lessons.py


@dataclass(frozen=True)
class Source:
    """One place a lesson's advice comes from."""

    title: str
    url: str


def utc_today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def check_reviewed(value: object, add: Add, today: datetime.date | None = None) -> str | None:
    """The `reviewed` date as 'YYYY-MM-DD', or None after adding the problem with it.

    YAML gives an unquoted date as a date (ThinkSafe's loader gives it as text); both are read."""
    expected = "a date written YYYY-MM-DD, such as 2026-11-30"
    if isinstance(value, datetime.datetime):
        add("reviewed", f"got a date and time ({value.isoformat(sep=' ')})", expected,
            f"write the date alone: 'reviewed: {value.date().isoformat()}'")
        return None
    if isinstance(value, datetime.date):
        date = value
    elif isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            date = datetime.date.fromisoformat(value.strip())
        except ValueError:
            add("reviewed", f"'{value.strip()}' is not a date in the calendar", expected,
                "check the month (01–12) and the day of the month")
            return None
    else:
        add("reviewed", f"got {describe(value)}", expected,
            "write the year, then the month, then the day, with hyphens")
        return None
    today = today or utc_today()
    if date > today + _TIME_ZONE_LEEWAY:
        add("reviewed", f"{date.isoformat()} is in the future", "the date the advice was last checked, "
            "today or earlier", f"write the date of the check, such as {today.isoformat()}")
        return None
    return date.isoformat()


def check_sources(value: object, add: Add) -> list[Source]:
    """The `sources` list, each a `{title, url}` with an https address; every problem added."""
    example = "a list of entries such as '- {title: The service's page, url: https://…}'"
    if not isinstance(value, list):
        add("sources", f"got {describe(value)}", example)
        return []
    if not value:
        add("sources", "is an empty list", "at least one source", "add a source or remove the 'sources' line")
        return []
    sources = []
    for index, entry in enumerate(value):
        key = f"sources[{index}]"
        if not isinstance(entry, dict):
            add(key, f"got {describe(entry)}", "a title and an address: '{title: …, url: https://…}'")
            continue
        ok = True
        for unknown in entry:
            if unknown not in SOURCE_KEYS:
                add(f"{key}.{unknown}", "is not a setting of a source", one_of(SOURCE_KEYS),
                    did_you_mean(unknown, SOURCE_KEYS) or "remove it")
                ok = False
        title, url = entry.get("title"), entry.get("url")
        if not isinstance(title, str) or not title.strip():
            add(f"{key}.title", "is missing" if title is None else f"got {describe(title)}",
                "the page's or document's name, as text")
            ok = False
        if not _check_url(url, f"{key}.url", add):
            ok = False
        if ok and isinstance(title, str) and isinstance(url, str):  # as the checks above found them
            sources.append(Source(title.strip(), url.strip()))
    return sources


def _check_url(url: object, key: str, add: Add) -> bool:
    expected = "a full web address starting with https://"
    if not isinstance(url, str) or not url.strip():
        add(key, "is missing" if url is None else f"got {describe(url)}", expected)
        return False
    parts = urlsplit(url.strip())
    if parts.scheme == "http" and parts.hostname:
        add(key, f"'{url}' is not a secure (https) address", expected,
            f"write 'https://{url.strip()[len('http://'):]}' if the page opens there")
        return False
    if parts.scheme != "https" or not parts.hostname or "." not in parts.hostname or " " in url.strip():
        add(key, f"'{url}' is not a web address", expected, "copy the address from the browser's address bar")
        return False
    return True


def month_year(iso: str) -> str:
    """'2026-11-30' as 'November 2026'."""
    year, month, _day = iso.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def provenance_html(reviewed: str | None, sources: list[Source], leaving_html: str = "") -> str:
    """The block under an adults' lesson: when it was checked and where its advice comes from.

    `leaving_html` follows each source's link text (the words and icon of a link that leaves
    the site); '' leaves the links plain, as on paper. '' when there is nothing to show."""
    if not reviewed and not sources:
        return ""
    parts = ['<aside class="ts-provenance" aria-labelledby="ts-provenance-title">',
             '<h2 id="ts-provenance-title">Where this advice comes from</h2>']
    if reviewed:
        parts.append(f'<p class="ts-provenance__checked">Checked <time datetime="{reviewed}">'
                     f"{month_year(reviewed)}</time>"
                     + (" against these sources." if sources else ".") + "</p>")
    if sources:
        items = "".join(
            f'<li><a href="{escape(s.url)}" rel="noopener noreferrer">{escape(s.title)}{leaving_html}</a></li>'
            for s in sources)
        parts.append(f'<ul class="ts-provenance__sources">{items}</ul>')
    parts.append("</aside>")
    return "\n".join(parts) + "\n"


def needs_review(audiences: list[str], children: set[str]) -> bool:
    """Whether a lesson is shown to adults (an audience that is not a children's), who are told
    when its advice was checked."""
    return any(a not in children for a in audiences)


def parse_max_age(value: object, source: str) -> tuple[int, list[Problem]]:
    """The `review_max_age_months` setting: a whole number of months, 0 turning the check off."""
    if value is None:
        return DEFAULT_MAX_AGE_MONTHS, []
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return DEFAULT_MAX_AGE_MONTHS, [Problem(
            source, MAX_AGE_SETTING, f"got {describe(value)}",
            "a whole number of months, such as 12 (0 turns the check off)")]
    return value, []


def months_before(date: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    year, month = divmod(date.year * 12 + date.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def review_problems(lessons: list, children: set[str], max_age_months: int,
                    today: datetime.date | None = None) -> list[Problem]:
    """Warnings: a lesson for adults with no `reviewed` date, and any lesson whose date is more
    than `max_age_months` old (0: no warnings at all)."""
    if max_age_months <= 0:
        return []
    today = today or utc_today()
    oldest = months_before(today, max_age_months)
    setting = f"'review_max_age_months' under the thinksafe plugin in mkdocs.yml (now {max_age_months})"
    problems = []
    for lesson in lessons:
        if lesson.reviewed is None:
            if needs_review(lesson.audiences, children):
                problems.append(Problem(
                    lesson.path, "reviewed", "is missing: parents and teachers are not told when "
                    "this advice was last checked", "a line such as 'reviewed: "
                    f"{today.isoformat()}' once the advice has been checked against its sources",
                    "check the advice, then add the date, and list what you checked in 'sources'",
                    1, severity="warning"))
        elif datetime.date.fromisoformat(lesson.reviewed) < oldest:
            problems.append(Problem(
                lesson.path, "reviewed", f"{lesson.reviewed} is more than {max_age_months} months ago",
                f"a check on or after {oldest.isoformat()}",
                f"check the advice against its sources again and update the date (the age is {setting})",
                lesson.reviewed_line, severity="warning"))
    return problems
