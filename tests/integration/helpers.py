"""Reading built pages: the parts of Material's markup the tests look at."""

from __future__ import annotations

import posixpath

from bs4 import BeautifulSoup


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def active_tab(page: BeautifulSoup) -> str:
    return page.select_one(".md-tabs__item--active a").get_text(strip=True)


def sidebar_links(page: BeautifulSoup) -> list[str]:
    """Texts of the entries in the primary sidebar below the tabs level (the active audience's)."""
    nav = page.select_one(".md-sidebar--primary .md-nav__item--active > nav")
    if nav is None:
        return []
    entries = [e for e in nav.select(".md-nav__link") if not e.find_parent(class_="md-nav--secondary")]
    return list(dict.fromkeys(e.get_text(" ", strip=True) for e in entries))


def footer_link(page: BeautifulSoup, which: str) -> str | None:
    link = page.select_one(f"a.md-footer__link--{which}")
    return link["href"] if link else None


def resolve(page_url: str, href: str) -> str:
    """Where a relative link from `page_url` (e.g. '8-10/x/') leads, as a path from the root."""
    joined = posixpath.normpath(posixpath.join(page_url, href))
    return "" if joined == "." else joined + ("/" if href.endswith("/") else "")


def article_links(page: BeautifulSoup) -> list[str]:
    """Links in the page's own text: not its details line nor the help box at its end."""
    return [a["href"] for a in page.select("article a[href]")
            if not a.find_parent(class_=["ts-worried", "ts-lesson-meta"])]
