"""Lessons share one Markdown instance per build: each conversion equals MkDocs's own."""

from __future__ import annotations

import copy
import os

import yaml
from markdown import Extension
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from support import lesson
from thinksafe.mkdocs import lesson_page
from thinksafe.mkdocs.lesson_page import LessonPage

# Extensions that keep per-document state (footnotes, abbreviations, heading ids, tab and
# fence counters, raw HTML), each used by several lessons so that state could leak.
EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables",
              {"toc": {"permalink": True}}, "pymdownx.details", "pymdownx.superfences",
              {"pymdownx.tabbed": {"alternate_style": True}}]

BODY = """\
# {title}

## Start

Words with a note[^1] and *HTML* in them, see [the other](other-{other}.md#start).

## Start

=== "One"

    First tab of {title}.

=== "Two"

    Second tab.

<div id="raw-{n}" markdown>Raw **block**.</div>

!!! note "Remember"
    An admonition.

```python
print({n})
```

{{: #custom-{n} }}

[^1]: The note of {title}.

*[HTML]: Hypertext Markup Language
"""

PLAIN = """\
# Plain

## Start

Words only, with a [link](other-0.md#start) and *emphasis*.
"""


def _facts(page: Page) -> tuple:
    """Everything a conversion gives a page."""
    def toc(items):
        return [(i.title, i.id, i.level, toc(i.children)) for i in items]
    links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
    return page.content, toc(page.toc), page._title_from_render, page.present_anchor_ids, links


def test_a_kept_converter_gives_what_a_new_one_per_page_gives(site, monkeypatch):
    for n in range(4):
        site.write(f"lessons/other-{n}.md", lesson(
            f"Lesson {n}", audiences=["8-10", "parents"],
            body=BODY.format(title=f"Lesson {n}", other=(n + 1) % 4, n=n)))
    # Without a '<' (and '&'), Markdown's raw HTML parsers are not run: the same conversion.
    site.write("lessons/plain.md", lesson("Plain", audiences=["8-10"], body=PLAIN))
    amp = PLAIN.replace("Words", "Q&amp;A &copy; & words")
    site.write("lessons/amp.md", lesson("Amp", audiences=["8-10"], body=amp))
    site.config["markdown_extensions"] = EXTENSIONS
    site.config["validation"] = {"anchors": "info"}
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")

    kept_render, compared = LessonPage.render, []

    def render_both(page, config, files):
        kept_render(page, config, files)
        if page.reuses:
            return
        extension = next(e for e in config.markdown_extensions if hasattr(e, "tagged"))
        tagged = list(extension.tagged)  # the plugin's: the second conversion starts afresh
        extension.tagged[:] = []
        fresh = copy.copy(page)
        Page.render(fresh, config, files)  # MkDocs's own: a new Markdown instance
        extension.tagged[:] = tagged
        compared.append((page.file.src_uri, _facts(page), _facts(fresh)))

    monkeypatch.setattr(LessonPage, "render", render_both)
    kept_converter, used = lesson_page._converter, []
    monkeypatch.setattr(lesson_page, "_converter",
                        lambda config: used.append(kept_converter(config)) or used[-1])
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(site.root)
    build(load_config(os.fspath(site.root / "mkdocs.yml")))

    # One conversion per lesson (their copies are finished from it), and each other page's
    # (landing pages, help, home), which the plugin converts as it does a lesson.
    lessons = [(src, kept) for src, kept, _ in compared if "/other-" in src]
    assert {src.split("/")[-1] for src, _, _ in compared} >= {"plain.md", "amp.md"}
    assert len(lessons) == 4 and len(compared) > 4
    for src, kept, fresh in compared:
        for part, (a, b) in enumerate(zip(kept, fresh, strict=True)):
            assert a == b, (src, part)
    for _, kept in lessons:
        content = kept[0]
        assert 'class="tabbed-set' in content and "footnote" in content and "<abbr" in content
        assert 'id="start_1"' in content and 'id="raw-' in content  # ids unique per page
    assert len(set(used)) == 1  # the instance really was shared, reset between pages


class _ThirdParty(Extension):
    """An extension from outside the known packages: it may not reset its state."""

    def extendMarkdown(self, md) -> None:
        pass


def test_a_third_party_extension_gets_a_new_converter_per_page():
    from thinksafe.mkdocs.markdown_links import LessonLinks
    known = {"markdown_extensions": ["toc", "pymdownx.tabbed", "markdown.extensions.abbr",
                                     LessonLinks()], "mdx_configs": {}}
    assert lesson_page._converter(known) is lesson_page._converter(known)
    for other in ["markdown_include.include", "unknown_short_name", _ThirdParty()]:
        assert not lesson_page._all_resettable(known["markdown_extensions"] + [other]), other
    third = {"markdown_extensions": ["toc", _ThirdParty()], "mdx_configs": {}}
    assert lesson_page._converter(third) is not lesson_page._converter(third)
