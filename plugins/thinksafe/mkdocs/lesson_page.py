"""The page of a lesson's copy in one audience."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

import markdown
from markdown.extensions import md_in_html
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from thinksafe.core.model.extensions import READS_FILES, extension_module
from thinksafe.mkdocs.markdown_links import LessonLinks
from thinksafe.mkdocs.speed import block_tests, inline_patterns, toc_marker
from thinksafe.mkdocs.speed.conversions import ConversionCache, LogWatch

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs's own, whose level render consults
ours = logging.getLogger("mkdocs.plugins.thinksafe")


class LessonPage(Page):
    """A lesson copy. When its lesson was already converted in this build (`reuses`), it skips
    Markdown altogether: the plugin finishes its HTML, contents and anchors from that conversion
    in `on_page_content`, as Material's blog plugin gives its posts their own Page class.

    The lessons that are converted share one Markdown instance per build, reset before each
    (as Python-Markdown intends for many documents): MkDocs makes a new one per page, which
    loads every extension again, about a tenth of a lesson's conversion. A conversion kept from
    an earlier build (`conversions`, see conversions.py) is taken instead of converting again.
    The plugin gives the site's other pages (landing pages, help, home) this class too, for that."""

    reuses = False
    conversions: ConversionCache | None = None  # conversions kept between builds, if any
    conversion: dict | None = None  # this build's conversion as kept, if it is
    conversion_key: str | None = None  # and its key

    def render(self, config, files) -> None:
        self.conversion = self.conversion_key = None
        if self.reuses:
            self.content, self.toc, self._title_from_render = "", get_toc([]), None
            self.present_anchor_ids = set()
            return
        source = self.markdown
        if source is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        setup = _setup_for(config)
        links, conversions = setup.links, self.conversions
        # A kept conversion holds the links the plugin's extension found: none without it.
        if conversions is None or links is None or not (conversions.enabled and setup.pure):
            return self._convert(source, config, files)
        key = conversions.key(self, source, config, files)
        if key is None:
            return self._convert(source, config, files)
        kept = conversions.get(key)
        if kept is not None:
            self._take(kept, files, links)
            self.conversion, self.conversion_key = kept, key
            return
        with LogWatch() as watch:
            self._convert(source, config, files)
        if not watch.seen:  # a conversion with something to say is made again, and says it again
            self.conversion, self.conversion_key = conversions.put(key, self._conversion(links)), key

    def _take(self, kept: dict, files, links: LessonLinks) -> None:
        """The results of a conversion kept from an earlier build, as `_convert` gives them."""
        self.content, self.toc = kept["content"], get_toc(kept["toc"])
        self._title_from_render, self.present_anchor_ids = kept["title"], set(kept["anchors"])
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {files.get_file_from_path(src): anchors
                                     for src, anchors in kept["links"].items()}
        links.tagged.extend(kept["tagged"])
        ours.debug(f"{self.file.src_uri}: conversion kept from the last build, not converted again")

    def _conversion(self, links: LessonLinks) -> dict:
        return {"content": self.content, "toc": self._toc_tokens, "title": self._title_from_render,
                "anchors": sorted(self.present_anchor_ids or ()),
                "links": {f.src_uri: anchors for f, anchors in (self.links_to_anchors or {}).items()},
                "tagged": list(links.tagged)}

    def _convert(self, source: str, config, files) -> None:
        # What follows is MkDocs 1.6's Page.render with the Markdown instance kept; a test
        # compares its results with MkDocs's own on every page of a fixture site.
        md = _converter(config)
        raw_html = _RawHtml()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative_paths = _RelativePathTreeprocessor(self.file, files, config)
        relative_paths._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)

        self.content = md.convert(source)
        self._toc_tokens = getattr(md, "toc_tokens", [])
        self.toc = get_toc(self._toc_tokens)
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_paths.links_to_anchors


# Extensions known to clear their per-document state on reset(); any other keeps MkDocs's way.
_RESETTABLE = ("markdown.", "pymdownx.", "material.", "thinksafe.")


@dataclass
class _Setup:
    """What every lesson page of one build shares, found on its first (a new config is a new build)."""

    config: object
    shared: markdown.Markdown | None  # None: a third party's extension, so a new one per page
    pure: bool  # each conversion depends only on what a kept conversion's key holds
    links: LessonLinks | None  # the plugin's extension, which holds the links to lessons of a page


_setup: _Setup | None = None


def _setup_for(config) -> _Setup:
    global _setup
    if _setup is None or _setup.config is not config:
        extensions = config["markdown_extensions"]
        resettable = _all_resettable(extensions)
        pure = resettable and not READS_FILES & {extension_module(e) for e in extensions if isinstance(e, str)}
        links = next((e for e in extensions if isinstance(e, LessonLinks)), None)
        _setup = _Setup(config, _new(config, shared=True) if resettable else None, pure, links)
    return _setup


def _converter(config) -> markdown.Markdown:
    """This build's Markdown instance, reset for a new page (or a new one, see `_Setup`)."""
    shared = _setup_for(config).shared
    return shared.reset() if shared is not None else _new(config)


def _new(config, shared: bool = False) -> markdown.Markdown:
    """A Markdown instance for the site's extensions; `shared`: the build's one (`_Setup`),
    whose extensions (`_RESETTABLE`'s) and whose caller read the contents as tokens only."""
    md = markdown.Markdown(extensions=config["markdown_extensions"],
                           extension_configs=config["mdx_configs"] or {})
    for block in md.preprocessors:
        if type(block) in _HTML_BLOCKS:
            setattr(block, "run", partial(_html_blocks, block.run))  # noqa: B010 (an instance's own)
    block_tests.install(md)  # block processors are not asked about blocks they cannot take
    inline_patterns.install(md)  # patterns are not tried on text they cannot match
    # nor the contents' marker looked for where no text holds it (nor, shared, their HTML made there)
    toc_marker.install(md, contents_html=not shared)
    return md


class _RawHtml(_RawHTMLPreprocessor):
    """MkDocs's reading of the anchors of a page's raw HTML, not run on Markdown without a '<',
    which has none (most lessons: the parser read every character of each for nothing)."""

    def run(self, lines: list[str]) -> list[str]:
        if any("<" in line for line in lines):
            return super().run(lines)
        self.present_anchor_ids = set()
        return lines


# Python-Markdown's and md_in_html's stashing of raw HTML blocks: on text without '<' or '&',
# their parser meets no tag nor reference and gives back every line as it is.
_HTML_BLOCKS = (markdown.preprocessors.HtmlBlockPreprocessor, md_in_html.HtmlBlockPreprocessor)


def _html_blocks(run, lines: list[str]) -> list[str]:
    if any("<" in line or "&" in line for line in lines):
        return run(lines)
    return list(lines)


def _all_resettable(extensions: list) -> bool:
    """Whether every extension comes from Python-Markdown, pymdown-extensions, Material or us:
    a third party's may not reset its state, which MkDocs never asks of it."""
    def name(extension) -> str:
        if not isinstance(extension, str):
            return type(extension).__module__ + "."
        return extension_module(extension)  # a built-in's short name, such as "toc", included
    return all(name(extension).startswith(_RESETTABLE) for extension in extensions)
