"""A lesson's printable HTML made into a PDF by WeasyPrint: nothing fetched, the same bytes every time."""

from __future__ import annotations

import functools
import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from thinksafe.core.packs import font_dates, subsetting


class RefusedFetch(Exception):
    """The printable copy asked for something it may not have."""


def render_pdf(html: str, folder: Path, epoch: int | None = None) -> bytes:
    """The PDF of `html`, which may use only data: URIs and files inside `folder`.

    The same `html` and `epoch` give the same bytes: the PDF's identifier comes from the HTML,
    its dates are SOURCE_DATE_EPOCH (`epoch`) or absent, and nothing else varies.
    """
    from weasyprint import HTML  # imported here: half a second that a build with every pack cached skips

    install_font_steps()
    fetcher = _local_only()(Path(folder).resolve())
    try:
        document = HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    except _fatal() as error:
        raise RefusedFetch(str(error.__cause__ or error)) from None
    stamp = _w3c(epoch) if epoch is not None else None
    document.metadata.created = document.metadata.modified = stamp
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return document.write_pdf(pdf_identifier=identifier)


def preload() -> None:
    """Import WeasyPrint and set up its fetcher now: processes forked afterwards to render PDFs
    share what it loaded rather than each importing it again."""
    _fatal()
    _local_only()
    install_font_steps()


def install_font_steps() -> None:
    """ThinkSafe's two steps in WeasyPrint's font handling: the same fonts subset for less
    (`subsetting`), dated alike whenever a PDF is made (`font_dates`). Once a process."""
    subsetting.install()
    font_dates.install()


def _w3c(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.cache
def _fatal() -> type[BaseException]:  # WeasyPrint derives it from BaseException
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError


@functools.cache
def _local_only() -> type:
    """WeasyPrint's fetcher, narrowed to data: URIs and files inside one folder."""
    # WeasyPrint logs every CSS property it does not know at WARNING; MkDocs would count those
    # as warnings of the build (and fail --strict), yet they change nothing in a printed lesson.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnly(URLFetcher):
        def __init__(self, folder: Path):
            super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
            self.folder = folder

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if parts.netloc not in ("", "localhost") or not path.is_relative_to(self.folder):
                    raise FatalURLFetchingError(f"'{url}' is outside the lesson's folder")
            elif parts.scheme != "data":
                raise FatalURLFetchingError(f"'{url}' would be fetched from another host")
            return super().fetch(url, headers)

    return LocalOnly
