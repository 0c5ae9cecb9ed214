"""What a page would load from another host by itself, found in its Markdown or its HTML."""

from __future__ import annotations

from thinksafe.core.html.check import markdown_findings, markdown_problems
from thinksafe.core.html.offsite import fetched_by_html, remote


def test_remote_addresses_are_those_of_another_host():
    assert all(remote(a) for a in ["https://x.org/a.png", "http://x.org", "//cdn.x.org/a.js",
                                   "\\\\cdn.x.org\\a.js", " HTTPS://X.ORG/", "ftp://x.org/f"])
    assert not any(remote(a) for a in ["a.png", "../pics/a.png", "/a.png", "data:image/png;base64,AA",
                                       "#top", "mailto:a@x.org", "pics//a.png"])


def _loaded(body: str, first_line: int) -> list[tuple[int, str]]:
    return sorted((f.line + first_line - 1, f.address) for f in markdown_findings(body) if f.kind == "address")


def test_every_way_markdown_can_load_from_another_host_is_found_with_its_line():
    body = "\n".join([
        "Words ![A cat](https://example.org/cat.png) and ![local](cat.png).",   # 7
        "<video",                                                                # 8
        '  src="https://www.youtube.com/embed/x"></video>',                      # 9
        "![ref pic][r] and ![Shortcut]",                                         # 10
        '`<img src="https://code.example/x.png">` is code, not a picture.',      # 11
        "```",
        '<img src="https://fenced.example/x.png">',                              # 13: code
        "```",
        '<img srcset="a.png 1x, //cdn.example.org/b.png 2x" alt="">',            # 15
        "<p style=\"color: red; background: url('https://bg.example/x.png')\">x</p>",  # 16
        '<a href="https://fine.example/">a link is fine</a>',                    # 17
        "[r]: https://ref.example/pic.png",                                      # 18
        "[shortcut]: <https://short.example/p.png>",                             # 19
        "[notpic]: https://link.example/ and [a link](https://link.example/)",   # 20
        '<svg><rect fill="url(https://svg.example/i.png)"/></svg>',              # 21
        '<video src="clip.mp4" poster="https://poster.example/p.jpg"></video>',  # 22
    ])
    assert _loaded(body, 7) == [
        (7, "https://example.org/cat.png"), (8, "https://www.youtube.com/embed/x"),
        (15, "//cdn.example.org/b.png"), (16, "https://bg.example/x.png"),
        (18, "https://ref.example/pic.png"), (19, "https://short.example/p.png"),
        (21, "https://svg.example/i.png"), (22, "https://poster.example/p.jpg")]


def test_html_that_loads_nothing_from_elsewhere_gives_nothing_and_a_refresh_is_refused():
    html = ('<p>See <a href="https://example.org/">a site</a>.</p><img src="cat.png" alt="">'
            '<span style="color:red">x</span>')
    assert fetched_by_html(html) == []
    [problem] = markdown_problems("a.md", '<meta http-equiv="refresh" content="0; url=https://away.example/">', 1)
    assert problem.key == "<meta>" and "a refresh takes the reader to another page" in problem.message


def test_each_problem_names_the_file_line_and_fix():
    [problem] = markdown_problems("content/lessons/a.md", "Hi ![A cat](https://example.org/cat.png)", 7)
    assert str(problem).startswith(
        "content/lessons/a.md:7: (picture or embed): 'https://example.org/cat.png' would be loaded "
        "from another site as the page opens")
    assert "save the file inside the content folder" in str(problem)
