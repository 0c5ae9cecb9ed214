"""Lesson packs in the core, without MkDocs: what goes in, the printable copy, the PDF, the ZIP, the cache."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile

import pypdf
import pytest

from support import lesson
from thinksafe.core.html.offline import make_offline
from thinksafe.core.model.lessons import Lesson, load_lessons
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.packs.archive import zip_bytes
from thinksafe.core.packs.cache import PackCache, read_record
from thinksafe.core.packs.contents import (
    PackSettings,
    build_pack,
    epoch_from,
    pack_key,
    plan_pack,
    wants_pack,
)
from thinksafe.core.packs.pdf import RefusedFetch, render_pdf
from thinksafe.core.packs.printable import PrintSettings
from thinksafe.core.pages.pack_list import age_bands, packs_markdown, page_clashes

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM8ISfHwMDAxMDAwMDAAAAN"
                       "BAEIfXHKZgAAAABJRU5ErkJggg==")
SETTINGS = PackSettings(PrintSettings("Fixture", "CC BY 4.0", extensions=("admonition", "toc")))
PLAN_BODY = """\
## Starter

Read [the other lesson](../other.md) and hand out [the worksheet](worksheet.txt).
See [Childline](https://www.childline.org.uk/) or [the about page](/about/).

![A red square](pics/square.png)
![Remote](https://example.org/remote.png)

<script>fetch("https://example.org/track")</script>
<iframe src="https://example.org/embed">An embedded video</iframe>
"""


def write(tmp_path, files: dict[str, str | bytes]):
    for path, text in files.items():
        target = tmp_path / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())
    return tmp_path / "content"


def plan_site(tmp_path, body=PLAN_BODY, **extra):
    """A lesson plan with a worksheet, a picture and a link to a pupil lesson; its plan."""
    docs = write(tmp_path, {
        "lessons/plan/index.md": lesson(
            "Plan title", audiences=["teachers"], topics=["online-bullying"], duration=30,
            objectives=["Name a trusted adult", "Block and report"],
            resources=["worksheet.txt", "sub/cards.txt"], body=body, **extra),
        "lessons/plan/worksheet.txt": "worksheet words\n",
        "lessons/plan/sub/cards.txt": "cards\n",
        "lessons/plan/pics/square.png": PNG,
        "lessons/other.md": lesson("Other", audiences=["11-13"]),
    })
    lessons, problems = load_lessons(docs, ["lessons/plan/index.md", "lessons/other.md"], SiteConfig())
    assert problems == []
    return docs, SiteModel(SiteConfig(), lessons)


def plan_of(docs, model, settings=SETTINGS, url_for=lambda src: None):
    plan, problems = plan_pack(model.by_slug["plan"], docs, SiteConfig(), settings, url_for)
    assert problems == []
    return plan


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# Which lessons get a pack

@pytest.mark.parametrize("audiences, resources, wanted", [
    (["teachers"], [], True), (["8-10", "teachers"], [], True),
    (["8-10"], ["sheet.pdf"], True), (["8-10", "parents"], [], False),
])
def test_lesson_plans_and_lessons_with_resources_get_a_pack(audiences, resources, wanted):
    item = Lesson("x", "lessons/x.md", "content/lessons/x.md", "T", "S", audiences, resources=resources)
    assert wants_pack(item) is wanted


# The printable copy

def test_printable_copy_embeds_pictures_and_loads_nothing(tmp_path):
    docs, model = plan_site(tmp_path)
    plan = plan_of(docs, model)
    html = plan.html
    assert "data:image/png;base64," + base64.b64encode(PNG).decode() in html
    assert plan.files["images/pics/square.png"] == (docs / "lessons/plan/pics/square.png").resolve()
    assert "[Remote]" in html and "example.org" not in html  # the picture from elsewhere: alt text only
    assert "<script" not in html and "<iframe" not in html and "An embedded video" in html
    loads = re.findall(r'\b(?:src|srcset|poster|data)="([^"]*)"|<link\b[^>]*href="([^"]*)"|url\(([^)]*)\)', html)
    assert all(any(v.startswith("data:") for v in found if v) for found in loads), loads
    assert "@page" in html and "A4" in html


def test_printable_copies_made_one_after_another_are_those_of_a_new_converter_each(tmp_path, monkeypatch):
    """One Markdown instance converts every printable copy, reset between them: no heading id,
    footnote or abbreviation of one lesson leaks into the next."""
    from thinksafe.core.packs import printable

    settings = PrintSettings("Fixture", "CC BY 4.0", extensions=("toc", "footnotes", "abbr", "admonition"))
    bodies = {"first": "## Same\n\nA note.[^1] HTML here.\n\n*[HTML]: Hypertext\n\n[^1]: First's note.\n",
              "second": "## Same\n\n## Same\n\nNo note, HTML again.[^1]\n\n!!! tip\n\n    Tip.\n"}
    docs = write(tmp_path, {f"lessons/{slug}.md": lesson(slug.title(), audiences=["teachers"], body=body)
                            for slug, body in bodies.items()})
    lessons, problems = load_lessons(docs, [f"lessons/{slug}.md" for slug in bodies], SiteConfig())
    assert problems == []

    def copies() -> list[str]:
        return [printable.printable_lesson(l, docs, SiteConfig(), settings, lambda src: None).html
                for l in lessons + lessons]

    shared = copies()
    monkeypatch.setattr(printable, "_shared", None)
    monkeypatch.setattr(printable, "_RESETTABLE", ("nothing.",))  # a new instance for each copy
    assert shared == copies()
    assert shared[0] == shared[2] and shared[1] == shared[3]
    assert 'id="same_1"' in shared[1] and "First's note" not in shared[1] and "<abbr" not in shared[1]


def test_printable_links_go_to_the_pack_or_become_words_without_a_site_url(tmp_path):
    docs, model = plan_site(tmp_path)
    html = plan_of(docs, model, url_for=lambda src: "11-13/other/").html
    hrefs = re.findall(r'<a\b[^>]*href="([^"]*)"', html)
    assert "resources/worksheet.txt" in hrefs and "https://www.childline.org.uk/" in hrefs
    assert not any(h.startswith(("../", "/")) or h.endswith(".md") for h in hrefs), hrefs
    assert "the other lesson" in html and "the about page" in html  # kept as words


def test_printable_links_to_other_pages_are_absolute_with_a_site_url(tmp_path):
    docs, model = plan_site(tmp_path)
    settings = PackSettings(PrintSettings("Fixture", "CC BY 4.0", site_url="https://example.org/site/"))
    plan = plan_of(docs, model, settings, url_for=lambda src: "11-13/other/" if src == "lessons/other.md" else None)
    assert 'href="https://example.org/site/11-13/other/"' in plan.html
    assert 'href="https://example.org/site/about/"' in plan.html
    assert plan.linked == ["lessons/other.md"]


@pytest.mark.parametrize("picture", ["../logo.png", "linked.png"])
def test_a_picture_outside_the_lessons_folder_is_not_embedded(tmp_path, picture):
    docs, model = plan_site(tmp_path, body=f"![Logo]({picture})\n")
    write(tmp_path, {"lessons/logo.png": PNG})
    (docs / "lessons/plan/linked.png").symlink_to(docs / "lessons/logo.png")  # a link that leads out
    plan = plan_of(docs, model)
    assert "data:image" not in plan.html and "[Logo]" in plan.html
    assert not any(name.startswith("images/") for name in plan.files)


def test_offline_html_removes_every_reference_that_would_load_something():
    html = ('<p style="background: url(https://x.org/a.png)">a</p><link rel="stylesheet" href="https://x.org/s.css">'
            '<style>@import url(https://x.org/b.css); p { background: url("http://x.org/c.png") }</style>'
            '<video src="https://x.org/v.mp4" poster="https://x.org/p.png">Fallback</video>'
            '<svg><image href="https://x.org/i.png"/></svg><a href="#top">Top &amp; more</a>')
    out = make_offline(html, link=lambda href: href, image=lambda src: None)
    assert "x.org" not in out
    assert 'href="#top"' in out and "Top &amp; more" in out and "Fallback" in out


# The PDF

def test_pdf_holds_title_and_objectives_and_is_the_same_every_time(tmp_path):
    docs, model = plan_site(tmp_path)
    plan = plan_of(docs, model)
    first, second = render_pdf(plan.html, plan.folder), render_pdf(plan.html, plan.folder)
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Plan title" in text and "Name a trusted adult" in text and "Block and report" in text
    assert "/CreationDate" not in reader.metadata  # no date unless SOURCE_DATE_EPOCH gives one
    assert str(tmp_path) not in first.decode("latin-1")


def test_pdf_dates_come_from_source_date_epoch(tmp_path):
    pdf = render_pdf("<p>Hello</p>", tmp_path, epoch=1700000000)
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata["/CreationDate"].startswith("D:20231114221320")
    assert metadata["/ModDate"] == metadata["/CreationDate"]


@pytest.mark.parametrize("reference", ["https://example.org/a.png", "file:///etc/hostname"])
def test_pdf_fetcher_refuses_other_hosts_and_files_outside_the_folder(tmp_path, reference):
    with pytest.raises(RefusedFetch, match="outside the lesson's folder|another host"):
        render_pdf(f'<p>x</p><img src="{reference}">', tmp_path / "lesson")


# The ZIP and its manifest

def test_zip_is_sorted_stamped_and_permissioned_alike(tmp_path):
    data = zip_bytes({"b.txt": b"2", "a/x.txt": b"1"})
    assert data == zip_bytes({"a/x.txt": b"1", "b.txt": b"2"})
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [i.filename for i in infos] == ["a/x.txt", "b.txt"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    stamped = zipfile.ZipFile(io.BytesIO(zip_bytes({"a": b""}, epoch=1700000000))).infolist()[0]
    assert stamped.date_time == (2023, 11, 14, 22, 13, 20)


def test_pack_holds_everything_and_its_manifest_matches(tmp_path):
    docs, model = plan_site(tmp_path)
    files = entries(build_pack(plan_of(docs, model), SETTINGS))
    assert sorted(files) == ["images/pics/square.png", "lesson.html", "lesson.pdf", "manifest.json",
                             "resources/sub/cards.txt", "resources/worksheet.txt"]
    assert files["resources/worksheet.txt"] == b"worksheet words\n"
    manifest = json.loads(files["manifest.json"])
    assert (manifest["title"], manifest["slug"], manifest["duration"]) == ("Plan title", "plan", 30)
    assert manifest["audiences"] == ["teachers"] and manifest["topics"] == ["online-bullying"]
    assert manifest["objectives"] == ["Name a trusted adult", "Block and report"]
    assert (manifest["site"], manifest["licence"]) == ("Fixture", "CC BY 4.0")
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["size"] == len(files[name]) and entry["sha256"] == hashlib.sha256(files[name]).hexdigest()


def test_a_picture_over_the_limit_is_a_problem(tmp_path):
    docs, model = plan_site(tmp_path)
    settings = PackSettings(SETTINGS.printing, max_file_bytes=len(PNG) - 1)
    _plan, problems = plan_pack(model.by_slug["plan"], docs, SiteConfig(), settings, lambda src: None)
    [problem] = problems
    assert problem.path == "lessons/plan/index.md" and problem.key == "picture 'pics/square.png'"
    assert "too large for a lesson pack" in problem.message and "pack_max_file_mb" in problem.suggestion


def test_a_resource_over_the_limit_is_a_problem_of_the_lesson(tmp_path):
    docs = write(tmp_path, {"lessons/p/index.md": lesson(resources=["big.bin"]),
                            "lessons/p/big.bin": b"x" * 2000})
    _, problems = load_lessons(docs, ["lessons/p/index.md"], SiteConfig(), max_resource_bytes=1000)
    [problem] = problems
    assert str(problem).startswith("lessons/p/index.md:6: resources[0]: 'big.bin' is 0.002 MB, too large")
    assert "at most 0.001 MB a file" in str(problem)


@pytest.mark.parametrize("value, expected", [("", None), ("1700000000", 1700000000)])
def test_source_date_epoch_is_read(value, expected):
    assert epoch_from({"SOURCE_DATE_EPOCH": value}) == (expected, [])


def test_a_source_date_epoch_that_is_not_a_number_is_a_problem():
    _, [problem] = epoch_from({"SOURCE_DATE_EPOCH": "yesterday"})
    assert problem.key == "SOURCE_DATE_EPOCH" and "whole number" in problem.expected


@pytest.mark.parametrize("value", ["99999999999999", "\u00b2", "\u0663", "-1", "1e9", "9" * 5000])
def test_a_source_date_epoch_no_date_can_hold_or_not_in_digits_0_to_9_is_a_problem(value):
    epoch, [problem] = epoch_from({"SOURCE_DATE_EPOCH": value})
    assert epoch is None and problem.key == "SOURCE_DATE_EPOCH" and len(str(problem)) < 400


# The cache

def test_cache_reuses_an_unchanged_pack_and_remakes_a_changed_one(tmp_path):
    docs, model = plan_site(tmp_path)
    cache_dir = tmp_path / "cache"
    first = PackCache(cache_dir)
    pack = first.pack(plan_of(docs, model), SETTINGS)
    first.finish()
    assert read_record(cache_dir) == {"built": {"plan": pack.key}, "reused": {}, "rendered": ["plan"],
                                      "pupils rendered": []}
    again = PackCache(cache_dir)
    assert again.pack(plan_of(docs, model), SETTINGS).file == pack.file
    again.finish()
    assert read_record(cache_dir) == {"built": {}, "reused": {"plan": pack.key}, "rendered": ["plan"],
                                      "pupils rendered": []}
    (docs / "lessons/plan/sub/cards.txt").write_text("new cards\n")
    changed = PackCache(cache_dir)
    new = changed.pack(plan_of(docs, model), SETTINGS)
    changed.finish()
    assert new.key != pack.key
    assert read_record(cache_dir) == {"built": {"plan": new.key}, "reused": {}, "rendered": ["plan"],
                                      "pupils rendered": []}
    assert pack.file.exists() and new.file.exists()  # the one before is kept, for serve and build
    (docs / "lessons/plan/sub/cards.txt").write_text("newer cards\n")
    newest = PackCache(cache_dir)
    newest_pack = newest.pack(plan_of(docs, model), SETTINGS)
    newest.finish()
    assert sorted(p.name for p in (cache_dir / "packs").glob("*.zip")) == \
        sorted([new.file.name, newest_pack.file.name])  # the oldest is gone


def test_key_changes_with_the_licence_and_the_epoch(tmp_path):
    docs, model = plan_site(tmp_path)
    plan = plan_of(docs, model)
    keys = {pack_key(plan, SETTINGS),
            pack_key(plan, PackSettings(PrintSettings("Fixture", "Other licence"))),
            pack_key(plan, PackSettings(SETTINGS.printing, epoch=1))}
    assert len(keys) == 3


def test_pack_describes_what_is_inside_and_its_size(tmp_path):
    docs, model = plan_site(tmp_path)
    pack = PackCache(tmp_path / "cache").pack(plan_of(docs, model), SETTINGS)
    assert pack.path == "packs/plan.zip" and re.fullmatch(r"\d+ KB", pack.size_text)
    assert "worksheet.txt" in pack.contents and "sub/cards.txt" in pack.contents
    assert "1 picture the lesson shows" in pack.contents


# The teachers' list of packs

def test_list_groups_packs_by_age_band_then_topic(tmp_path):
    docs, model = plan_site(tmp_path)
    pack = PackCache(tmp_path / "cache").pack(plan_of(docs, model), SETTINGS)
    assert [a.id for a in age_bands(pack, model)] == ["11-13"]  # from the pupil lesson it links to
    markdown = packs_markdown([pack], model, "", lambda path: "../" + path)
    assert markdown.index("## Ages 11–13") < markdown.index("### Online bullying") < markdown.index("Plan title")
    assert "## Ages 8–10" not in markdown and 'href="../packs/plan.zip"' in markdown
    assert "30 minutes" in markdown and f"ZIP, {pack.size_text}" in markdown


def test_a_lesson_named_packs_for_teachers_clashes_with_the_list(tmp_path):
    docs = write(tmp_path, {"lessons/packs.md": lesson(audiences=["teachers"])})
    lessons, _ = load_lessons(docs, ["lessons/packs.md"], SiteConfig())
    [problem] = page_clashes(SiteModel(SiteConfig(), lessons))
    assert problem.path == "lessons/packs.md" and "rename" in problem.suggestion
