"""The pupil lessons' copies in lesson plans' packs, in real `mkdocs build`s: each rendered once a
build, none when the cache's record vouches for it, and every change they depend on makes the
pack again, with the bytes of a clean build."""

from __future__ import annotations

import base64
import io
import shutil
import zipfile

import pytest

from support import FixtureSite, lesson
from thinksafe.core.packs.cache import read_record

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM8ISfHwMDAxMDAwMDAAAAN"
                       "BAEIfXHKZgAAAABJRU5ErkJggg==")
OTHER_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLv"
                             "AAAAAElFTkSuQmCC")
KIDS_BODY = "## Start\n\n![A square](square.png)\n\nRead [the other lesson](../other.md).\n"


def plan(title: str) -> str:
    return lesson(title, audiences=["teachers"], objectives=["Know"],
                  body="Pupils read [the kids' lesson](../kids/index.md).\n")


@pytest.fixture
def site(tmp_path) -> FixtureSite:
    """Two lesson plans that link to one pupil lesson, which shows a picture and links to a page."""
    site = FixtureSite(tmp_path / "site-src")
    site.config["site_url"] = "https://example.org/"  # so that the pupil's copy gives the page's address
    site.write("lessons/plan-a/index.md", plan("Plan A"))
    site.write("lessons/plan-b/index.md", plan("Plan B"))
    site.write("lessons/kids/index.md", lesson("Kids", audiences=["8-10"], body=KIDS_BODY))
    site.write("lessons/kids/square.png", PNG)
    site.write("lessons/other.md", lesson("Other", audiences=["11-13"]))
    return site


def built(site: FixtureSite) -> tuple[dict[str, bytes], dict]:
    """Build the site; its packs' bytes by name, and the packs' record of the build."""
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    packs = {p.name: p.read_bytes() for p in sorted((build.site / "packs").glob("*.zip"))}
    return packs, read_record(site.root / ".cache/thinksafe")


def clean_build(site: FixtureSite) -> dict[str, bytes]:
    shutil.rmtree(site.root / ".cache/thinksafe")
    return built(site)[0]


def pupil_copy(packs: dict[str, bytes], name: str = "plan-a.zip") -> str:
    with zipfile.ZipFile(io.BytesIO(packs[name])) as archive:
        return archive.read("pupil-kids.html").decode()


def test_a_pupil_lesson_two_plans_link_to_is_rendered_once_then_not_at_all(site):
    first, record = built(site)
    assert record["pupils rendered"] == ["kids"] and record["rendered"] == ["plan-a", "plan-b"]
    assert pupil_copy(first, "plan-a.zip") == pupil_copy(first, "plan-b.zip")
    again, record = built(site)
    assert record["pupils rendered"] == [] and record["rendered"] == [] and record["built"] == {}
    assert again == first


def change_text(site: FixtureSite) -> None:
    site.write("lessons/kids/index.md", lesson("Kids", audiences=["8-10"], body=KIDS_BODY + "\nNew words.\n"))


def change_picture(site: FixtureSite) -> None:
    site.write("lessons/kids/square.png", OTHER_PNG)


def move_linked_page(site: FixtureSite) -> None:
    site.write("lessons/other.md", lesson("Other", audiences=["8-10"]))


def change_print_settings(site: FixtureSite) -> None:
    site.plugin_options(licence="CC0 1.0")


@pytest.mark.parametrize(("change", "seen"), [
    (change_text, "New words."),
    (change_picture, base64.b64encode(OTHER_PNG).decode()),
    (move_linked_page, "https://example.org/8-10/other/"),
    (change_print_settings, "CC0 1.0"),
])
def test_what_a_pupil_copy_depends_on_makes_the_packs_again_as_a_clean_build_does(site, change, seen):
    before, _ = built(site)
    assert seen not in pupil_copy(before)
    change(site)
    after, record = built(site)
    assert record["pupils rendered"] == ["kids"]  # once, for both plans
    assert record["built"].keys() == {"plan-a", "plan-b"}
    assert seen in pupil_copy(after) and pupil_copy(after, "plan-b.zip") == pupil_copy(after)
    assert after == clean_build(site)


def test_a_page_the_pupil_lesson_does_not_link_to_changes_no_pupil_copy(site):
    before, _ = built(site)
    site.write("lessons/unlinked.md", lesson("Unlinked", audiences=["11-13"]))
    after, record = built(site)
    assert record["pupils rendered"] == [] and record["built"] == {} and after == before


def test_a_pack_gone_from_the_cache_is_made_again_with_its_pupil_copy(site):
    before, _ = built(site)
    for kept in (site.root / ".cache/thinksafe/packs").glob("plan-a-*.zip"):
        kept.unlink()
    after, record = built(site)
    # The records vouched for both copies; the pack had to be made, so both were rendered after all.
    assert record["built"].keys() == {"plan-a"} and record["rendered"] == ["plan-a"]
    assert record["pupils rendered"] == ["kids"]
    assert after == before


def test_a_spoilt_pupil_record_vouches_for_nothing(site):
    before, _ = built(site)
    records = site.root / ".cache/thinksafe/packs/pupils.json"
    records.write_text(records.read_text().replace('"link"', '"script"'))
    after, record = built(site)
    assert record["pupils rendered"] == ["kids"] and record["built"] == {} and after == before

