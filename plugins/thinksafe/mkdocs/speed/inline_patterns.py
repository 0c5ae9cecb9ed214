"""Python-Markdown's inline step without trying the patterns that cannot match a text.

Markdown tries each of its inline patterns (code, escapes, links, images, autolinks, line
breaks, HTML, entities, emphasis) on every run of text of a page, one regular expression
search each: about a third of a lesson's conversion, although most runs of text hold none of
the characters that start them. Each of Python-Markdown's own patterns below cannot match a
text without the characters listed (every match of its expression contains them), so it is
not tried on such a text: `finditer` would find nothing, and nothing else happens when it
finds nothing. Any other pattern (another extension's, or one of these changed) is tried as
Markdown tries it. The step is Markdown's own otherwise, with its private methods.
"""

from __future__ import annotations

import re

from markdown import Markdown, inlinepatterns, util
from markdown.inlinepatterns import (
    AUTOLINK_RE,
    AUTOMAIL_RE,
    BACKTICK_RE,
    ENTITY_RE,
    ESCAPE_RE,
    HTML_RE,
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINE_BREAK_RE,
    LINK_RE,
    REFERENCE_RE,
)
from markdown.treeprocessors import InlineProcessor

# (the pattern's class, its expression) → what every match of it contains.
_NEEDS: dict[tuple[type, str], str] = {
    (inlinepatterns.BacktickInlineProcessor, BACKTICK_RE): "`",  # both branches end at a backtick
    (inlinepatterns.EscapeInlineProcessor, ESCAPE_RE): "\\",
    (inlinepatterns.ReferenceInlineProcessor, REFERENCE_RE): "[",
    (inlinepatterns.LinkInlineProcessor, LINK_RE): "[",
    (inlinepatterns.ImageInlineProcessor, IMAGE_LINK_RE): "![",
    (inlinepatterns.ImageReferenceInlineProcessor, IMAGE_REFERENCE_RE): "![",
    (inlinepatterns.ShortReferenceInlineProcessor, REFERENCE_RE): "[",
    (inlinepatterns.ShortImageReferenceInlineProcessor, IMAGE_REFERENCE_RE): "![",
    (inlinepatterns.AutolinkInlineProcessor, AUTOLINK_RE): "<",
    (inlinepatterns.AutomailInlineProcessor, AUTOMAIL_RE): "<",
    (inlinepatterns.SubstituteTagInlineProcessor, LINE_BREAK_RE): "  \n",  # two spaces, a newline
    (inlinepatterns.HtmlInlineProcessor, HTML_RE): "<",
    (inlinepatterns.HtmlInlineProcessor, ENTITY_RE): "&",
}


def needs(pattern: object) -> tuple[str, ...] | None:
    """Texts one of which every match of `pattern` contains; None: it may match anything."""
    if not isinstance(pattern, inlinepatterns.InlineProcessor):
        return None
    expression = getattr(pattern, "pattern", None)
    if getattr(pattern.getCompiledRegExp(), "pattern", None) != expression:
        return None
    if type(pattern) is inlinepatterns.DelimiterProcessor:  # emphasis: its delimiters, `*` and `_`
        tokens = tuple(pattern.tokens)
        return tokens if tokens and expression == "|".join(map(re.escape, tokens)) else None
    need = _NEEDS.get((type(pattern), expression))  # type: ignore[arg-type]
    return (need,) if need is not None else None


class SkippingInlineProcessor(InlineProcessor):
    """Markdown's `InlineProcessor`, which does not try a pattern on a text it cannot match."""

    def run(self, tree, ancestors=None):
        # The patterns with what each needs, for this page (an extension may add some between pages).
        self._patterns = [(pattern, needs(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # Markdown's `__handleInline`, with the test of what a pattern needs added.
        if not isinstance(data, util.AtomicString):
            startIndex = 0  # noqa: N806 (Markdown's names)
            patterns = self._patterns
            count = len(patterns)
            while patternIndex < count:
                pattern, need = patterns[patternIndex]
                if need is not None:
                    for text in need:
                        if text in data:
                            break
                    else:  # not one of them: the pattern cannot match
                        patternIndex, startIndex = patternIndex + 1, 0  # noqa: N806
                        continue
                data, matched, startIndex = self._InlineProcessor__applyPattern(  # type: ignore[attr-defined]  # noqa: N806
                    pattern, data, patternIndex, startIndex)
                if not matched:
                    patternIndex += 1
        return data


def install(md: Markdown) -> None:
    """Make `md`'s inline step the skipping one, when it is Markdown's own (the same object, in
    its place among the steps: only its class changes)."""
    if "inline" not in md.treeprocessors:  # a Registry, which has no `get`
        return
    step = md.treeprocessors["inline"]
    if type(step) is InlineProcessor and hasattr(InlineProcessor, "_InlineProcessor__applyPattern"):
        step.__class__ = SkippingInlineProcessor
