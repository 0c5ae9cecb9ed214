"""A rebuild takes unchanged pages' search entries from the cache and writes the same indexes."""

from __future__ import annotations

import json
import re
import shutil

from support import lesson

INDEXES = ["search_index.json"] + [f"{a}/search_index.json" for a in ("8-10", "11-13", "parents", "teachers")]
CACHE = ".cache/thinksafe/search-entries.json"


def searchable(site):
    site.config["plugins"] = ["search"] + site.config["plugins"]
    site.write("lessons/same.md", lesson("Same", audiences=["8-10", "11-13"],
                                         body="## Start\n\nFirst words.\n\n## End\n\n- One\n- Two"))
    site.write("lessons/plan.md", lesson("Plan", audiences=["teachers"], body="## Steps\n\nTeach it."))
    site.write("lessons/talk.md", lesson("Talk", audiences=["parents", "8-10"], body="Talk about it."))
    site.write("about.md", "# About\n\nA page of our own.\n")
    return site


def build(site):
    # Every page is indexed: without the pages' records, an unchanged page is not read (early_pages.py).
    (site.root / ".cache/thinksafe/page-records.json").unlink(missing_ok=True)
    done = site.build("--strict", "-v")
    assert done.returncode == 0, done.output
    indexes = {name: (done.site / "search" / name).read_bytes() for name in INDEXES}
    kept = [line.split("DEBUG")[-1].split(":")[0].strip(" -") for line in done.output.splitlines()
            if "search entries kept from the last build" in line]
    counts = re.search(r"search entries of (\d+) pages kept from the last build, (\d+) parsed", done.output)
    return indexes, sorted(kept), tuple(int(n) for n in counts.groups())


def cached(site) -> dict:
    return json.loads((site.root / CACHE).read_text())["pages"]


def test_a_rebuild_takes_every_page_from_the_cache_and_writes_the_same_indexes(site):
    searchable(site)
    first, kept, (hits, pages) = build(site)
    assert kept == [] and hits == 0 and pages > 5
    second, kept, counts = build(site)
    assert second == first
    # Copies finished from another's conversion are not indexed by Material, so not kept either.
    assert counts == (pages, 0) and len(kept) == pages == len(cached(site))
    assert {"8-10/same.md", "teachers/plan.md", "about.md", "index.md"} <= set(kept)
    assert "11-13/same.md" not in kept
    shutil.rmtree(site.root / ".cache")
    again, kept, _counts = build(site)
    assert again == first and kept == []


def test_an_edited_lesson_is_parsed_again_and_its_old_entries_dropped(site):
    searchable(site)
    first, _kept, (_hits, pages) = build(site)
    site.write("lessons/same.md", lesson("Same", audiences=["8-10", "11-13"],
                                         body="## Start\n\nNew words.\n\n## End\n\n- One\n- Two"))
    second, kept, counts = build(site)
    assert counts == (pages - 1, 1) and "8-10/same.md" not in kept and "teachers/plan.md" in kept
    docs = json.loads(second["search_index.json"])["docs"]
    texts = {d["location"]: d["text"] for d in docs}
    assert texts["8-10/same/#start"] == texts["11-13/same/#start"] == "<p>New words.</p>"
    assert second["teachers/search_index.json"] == first["teachers/search_index.json"]
    entries = cached(site)
    assert len(entries) == pages and "First words." not in json.dumps(entries)
    shutil.rmtree(site.root / ".cache")
    assert build(site)[0] == second


def test_a_broken_cache_file_gives_the_same_indexes_without_error(site):
    searchable(site)
    first, _kept, (_hits, pages) = build(site)
    path = site.root / CACHE
    data = json.loads(path.read_text())
    for broken in ["{not json", json.dumps({**data, "pages": {k: "nonsense" for k in data["pages"]}}),
                   json.dumps({**data, "pages": [1, 2]}), json.dumps([data])]:
        path.write_text(broken)
        again, kept, counts = build(site)
        assert again == first and kept == [] and counts == (0, pages)
        assert cached(site) == data["pages"]  # and the file is whole again


def test_without_a_search_plugin_nothing_is_kept(site):
    site.write("lessons/a.md", lesson("A"))
    done = site.build("--strict")
    assert done.returncode == 0, done.output
    assert (site.root / ".cache/thinksafe").is_dir() and not (site.root / CACHE).exists()
