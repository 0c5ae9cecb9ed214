"""A lesson as one self-contained HTML file: styles inlined, pictures embedded, nothing fetched."""

from __future__ import annotations

import base64
import copy
import hashlib
import mimetypes
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import markdown

from thinksafe.core.html.csp import POLICY_MARK, PRINTABLE
from thinksafe.core.html.offline import make_offline
from thinksafe.core.model.extensions import extension_module
from thinksafe.core.model.lessons import Lesson, real_folder
from thinksafe.core.model.provenance import needs_review, provenance_html
from thinksafe.core.model.settings import SiteConfig

# Links a reader can follow from paper or an offline copy; every other scheme is dropped.
_OUTBOUND = {"http", "https", "mailto", "tel"}

PRINT_CSS = """\
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: 11pt; line-height: 1.45; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 180mm; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 3mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #888; }
h3 { font-size: 12pt; margin: 5mm 0 1mm; }
h2, h3, h4 { break-after: avoid; }
p, li { orphans: 3; widows: 3; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 3mm 0; }
th, td { border: 1px solid #888; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
tr, img, .ts-plan, .admonition, details { break-inside: avoid; }
a { color: #0b4f8a; }
.ts-print-site { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em; color: #444; margin: 0; }
.ts-print-summary { font-size: 12pt; margin: 0 0 3mm; }
.ts-print-facts { display: grid; grid-template-columns: max-content auto; gap: 1mm 4mm; margin: 0 0 4mm; }
.ts-print-facts dt { font-weight: bold; }
.ts-print-facts dd { margin: 0; }
.ts-plan { border: 1px solid #333; border-left-width: 4px; padding: 2mm 4mm; margin: 0 0 5mm; }
.ts-plan h2 { font-size: 12pt; margin: 1mm 0; border: 0; }
.admonition, details { border-left: 4px solid #666; background: #f3f3f3; padding: 1mm 4mm; margin: 3mm 0; }
.admonition-title, summary { font-weight: bold; }
.headerlink { display: none; }
.ts-missing-image { font-style: italic; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #888; font-size: 9pt; color: #333; }
@media print { a[href^="http"]::after, a[href^="pupil-"]::after { content: " (" attr(href) ")"; font-size: 0.85em; } }
@media screen { body { padding: 8mm; } }
"""


@dataclass(frozen=True)
class PrintSettings:
    """What the printable copy needs from the site's settings."""

    site_name: str
    licence: str
    site_url: str | None = None
    language: str = "en"
    extensions: tuple = ()  # the site's Markdown extensions (names), as in mkdocs.yml
    extension_configs: dict = field(default_factory=dict)


PupilOf = Callable[[str], "Lesson | None"]  # a content path → the pupil lesson copied into the pack


def pupil_copy_name(slug: str) -> str:
    """The name in a lesson plan's pack of the printable copy of a pupil lesson it links to."""
    return f"pupil-{slug}.html"


@dataclass
class Printable:
    html: str
    images: dict[str, Path]  # name inside the pack ('images/…') → file in the lesson's folder
    linked: list[str]  # content paths of the site's pages the lesson links to
    questions: list[list] = field(default_factory=list)  # as `References.questions`, in the order asked
    pupils: dict[str, Lesson] = field(default_factory=dict)  # slug → pupil lesson linked to a copy


def printable_lesson(lesson: Lesson, docs_dir: Path, site: SiteConfig, settings: PrintSettings,
                     url_for: Callable[[str], str | None], pupil_of: PupilOf | None = None) -> Printable:
    """The lesson's self-contained HTML; `url_for` gives a content path's URL from the site's root.

    `pupil_of`: for a lesson plan, the pupil lesson at a content path, whose printable copy goes
    into the pack beside it (`pupil_copy_name`): links to it lead there, not to words alone."""
    refs = References(lesson, Path(docs_dir), settings.site_url, url_for, pupil_of)
    body = _converter(settings).convert(lesson.body)
    body = make_offline(body, refs.link, refs.image)
    if needs_review(lesson.audiences, site.children_ids):  # as the adults' pages show it
        body += provenance_html(lesson.reviewed, lesson.sources)
    html = _document(lesson, site, settings, body, list(refs.pupils.values()))
    return Printable(html, refs.images, refs.linked, refs.questions, dict(refs.pupils))


# Extensions known to clear their per-document state on reset() (as lesson pages rely on too):
# with only these, one Markdown instance converts every printable copy, reset before each,
# rather than a new one loading every extension again (about a tenth of a conversion).
_RESETTABLE = ("markdown.", "pymdownx.", "material.")
_shared: tuple[tuple, dict, markdown.Markdown] | None = None  # extensions, their settings, instance


def _converter(settings: PrintSettings) -> markdown.Markdown:
    """A Markdown instance for the settings' extensions, ready for a new document."""
    global _shared
    names, configs = tuple(settings.extensions), settings.extension_configs
    if _shared is not None and _shared[0] == names and _shared[1] == configs:
        return _shared[2].reset()
    md = markdown.Markdown(extensions=list(names), extension_configs=configs)
    if all(extension_module(name).startswith(_RESETTABLE) for name in names):
        try:  # kept as they are now: settings changed in place later are not mistaken for these
            _shared = (names, copy.deepcopy(configs), md)
        except Exception:  # an extension's option that cannot be copied: a new instance each time
            _shared = None
    return md


class References:
    """Where each link and picture of one lesson leads in its pack.

    `questions` notes every question answered, in order: `["link", href, answer]` and
    `["image", src, SHA-256 of the data URI, or None]`. Beside the lesson, the settings and the
    code, these answers are all a printable copy depends on: a record of them vouches for the
    copy (see `packrecord`).
    """

    def __init__(self, lesson: Lesson, docs_dir: Path, site_url: str | None,
                 url_for: Callable[[str], str | None], pupil_of: PupilOf | None = None):
        self.folder = lesson.folder
        self.docs_dir = docs_dir
        self.own = real_folder(docs_dir, lesson.folder)
        self.resources = set(lesson.resources)
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.url_for = url_for
        self.pupil_of = pupil_of
        self.pupils: dict[str, Lesson] = {}  # slug → pupil lesson whose copy a link leads to
        self.images: dict[str, Path] = {}
        self.linked: list[str] = []
        self.questions: list[list] = []

    def link(self, href: str) -> str | None:
        answer = self._link(href)
        self.questions.append(["link", href, answer])
        return answer

    def image(self, src: str) -> str | None:
        answer = self._image(src)
        self.questions.append(["image", src, None if answer is None else _sha256(answer)])
        return answer

    def _link(self, href: str) -> str | None:
        parts = urlsplit(href)
        if href.startswith("#") or parts.scheme.lower() in _OUTBOUND:
            return href
        if parts.scheme or parts.netloc:
            return None  # javascript:, file:, data: and the like are not links a reader follows
        if parts.path.startswith("/"):
            return self._on_site(parts.path.lstrip("/"), parts)
        target = posixpath.normpath(posixpath.join(self.folder, unquote(parts.path)))
        inside = posixpath.relpath(target, self.folder) if self.folder else target
        if inside in self.resources:
            return urlunsplit(("", "", "resources/" + quote(inside), "", parts.fragment))
        if f"images/{inside}" in self.images:
            return "images/" + quote(inside)
        self.linked.append(target)
        pupil = self.pupil_of(target) if self.pupil_of else None
        if pupil is not None:  # its copy is in the pack: a teacher with no internet still finds it
            self.pupils.setdefault(pupil.slug, pupil)
            return urlunsplit(("", "", quote(pupil_copy_name(pupil.slug)), "", parts.fragment))
        url = self.url_for(target)
        return self._on_site(url, parts) if url is not None else None

    def _on_site(self, path: str, parts) -> str | None:
        """The site's page at `path` when the site's address is known, else words only."""
        if not self.site_url:
            return None
        return urlunsplit(("", "", self.site_url + path, parts.query, parts.fragment))

    def _image(self, src: str) -> str | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None  # a picture from elsewhere would be fetched: show its alt text instead
        target = posixpath.normpath(posixpath.join(self.folder, unquote(parts.path)))
        file = (self.docs_dir / target).resolve()
        if not file.is_relative_to(self.own) or not file.is_file():
            return None  # only the lesson's own pictures go into its pack
        self.images["images/" + file.relative_to(self.own).as_posix()] = file
        return data_uri(file)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def data_uri(file: Path) -> str:
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"data:{kind};base64," + base64.b64encode(file.read_bytes()).decode("ascii")


def _document(lesson: Lesson, site: SiteConfig, settings: PrintSettings, body: str,
              pupils: Sequence[Lesson] = ()) -> str:
    e = escape
    facts = [("For", ", ".join(site.audience(a).title for a in lesson.audiences))]
    if lesson.topics:
        facts.append(("Topics", ", ".join(site.topic(t).title for t in lesson.topics)))
    if lesson.duration:
        facts.append(("Duration", f"{lesson.duration} minutes"))
    in_pack = [(f"resources/{quote(r)}", r) for r in lesson.resources]
    # Named by file only: a record of the plan's copy vouches for its links, not their titles.
    in_pack += [(quote(pupil_copy_name(p.slug)), f"{pupil_copy_name(p.slug)} (a pupil page)") for p in pupils]
    if in_pack:
        facts.append(("In this pack", ", ".join(f'<a href="{e(href)}">{e(words)}</a>' for href, words in in_pack)))
    rows = "".join(f"<dt>{e(k)}</dt><dd>{v if k == 'In this pack' else e(v)}</dd>" for k, v in facts)
    objectives = ""
    if lesson.objectives:
        items = "".join(f"<li>{e(o)}</li>" for o in lesson.objectives)
        objectives = f'<section class="ts-plan"><h2>Learning objectives</h2><ul>{items}</ul></section>\n'
    online = ""
    if settings.site_url:
        online = f" Online at {e(settings.site_url.rstrip('/'))}/."
    return (
        f'<!DOCTYPE html>\n<html lang="{e(settings.language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta {POLICY_MARK} content="{PRINTABLE}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="author" content="{e(settings.site_name)}">\n'
        f'<title>{e(lesson.title)} – {e(settings.site_name)}</title>\n'
        f"<style>\n{PRINT_CSS}</style>\n</head>\n<body>\n<header>\n"
        f'<p class="ts-print-site">{e(settings.site_name)}</p>\n<h1>{e(lesson.title)}</h1>\n'
        f'<p class="ts-print-summary">{e(lesson.summary)}</p>\n'
        f'<dl class="ts-print-facts">{rows}</dl>\n{objectives}</header>\n'
        f"<main>\n{body}\n</main>\n"
        f"<footer><p>From {e(settings.site_name)}.{online} Licence: {e(settings.licence)}.</p></footer>\n"
        f"</body>\n</html>\n"
    )
