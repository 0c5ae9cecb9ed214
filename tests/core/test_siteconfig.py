"""Audiences and topics from mkdocs.yml (SPEC §3): defaults, changes, and every mistake named."""

from thinksafe.core.model.settings import DEFAULT_TOPICS, parse_site_config


def test_defaults_are_the_four_audiences_and_eight_strands():
    site, problems = parse_site_config()
    assert problems == []
    assert site.audience_ids == ["8-10", "11-13", "parents", "teachers"]
    assert [a.title for a in site.audiences] == ["Ages 8–10", "Ages 11–13", "Parents and carers",
                                                  "Teachers and trainers"]
    assert [a.children for a in site.audiences] == [True, True, False, False]
    assert len(site.topics) == 8 and site.topic_ids[-1] == "copyright-and-ownership"


def test_owner_retitles_adds_and_removes_audiences():
    site, problems = parse_site_config(audiences=[
        {"id": "8-10", "title": "Kids 8 to 10"},
        "parents",
        {"id": "14-17", "title": "Ages 14–17", "description": "Older teens.", "children": True,
         "reading_level": 9},
    ])
    assert problems == []
    assert site.audience_ids == ["8-10", "parents", "14-17"]
    assert site.audience("8-10").title == "Kids 8 to 10"
    assert site.audience("8-10").reading_level == 5  # kept from the default
    assert site.audience("14-17").reading_level == 9


def test_bad_audience_id_and_duplicate_are_named_with_their_place():
    _, problems = parse_site_config(audiences=["8-10", {"id": "Ages 4/7", "title": "x",
                                                        "description": "y"}, "8-10"])
    messages = [str(p) for p in problems]
    assert any("plugins.thinksafe.audiences[1].id: 'Ages 4/7' cannot be used as an id" in m
               and "try 'ages-4-7'" in m for m in messages), messages
    assert any("audiences[2].id: '8-10' is listed twice" in m for m in messages), messages
    assert all(p.path == "mkdocs.yml" for p in problems)


def test_new_audience_needs_a_title_and_description():
    _, problems = parse_site_config(audiences=[{"id": "4-7"}])
    assert {p.key for p in problems} == {"plugins.thinksafe.audiences[0].title",
                                         "plugins.thinksafe.audiences[0].description"}


def test_unknown_audience_setting_suggests_the_right_one():
    _, problems = parse_site_config(audiences=[{"id": "8-10", "titel": "x"}])
    assert "did you mean 'title'?" in str(problems[0])


def test_bad_values_are_refused():
    _, problems = parse_site_config(audiences=[{"id": "8-10", "children": "yes", "colour": "red",
                                                "reading_level": -1}])
    assert {p.key.rsplit(".", 1)[1] for p in problems} == {"children", "colour", "reading_level"}


def test_empty_or_wrong_lists_are_refused():
    assert parse_site_config(audiences=[])[1]
    assert parse_site_config(topics={"a": 1})[1]


def test_topics_can_be_replaced_and_retitled():
    site, problems = parse_site_config(topics=[{"id": "online-bullying", "title": "Bullying"},
                                               {"id": "gaming", "title": "Gaming"}])
    assert problems == [] and site.topic_ids == ["online-bullying", "gaming"]
    assert site.topic("online-bullying").title == "Bullying"
    assert DEFAULT_TOPICS[3].title == "Online bullying"


def test_an_audience_cannot_take_an_address_the_site_uses():
    _, problems = parse_site_config(audiences=[{"id": "help", "title": "Help", "description": "x"}])
    assert "'help' is an address the site uses itself" in str(problems[0])
