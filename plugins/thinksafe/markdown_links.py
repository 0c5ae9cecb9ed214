"""A Python-Markdown extension that points each link of a lesson copy at the right page."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

Rewrite = Callable[[str], "str | None"]


class LessonLinks(Extension):
    """Holds the rewrite for the page being rendered; the plugin sets it before each page."""

    def __init__(self) -> None:
        super().__init__()
        self.rewrite: Rewrite | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # Above MkDocs's own link processor (priority 0), which then checks the rewritten link.
        md.treeprocessors.register(_Processor(md, self), "thinksafe_links", 5)


class _Processor(Treeprocessor):
    def __init__(self, md: Markdown, extension: LessonLinks):
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        rewrite = self.extension.rewrite
        if rewrite is None:
            return
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if value:
                new = rewrite(value)
                if new is not None:
                    element.set(attribute, new)
