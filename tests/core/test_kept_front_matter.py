"""Kept front matter is handed out as a copy the lesson may change, as `copy.deepcopy` gave it."""

from __future__ import annotations

import copy
import json

from thinksafe.core.checks.kept import KeptChecks, _copied

FRONT = {"title": "A", "audiences": ["8-10", "parents"], "order": 3, "ratio": 0.5, "draft": False,
         "reviewed": None, "sources": [{"title": "S", "url": "https://example.org/", "tags": [["x"]]}]}


def test_the_copy_equals_deepcopys_and_shares_no_dict_or_list():
    kept = json.loads(json.dumps(FRONT))
    copied = _copied(kept)
    assert copied == copy.deepcopy(kept) == FRONT and type(copied["order"]) is int
    copied["audiences"].append("teachers")
    copied["sources"][0]["tags"][0].append("y")
    copied["sources"].append({})
    assert kept == FRONT  # the kept record is as it was


def test_a_kept_front_matter_changed_by_its_lesson_is_not_changed_in_the_cache(tmp_path):
    source = "title: A\naudiences: [8-10, parents]\nsources:\n  - title: S\n    url: https://example.org/\n"
    first = KeptChecks(tmp_path)
    data, lines = first.load_mapping(source, 2)
    first.save()
    kept = KeptChecks(tmp_path)
    again, again_lines = kept.load_mapping(source, 2)
    assert (again, again_lines) == (data, lines) and kept.taken == 1
    again["audiences"].append("teachers")
    again["sources"][0]["title"] = "changed"
    assert kept.load_mapping(source, 2)[0] == data
