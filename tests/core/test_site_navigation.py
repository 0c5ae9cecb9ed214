"""The site model answers the tabs, previous/next and the sidebar's topic links, packs page included."""

from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.settings import SiteConfig


def make(slug, audiences, topics=()):
    return Lesson(slug=slug, src=f"lessons/{slug}.md", path=f"content/lessons/{slug}.md", title=slug.title(),
                  summary=f"About {slug}.", audiences=list(audiences), topics=list(topics))


MODEL = SiteModel(SiteConfig(), [make("plan", ["teachers"]), make("apps", ["8-10", "teachers"], ["online-bullying"])])


def test_the_packs_page_follows_the_teachers_landing_page_in_their_chain_only():
    chains = MODEL.chains(["index.md", "about.md", "8-10/index.md"], packs_page=True)
    assert chains[3] == ["teachers/index.md", "teachers/packs.md", "teachers/apps.md", "teachers/plan.md"]
    assert chains[0] == ["8-10/index.md", "8-10/apps.md"]
    assert chains[-1] == ["index.md", "about.md"]  # the rest, without the audiences' pages
    assert MODEL.chains([], packs_page=False)[3] == ["teachers/index.md", "teachers/apps.md", "teachers/plan.md"]


def test_the_teachers_tab_lists_the_packs_page_after_its_landing_page():
    tab = MODEL.nav(packs_page=True)[3]["Teachers and trainers"]
    assert tab[:2] == [{"Teachers and trainers": "teachers/index.md"}, {"Lesson packs": "teachers/packs.md"}]
    assert {"Lesson packs": "teachers/packs.md"} not in MODEL.nav()[3]["Teachers and trainers"]


def test_the_tabs_go_after_the_first_entry_of_the_authors_nav_or_of_every_other_page():
    tabs = [{"Tab": "8-10/index.md"}]
    assert MODEL.site_nav(["about.md", "index.md"], [], tabs) == ["about.md", {"Tab": "8-10/index.md"}, "index.md"]
    pages = ["z.md", "8-10/apps.md", "index.md", "a.md"]
    assert MODEL.site_nav(None, pages, tabs) == ["index.md", {"Tab": "8-10/index.md"}, "a.md", "z.md"]


def test_a_topic_links_to_its_heading_on_the_landing_page():
    lesson = MODEL.by_slug["apps"]
    assert MODEL.topic_link("8-10", lesson) == ("8-10/index.md", "topic-online-bullying",
                                                "All 1 lessons in Online bullying")
    assert MODEL.topic_link("teachers", MODEL.by_slug["plan"])[1] == "topic-other"
