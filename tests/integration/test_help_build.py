"""The help page, the header buttons on every page, the worried box and outbound links, as built."""

from __future__ import annotations

import pytest

from helpers import resolve, soup
from support import lesson
from thinksafe.core.help.settings import SITUATIONS, parse_help


def page_url(site_root, page_path) -> str:
    """The folder a page's relative links start from: '8-10/x/index.html' -> '8-10/x/'."""
    return page_path.relative_to(site_root).parent.as_posix() + "/" if page_path.parent != site_root else ""


# For each preset: where "What's happening?" sends a child who is being groomed, a child
# being blackmailed with a picture (sextortion), and a child being bullied; the boxes' services.
ROUTES = {
    "uk": {"asked-for-pictures": ["CEOP Safety Centre", "Childline"],
           "threatened-with-a-picture": ["CEOP Safety Centre", "Report Remove (Childline and the IWF)", "Childline"],
           "bullying": ["Childline"], "child box": ("Childline", "0800 1111"),
           "adult box": ("NSPCC Helpline", "0808 800 5000")},
    "au": {"asked-for-pictures": ["Australian Centre to Counter Child Exploitation (ACCCE)", "Kids Helpline"],
           "threatened-with-a-picture": ["Australian Centre to Counter Child Exploitation (ACCCE)", "Kids Helpline"],
           "bullying": ["eSafety Commissioner", "Kids Helpline"], "child box": ("Kids Helpline", "1800 55 1800"),
           "adult box": ("Australian Centre to Counter Child Exploitation (ACCCE)", None)},
    "us": {"asked-for-pictures": ["NCMEC CyberTipline", "Childhelp National Child Abuse Hotline"],
           "threatened-with-a-picture": ["NCMEC CyberTipline", "Take It Down (NCMEC)",
                                         "Childhelp National Child Abuse Hotline"],
           "bullying": ["Childhelp National Child Abuse Hotline"],
           "child box": ("Childhelp National Child Abuse Hotline", "1-800-422-4453"),
           "adult box": ("Childhelp National Child Abuse Hotline", "1-800-422-4453")},
    "ie": {"asked-for-pictures": ["An Garda Síochána (the police)", "ISPCC Childline"],
           "threatened-with-a-picture": ["An Garda Síochána (the police)", "ISPCC Childline"],
           "bullying": ["ISPCC Childline"], "child box": ("ISPCC Childline", "1800 66 66 66"),
           "adult box": ("An Garda Síochána (the police)", None)},
}
EMERGENCY = {"uk": "999", "au": "000", "us": "911", "ie": "112 or 999"}


def services_in(part) -> list[str]:
    return [s.select_one(".ts-service__name").get_text(strip=True) for s in part.select(".ts-service")]


def situation(page, anchor: str):
    """The part a "What's happening?" link leads to: its heading and what follows it."""
    heading = page.select_one(f"#{anchor}")
    return heading.find_next_sibling("div")


@pytest.mark.parametrize("preset", list(ROUTES))
def test_each_country_routes_each_situation_to_its_own_services(site, preset):
    site.write("lessons/kids.md", lesson(audiences=["8-10"]))
    site.write("lessons/grownups.md", lesson(audiences=["parents"]))
    site.plugin_options(help={"preset": preset})
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    help, _ = parse_help({"preset": preset})
    routes = ROUTES[preset]
    page = soup(build.html("help/index.html"))
    article = page.select_one("article")
    assert EMERGENCY[preset] in article.select_one(".ts-emergency").get_text()
    assert page.select_one("[data-report-button]")["href"] == help.report.url
    links = [a["href"] for a in article.select(".ts-situations a")]
    assert links == [f"#{s}" for s in SITUATIONS]  # every situation, in order, then adults
    for anchor in SITUATIONS:
        assert situation(page, anchor) is not None, anchor
    for anchor in ("asked-for-pictures", "threatened-with-a-picture", "bullying"):
        assert services_in(situation(page, anchor)) == routes[anchor], anchor
    assert services_in(situation(page, "for-adults")) == [s.name for s in help.situation("for-adults")]
    in_danger = situation(page, "in-danger")
    assert in_danger.select_one('a[href^="tel:"]').get_text() == EMERGENCY[preset].split(" or ")[0]
    # The boxes: a children's service on children's pages, an adults' service on adults' pages.
    child_box = soup(build.html("8-10/kids/index.html")).select_one("aside.ts-worried").get_text(" ")
    adult_box = soup(build.html("parents/grownups/index.html")).select_one("aside.ts-worried").get_text(" ")
    for box, (name, phone) in ((child_box, routes["child box"]), (adult_box, routes["adult box"])):
        assert name in box and (phone is None or phone in box), box
    children_only = [s for s in help.services.values() if s.groups == ("children",)]
    adults_only = [s for s in help.services.values() if s.groups == ("adults",)]
    for page_path in ("8-10/index.html", "8-10/kids/index.html"):
        text = soup(build.html(page_path)).get_text(" ")
        for service in adults_only:  # no children's page names an adults' line
            assert service.name not in text and (not service.phone or service.phone not in text), \
                (page_path, service.name)
    for service in children_only:  # and no adults' box names a children's line
        assert service.name not in adult_box and (not service.phone or service.phone not in adult_box)


def test_help_page_says_what_happens_after_reporting_and_about_history(site):
    build = site.build()
    page = soup(build.html("help/index.html"))
    ceop = page.select_one('[data-service="ceop"]').get_text(" ")
    assert "Someone from CEOP Safety Centre will get in touch with you to help." in ceop
    assert "bullying" in ceop  # what it is not for
    text = page.select_one("article").get_text(" ")
    assert "do not pay" in text.lower()
    assert "does not delete this site from your browser's history" in text
    assert "private or incognito window" in text


def test_help_page_works_with_javascript_off(site):
    """Every situation is a link to a part that is in the HTML, with no script needed."""
    build = site.build("--strict")
    page = soup(build.html("help/index.html"))
    article = page.select_one("article")
    assert not article.select("script, [hidden], details:not([open])")
    for link in article.select(".ts-situations a"):
        assert page.select_one(link["href"]) is not None


def test_owner_overrides_reach_the_page_and_the_buttons(site):
    site.write("help.md", "Our school's safeguarding lead is Ms Patel.\n")
    site.plugin_options(help={"preset": "uk", "exit_url": "https://www.google.co.uk/",
                              "services": {"childline": {"hours": "Every day, all day."},
                                           "school": {"kind": "helpline", "for": ["children"],
                                                      "name": "School nurse", "who": "pupils",
                                                      "url": "https://school.example/nurse"}},
                              "situations": {"bullying": ["school", "childline"]}})
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("help/index.html"))
    assert "Ms Patel" in page.select_one("article").get_text()
    assert "Every day, all day." in page.get_text()
    assert services_in(situation(page, "bullying")) == ["School nurse", "Childline"]
    assert page.select_one("[data-quick-exit]")["href"] == "https://www.google.co.uk/"


@pytest.mark.parametrize("help, words", [
    ({"preset": "fr"}, "plugins.thinksafe.help.preset: unknown preset text 'fr'"),
    ({"exit_url": "http://bbc.co.uk/"}, "plugins.thinksafe.help.exit_url: got text 'http://bbc.co.uk/'; "
                                        "expected a full web address starting with https://"),
    ({"situations": {"bulying": ["childline"]}}, "plugins.thinksafe.help.situations.bulying: unknown setting"),
    ({"roles": {"children_helpline": "nspcc"}},
     "plugins.thinksafe.help.roles.children_helpline: 'nspcc' is not a service for children"),
    ({"emergency": ""}, "plugins.thinksafe.help.emergency"),
])
def test_bad_help_configuration_fails_the_build(site, help, words):
    site.plugin_options(help=help)
    build = site.build()
    assert build.returncode != 0 and "mkdocs.yml: " + words in build.output, build.output


def test_every_page_has_both_buttons_in_the_header(bundled_site):
    pages = sorted(bundled_site.site.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages) and len(pages) > 30
    worksheets = [p for p in pages if "lessons" in p.relative_to(bundled_site.site).parts]
    assert len(worksheets) >= 4
    for path in pages:
        page = soup(path.read_text(encoding="utf-8"))
        if path in worksheets:  # published as the author wrote them, with the links on top
            bar = page.body.find("nav", recursive=False)  # a landmark, like the page after it (<main>)
            assert bar and bar.get("class") == ["ts-help-bar"], path
            button = bar.select_one("[data-help-button]")["href"]
            assert "/" + resolve(page_url(bundled_site.site, path), button) == "/help/"
            assert bar.select_one("[data-quick-exit]")["href"] == "https://www.bbc.co.uk/weather"
            continue
        header = page.select_one("header.md-header")
        help_link = header.select_one("a[data-help-button]")
        exit_link = header.select_one("a[data-quick-exit]")
        assert help_link and exit_link, path
        assert exit_link["href"] == "https://www.bbc.co.uk/weather"
        href = help_link["href"]  # the 404 page, served at any depth, links from the root
        target = href if href.startswith("/") else "/" + resolve(page_url(bundled_site.site, path), href)
        assert target == "/help/", (path, href)
        skip = page.select_one(".ts-skip-links a")
        assert skip.has_attr("data-quick-exit-skip"), path  # quick exit is the first skip link


def test_worried_box_on_every_audience_page(bundled_site):
    for url, child in [("8-10/", True), ("11-13/group-chats-and-gaming/", True),
                       ("parents/", False), ("teachers/plan-keeping-details-private/", False)]:
        box = soup((bundled_site.site / url / "index.html").read_text()).select_one("aside.ts-worried")
        text = box.get_text(" ")
        if child:
            assert "Worried about something?" in text and "Childline" in text and "0800 1111" in text
        else:
            assert "Worried about a child?" in text and "999" in text and "NSPCC" in text
        assert resolve(url, box.select_one(".ts-worried__link")["href"]) == "help/"
    home = soup((bundled_site.site / "index.html").read_text())
    assert home.select_one("aside.ts-worried") is None


def test_links_leaving_the_site_are_marked_on_childrens_pages(site):
    body = "Call [Childline](https://www.childline.org.uk/) or read [more](other.md)."
    site.write("lessons/a.md", lesson(audiences=["8-10", "parents"], body=body))
    site.write("lessons/other.md", lesson(audiences=["8-10", "parents"]))
    build = site.build("--strict")
    child = soup(build.html("8-10/a/index.html"))
    link = [a for a in child.select("article a") if "childline" in a["href"]][0]
    assert link["rel"] == ["noopener", "noreferrer"]
    assert link.select_one(".ts-visually-hidden").get_text() == " (goes to another website)"
    assert link.select_one(".ts-external__icon")["aria-hidden"] == "true"
    inside = [a for a in child.select("article a") if "other" in a["href"]][0]
    assert not inside.select(".ts-visually-hidden")
    adult = soup(build.html("parents/a/index.html"))
    leaving = [a for a in adult.select("article a") if "childline" in a["href"]][0]
    assert leaving["rel"] == ["noopener", "noreferrer"]  # on every page: no referrer sent
    assert not leaving.select(".ts-external__icon, .ts-visually-hidden")


def test_placeholders_follow_the_country_in_pages_and_packs(site):
    """The same content, built for Australia: its number and services in the lesson's page,
    its pack's lesson.html and lesson.pdf, and another page; code left as written."""
    import io
    import zipfile

    from pypdf import PdfReader

    body = ("If you are in danger, call {{ emergency }}. Talk to {{ children_helpline }} on "
            "{{ children_helpline.phone }}.\n\nWrite it as `{{ emergency }}` in your own lessons.\n")
    site.write("lessons/plan.md", lesson(audiences=["teachers", "8-10"], body=body))
    site.write("index.md", "# Home\n\nIn danger? Call {{ emergency }}.\n")
    site.plugin_options(help={"preset": "au"})
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("8-10/plan/index.html")).select_one("article")
    assert page.select_one('a[href="tel:000"]').get_text() == "000"
    assert page.select_one('a[href="tel:1800551800"]').get_text() == "1800 55 1800"
    assert "Kids Helpline" in page.get_text() and page.select_one("code").get_text() == "{{ emergency }}"
    home = soup(build.html("index.html")).select_one("article")
    assert home.select_one('a[href="tel:000"]') is not None and "{{" not in home.get_text()
    with zipfile.ZipFile(build.site / "packs" / "plan.zip") as pack:
        html = pack.read("lesson.html").decode("utf-8")
        pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.read("lesson.pdf"))).pages)
    assert 'href="tel:000"' in html and "Kids Helpline" in html and "0800 1111" not in html
    assert "Kids Helpline" in pdf and "1800 55 1800" in pdf and "{{ children_helpline" not in pdf


def test_a_placeholder_mistake_fails_the_build_with_file_line_and_fix(site):
    site.write("lessons/a.md", lesson(body="Line one.\n\nCall {{ emergancy }}.\n"))
    site.write("about.md", "Text {{ children_helpline.text }}.\n")
    build = site.build()
    assert build.returncode != 0
    assert "content/lessons/a.md:9: {{ emergancy }}: unknown help placeholder" in build.output, build.output
    assert "did you mean 'emergency'?" in build.output
    assert "content/about.md:1: {{ children_helpline.text }}" in build.output
    assert "plugins.thinksafe.help.services.childline.text" in build.output
