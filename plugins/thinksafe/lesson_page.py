"""The page of a lesson's copy in one audience."""

from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class LessonPage(Page):
    """A lesson copy. When its lesson was already converted in this build (`reuses`), it skips
    Markdown altogether: the plugin finishes its HTML, contents and anchors from that conversion
    in `on_page_content`, as Material's blog plugin gives its posts their own Page class."""

    reuses = False

    def render(self, config, files) -> None:
        if not self.reuses:
            return super().render(config, files)
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids = set()
