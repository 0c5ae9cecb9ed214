"""The navigation model, link resolution and catalogue, from lessons alone."""

from thinksafe.core.model import links
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.pages.catalog import build_catalog


def make(slug, audiences, topics=(), order=None, title=None, folder=False):
    src = f"lessons/{slug}/index.md" if folder else f"lessons/{slug}.md"
    return Lesson(slug=slug, src=src, path=f"content/{src}", title=title or slug.title(),
                  summary=f"About {slug}.", audiences=list(audiences), topics=list(topics),
                  order=order)


def model(*lessons, drafts=()):
    return SiteModel(SiteConfig(), list(lessons), drafts=list(drafts))


LESSONS = [
    make("passwords", ["8-10", "11-13"], ["privacy-and-security"], order=2),
    make("apps", ["8-10"], ["privacy-and-security"], order=1),
    make("kindness", ["8-10"], ["online-bullying"]),
    make("loose", ["8-10"]),
    make("plan", ["teachers"], ["online-bullying"], folder=True),
]


def test_sections_group_lessons_by_topic_in_configured_order_then_by_order():
    section = model(*LESSONS).section("8-10")
    assert [(g.title, [l.slug for l in g.lessons]) for g in section.groups] == [
        ("Online bullying", ["kindness"]),
        ("Privacy and security", ["apps", "passwords"]),
        ("More lessons", ["loose"]),
    ]


def test_sequence_stays_inside_the_audience():
    assert model(*LESSONS).sequence("11-13") == ["11-13/index.md", "11-13/passwords.md"]


def test_every_audience_has_a_section_even_when_empty():
    site_model = model(*LESSONS)
    assert [s.audience.id for s in site_model.sections] == ["8-10", "11-13", "parents", "teachers"]
    assert site_model.section("parents").groups == []


def test_copies_one_per_lesson_per_audience_and_canonical_is_first_audience():
    site_model = model(*LESSONS)
    copies = site_model.copies()
    assert copies["11-13/passwords.md"][1] == "11-13" and len(copies) == 6
    assert site_model.canonical_src(LESSONS[0]) == "8-10/passwords.md"


def test_nav_is_a_tab_per_audience_with_topic_groups():
    nav = model(*LESSONS).nav()
    assert list(nav[0]) == ["Ages 8–10"]
    first = nav[0]["Ages 8–10"]
    assert first[0] == {"Ages 8–10": "8-10/index.md"}
    assert first[1] == {"Online bullying": [{"Kindness": "8-10/kindness.md"}]}


def test_link_to_lesson_in_same_audience_stays_there():
    site_model = model(*LESSONS)
    assert links.rewrite(site_model, "lessons/apps.md", "11-13/apps.md", "11-13",
                         "passwords.md#tips") == "passwords.md#tips"
    assert links.rewrite(site_model, "lessons/apps.md", "8-10/apps.md", "8-10",
                         "passwords.md") == "passwords.md"


def test_link_to_lesson_not_in_audience_goes_to_canonical_copy():
    site_model = model(*LESSONS)
    assert links.rewrite(site_model, "lessons/passwords.md", "11-13/passwords.md", "11-13",
                         "kindness.md") == "../8-10/kindness.md"


def test_link_from_folder_lesson_and_to_its_assets():
    site_model = model(*LESSONS)
    assert links.rewrite(site_model, "lessons/plan/index.md", "teachers/plan.md", "teachers",
                         "../passwords.md") == "../8-10/passwords.md"
    assert links.rewrite(site_model, "lessons/plan/index.md", "teachers/plan.md", "teachers",
                         "sheet%20one.pdf") == "../lessons/plan/sheet%20one.pdf"


def test_links_left_alone():
    site_model = model(*LESSONS)
    for url in ["https://example.org/", "#top", "/absolute/", "mailto:a@b.c", "../../../x.md"]:
        assert links.rewrite(site_model, "lessons/apps.md", "8-10/apps.md", "8-10", url) is None


def test_link_from_an_ordinary_page_reaches_the_canonical_copy():
    site_model = model(*LESSONS)
    assert links.rewrite(site_model, "index.md", "index.md", None,
                         "lessons/passwords.md") == "8-10/passwords.md"
    assert links.rewrite(site_model, "index.md", "index.md", None, "about.md") is None


def test_link_to_a_draft_is_noticed():
    draft = make("secret", ["8-10"])
    site_model = model(*LESSONS, drafts=[draft])
    assert links.links_to_draft(site_model, "lessons/apps.md", "secret.md") == "content/lessons/secret.md"


def test_catalog_has_exactly_the_contract_fields():
    catalog = build_catalog(model(*LESSONS), lambda src: src[:-3] + "/" if not src.endswith("index.md") else src[:-8],
                            packs={"plan": "packs/plan.zip"})
    assert set(catalog) == {"audiences", "topics", "lessons"}
    assert catalog["audiences"][0] == {"id": "8-10", "title": "Ages 8–10", "url": "8-10/"}
    assert catalog["topics"][0] == {"id": "self-image-and-identity", "title": "Self-image and identity"}
    by_slug = {l["slug"]: l for l in catalog["lessons"]}
    assert by_slug["passwords"] == {
        "slug": "passwords", "title": "Passwords", "summary": "About passwords.",
        "audiences": ["8-10", "11-13"], "topics": ["privacy-and-security"],
        "urls": {"8-10": "8-10/passwords/", "11-13": "11-13/passwords/"},
        "canonical": "8-10/passwords/", "pack": None,
        "reviewed": None, "sources": [],  # the contract's fields, and the two of §4's provenance keys
    }
    assert by_slug["plan"]["pack"] == "packs/plan.zip"


def test_landing_keeps_intro_front_matter_on_top_and_escapes_titles():
    from thinksafe.core.pages.landing import landing_markdown

    lessons = [make("tricky", ["8-10"], ["online-bullying"], title="<Tom & Jerry>")]
    section = model(*lessons).section("8-10")
    text = landing_markdown(section, "---\ntitle: Kids\n---\nOur intro.\n", lambda src: src)
    assert text.startswith("---\ntitle: Kids\n---\n<p class=\"ts-landing__description\">")
    assert text.index("Short, friendly") < text.index("Our intro.") < text.index("## Online bullying")
    assert '<a class="ts-card__link" href="8-10/tricky.md">&lt;Tom &amp; Jerry&gt;</a>' in text


def test_empty_landing_says_so():
    from thinksafe.core.pages.landing import landing_markdown

    text = landing_markdown(model().section("parents"), "", lambda src: src)
    assert "no lessons here yet" in text


def test_link_to_a_lesson_folder_means_the_lesson():
    site_model = model(*LESSONS)
    assert links.rewrite(site_model, "lessons/apps.md", "8-10/apps.md", "8-10",
                         "plan/") == "../teachers/plan.md"
