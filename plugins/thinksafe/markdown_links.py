"""A Python-Markdown extension that points each link of a lesson copy at the right page,
and on children's pages marks the links that leave the site."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

Rewrite = Callable[[str], "str | None"]


class LessonLinks(Extension):
    """Holds the rewrite for the page being rendered; the plugin sets it before each page."""

    def __init__(self) -> None:
        super().__init__()
        self.rewrite: Rewrite | None = None
        self.mark_external = False
        self.seen: list[str] = []  # every link the page had, as written, in order

    def extendMarkdown(self, md: Markdown) -> None:
        # Above MkDocs's own link processor (priority 0), which then checks the rewritten link.
        md.treeprocessors.register(_Processor(md, self), "thinksafe_links", 5)


class _Processor(Treeprocessor):
    def __init__(self, md: Markdown, extension: LessonLinks):
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        rewrite = self.extension.rewrite or (lambda url: None)
        for element in list(root.iter()):
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if value:
                self.extension.seen.append(value)
                new = rewrite(value)
                if new is not None:
                    element.set(attribute, new)
            if element.tag == "a" and self.extension.mark_external and _leaves(value):
                _mark_leaving(element)


def _leaves(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https")


def _mark_leaving(link: Element) -> None:
    """An icon, and words a screen reader says, for a link that leaves the site."""
    link.set("rel", "noopener noreferrer")
    link.set("class", (link.get("class", "") + " ts-external").strip())
    icon = SubElement(link, "span", {"class": "ts-external__icon", "aria-hidden": "true"})
    icon.text = ""
    words = SubElement(link, "span", {"class": "ts-visually-hidden"})
    words.text = " (goes to another website)"
