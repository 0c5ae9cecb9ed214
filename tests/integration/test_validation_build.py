"""A broken lesson or setting fails `mkdocs build`, strict or not, and every mistake is named."""

from __future__ import annotations

import os

import pytest

from support import lesson

BROKEN = {
    "unreadable YAML": ("lessons/a.md", "---\ntitle: T\nsummary: [oops\naudiences: [8-10]\n---\n",
                        "content/lessons/a.md:4: (front matter): the YAML cannot be read ("),
    "no front matter": ("lessons/a.md", "Just words.\n",
                        "content/lessons/a.md:1: (front matter): the file does not start"),
    "not UTF-8": ("lessons/a.md", lesson(body="caf\u00e9").encode("cp1252"),
                  "content/lessons/a.md:7: (file): is not UTF-8"),
    "unknown key": ("lessons/a.md", lesson(audiance=["8-10"]),
                    "content/lessons/a.md:6: audiance: is not a lesson setting"),
    "unknown audience": ("lessons/a.md", lesson(audiences=["8-1O"]),
                         "content/lessons/a.md:4: audiences[0]: unknown audience text '8-1O'"),
    "unknown topic": ("lessons/a.md", lesson(topics=["bullying"]),
                      "content/lessons/a.md:6: topics[0]: unknown topic text 'bullying'"),
    "wrong type": ("lessons/a.md", lesson(order="first"),
                   "content/lessons/a.md:6: order: got text 'first'"),
    "empty list": ("lessons/a.md", lesson(audiences=[]),
                   "content/lessons/a.md:4: audiences: is an empty list"),
    "over-long string": ("lessons/a.md", lesson(title="t" * 200),
                         "content/lessons/a.md:2: title: is 200 characters long"),
    "missing resource": ("lessons/a/index.md", lesson(resources=["sheet.pdf"]),
                         "content/lessons/a/index.md:6: resources[0]: 'sheet.pdf' does not exist"),
    "resource with ..": ("lessons/a/index.md", lesson(resources=["../b.md"]),
                         "content/lessons/a/index.md:6: resources[0]: '../b.md' leads outside"),
    "unreadable link address": ("lessons/a.md", lesson(body="Words.\n\nSee [the site](http://[oops)."),
                                "content/lessons/a.md:9: (link): 'http://[oops' is not an address"),
    "unreadable reference address": ("lessons/a.md", lesson(body="See [the site][s].\n\n[s]: https://[::1"),
                                     "content/lessons/a.md:9: (link): 'https://[::1' is not an address"),
    "unreadable address in a page": ("about.md", "# About\n\nSee [us](http://exa]mple.org/).\n",
                                     "content/about.md:3: (link): 'http://exa]mple.org/' is not an address"),
    "Markdown not ending in .md": ("lessons/a.markdown", lesson(),
                                   "content/lessons/a.markdown: (file name): is Markdown, "
                                   "but only files ending in '.md'"),
    "capital .MD": ("lessons/a.MD", lesson(), "content/lessons/a.MD: (file name): is Markdown"),
    "hidden lesson file": ("lessons/.a.md", lesson(),
                           "content/lessons/.a.md: (file name): starts with '.', so the file is hidden"),
    "picture from another site": ("lessons/a.md", lesson(body="Hi.\n\n![A cat](https://example.org/cat.png)"),
                                  "content/lessons/a.md:9: (picture or embed): 'https://example.org/cat.png' "
                                  "would be loaded from another site"),
    "embed from another site in a page": ("about.md", '# About\n\n<iframe src="https://www.youtube.com/embed/x"'
                                          ' title="A film"></iframe>\n',
                                          "content/about.md:3: <iframe>: <iframe> would show another page "
                                          "inside this one"),
    "absolute resource": ("lessons/a/index.md", lesson(resources=["/etc/hostname"]),
                          "content/lessons/a/index.md:6: resources[0]: '/etc/hostname' is an absolute"),
}


@pytest.mark.parametrize("strict", [False, True], ids=["plain", "strict"])
@pytest.mark.parametrize("kind", list(BROKEN))
def test_each_kind_of_broken_lesson_fails_the_build(site, kind, strict):
    path, text, expected = BROKEN[kind]
    site.write("lessons/b.md", lesson())
    site.write(path, text)
    build = site.build(*(["--strict"] if strict else []))
    assert build.returncode != 0
    assert expected in build.output, build.output
    assert "Traceback" not in build.output
    assert not (site.root / "site" / "index.html").exists()


def test_did_you_mean_is_offered(site):
    site.write("lessons/a.md", lesson(audiences=["parent"]))
    build = site.build()
    assert "did you mean 'parents'?" in build.output


def test_several_broken_lessons_are_all_named_in_one_run(site):
    site.write("lessons/one.md", lesson(audiences=["kids"]))
    site.write("lessons/two/index.md", "no front matter")
    site.write("lessons/three.md", lesson(summary=""))
    site.write("lessons/fine.md", lesson())
    build = site.build()
    assert build.returncode == 1
    for name in ["lessons/one.md", "lessons/two/index.md", "lessons/three.md"]:
        assert f"content/{name}" in build.output
    assert "found 3 problems in 3 files" in build.output


def test_duplicate_slug_fails(site):
    site.write("lessons/a/same.md", lesson())
    site.write("lessons/b/same.md", lesson())
    build = site.build()
    assert build.returncode != 0 and "'same' is already used by content/lessons/a/same.md" in build.output


def test_resource_symlink_pointing_out_fails_and_nothing_is_published(site):
    secret = site.root / "secret.txt"
    secret.write_text("not for the web")
    site.write("lessons/a/index.md", lesson(resources=["sheet.txt"]))
    os.symlink(secret, site.content / "lessons/a/sheet.txt")
    build = site.build()
    assert build.returncode != 0
    assert "resources[0]: 'sheet.txt' is a link that leads outside" in build.output
    assert "content/lessons/a/sheet.txt: (file): is a link to a file outside" in build.output
    assert not (site.root / "site").exists()


def test_page_at_a_generated_address_fails(site):
    site.write("lessons/a.md", lesson())
    site.write("8-10/a.md", "# Mine\n")
    build = site.build()
    assert build.returncode != 0 and "content/8-10/a.md: (file name)" in build.output


@pytest.mark.parametrize("audiences, expected", [
    ([{"id": "Ages 8", "title": "x", "description": "y"}],
     "mkdocs.yml: plugins.thinksafe.audiences[0].id: 'Ages 8' cannot be used as an id"),
    (["8-10", "8-10"], "mkdocs.yml: plugins.thinksafe.audiences[1].id: '8-10' is listed twice"),
    ([{"id": "4-7"}], "mkdocs.yml: plugins.thinksafe.audiences[0].title: got nothing"),
])
def test_configuration_mistakes_fail_the_build(site, audiences, expected):
    site.plugin_options(audiences=audiences)
    build = site.build()
    assert build.returncode != 0 and expected in build.output, build.output


def test_owner_audiences_and_topics_come_from_mkdocs_yml_alone(site):
    site.plugin_options(
        audiences=[{"id": "4-7", "title": "Ages 4–7", "description": "Little ones.", "children": True},
                   {"id": "8-10", "title": "Kids"}],
        topics=[{"id": "games", "title": "Games"}])
    site.write("lessons/a.md", lesson(audiences=["4-7", "8-10"], topics=["games"]))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert (site.root / "site/4-7/a/index.html").is_file()
    assert "Little ones." in (site.root / "site/4-7/index.html").read_text()
    assert ">Kids<" in (site.root / "site/8-10/a/index.html").read_text()
    assert not (site.root / "site/parents").exists()


def test_link_to_a_draft_warns_and_strict_fails(site):
    site.write("lessons/a.md", lesson(body="See [the next one](b.md)."))
    site.write("lessons/b.md", lesson(draft=True))
    assert "content/lessons/a.md:7: (link): 'b.md' leads to content/lessons/b.md, a draft" in site.build().output
    assert site.build("--strict").returncode != 0


def test_a_negative_topic_nav_limit_is_named_with_the_fix(site):
    site.plugin_options(topic_nav_limit=-3)
    build = site.build()
    assert build.returncode != 0
    assert "mkdocs.yml" in build.output and "plugins.thinksafe.topic_nav_limit" in build.output
    assert "got -3" in build.output and "0 or more" in build.output


def test_a_file_at_a_packs_address_fails(site):
    site.write("lessons/plan.md", lesson("Plan", audiences=["teachers"]))
    site.write("packs/plan.zip", b"not the pack")
    build = site.build()
    assert build.returncode != 0
    assert "content/packs/plan.zip" in build.output and "same address as the pack" in build.output


def test_a_link_that_leads_nowhere_names_the_lesson_file_and_strict_fails(site):
    site.write("lessons/kids/a.md", lesson(audiences=["8-10", "parents"],
                                           body="Read [the next one](b.md) and [a typo](bb.md)."))
    site.write("lessons/kids/b.md", lesson("B", body="Back to [the first](a.md), [help](../../help/)."))
    build = site.build()
    assert build.returncode == 0, build.output
    assert ("content/lessons/kids/a.md:9: (link): 'bb.md' leads to content/lessons/kids/bb.md, which "
            "does not exist; expected a link to a lesson, a page or a file inside the content folder; "
            "did you mean 'b.md'?") in build.output
    # MkDocs's own message is about a copy of the lesson: it names the lesson's file as well.
    assert "Doc file '8-10/a.md' (the copy of content/lessons/kids/a.md) contains a link" in build.output
    assert build.output.count("WARNING") == 2, build.output  # the working links warn of nothing
    assert site.build("--strict").returncode != 0


def test_a_page_s_link_to_the_packs_with_packs_off_names_the_page_line_and_setting(site):
    site.plugin_options(packs=False)
    site.write("lessons/plan.md", lesson("Plan", audiences=["teachers"]))
    site.write("teachers/index.md", "# Teachers\n\nEach plan has a [lesson pack](packs.md).\n\n"
               "Or [the plan's pack](../packs/plan.zip), [a typo](../lesons/plan.md).\n")
    build = site.build()
    assert build.returncode == 0, build.output
    for line, url in ((3, "packs.md"), (5, "../packs/plan.zip")):
        assert (f"content/teachers/index.md:{line}: (link): '{url}' leads to the lesson packs, which this site "
                "does not make (they need `packs: true` and a teachers' audience); expected a link to a lesson, "
                "a page or a file inside the content folder; remove the link, or set `packs: true` under the "
                "thinksafe plugin in mkdocs.yml") in build.output
    # A page's broken link is named with its line and a hint, as a lesson's is.
    assert ("content/teachers/index.md:5: (link): '../lesons/plan.md' leads to content/lesons/plan.md, which "
            "does not exist") in build.output
    assert site.build("--strict").returncode != 0
    site.plugin_options(packs=True)  # with packs on, the same links lead somewhere: only the typo warns
    build = site.build()
    assert build.returncode == 0, build.output
    assert "leads to the lesson packs" not in build.output
    assert build.output.count("(link):") == 1, build.output


def test_an_extension_that_puts_pictures_from_another_site_in_pages_stops_the_build(site):
    site.config["markdown_extensions"] = ["pymdownx.emoji"]  # its default: emoji from a CDN
    site.write("index.md", "# Home\n\nHello :smile:\n")
    site.write("lessons/a.md", lesson(body="Hello :smile: friends."))
    site.write("lessons/b.md", lesson("B", body="No emoji here."))
    build = site.build()
    assert build.returncode != 0
    assert "ThinkSafe found 2 problems in 2 files" in build.output, build.output
    for path in ("content/index.md", "content/lessons/a.md"):
        assert f"{path}: (picture or embed): 'https://cdn" in build.output
    assert "a Markdown extension or its settings in mkdocs.yml put it there" in build.output
    assert not list((site.root / "site").rglob("*.html"))  # no page was written
