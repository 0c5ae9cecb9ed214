"""ThinkSafe's copies of Material's templates are Material's, and write what Material's do."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from mkdocs.structure.toc import get_toc
from mkdocs.theme import Theme

import thinksafe
from thinksafe.mkdocs.speed.fragments import Once

THEME = Path(thinksafe.__file__).resolve().parent / "theme"
MATERIAL = Path(Theme(name="material").dirs[0])


def body(path: Path) -> str:
    """A template without its opening comment."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("-#}") + 3:]


def test_the_contents_template_is_materials_own():
    assert body(THEME / "partials" / "thinksafe-material-toc.html") == body(MATERIAL / "partials" / "toc.html")


def test_the_footer_template_is_materials_own():
    assert body(THEME / "partials" / "thinksafe-material-footer.html") == body(MATERIAL / "partials" / "footer.html")


def render_toc(page, once: Once | None) -> str:
    env = Theme(name="material", custom_dir=str(THEME)).get_env()
    if once is not None:
        env.globals["thinksafe_once"] = once
    lang = SimpleNamespace(t=lambda key: {"toc": "Table of contents"}.get(key, key))
    context = {"page": page, "lang": lang, "config": SimpleNamespace(mdx_configs={})}
    return env.get_template("partials/toc.html").render(context)


def test_contents_are_written_once_for_each_contents_and_as_material_writes_them():
    toc = get_toc([{"level": 2, "id": "start", "name": "Start", "html": "Start", "data-toc-label": "",
                    "children": [{"level": 3, "id": "more", "name": "More", "html": "More",
                                  "data-toc-label": "", "children": []}]}])
    page = SimpleNamespace(toc=toc)
    env = Theme(name="material").get_env()
    materials = env.get_template("partials/toc.html").render(
        page=page, lang=SimpleNamespace(t=lambda key: "Table of contents"), config=SimpleNamespace(mdx_configs={}))
    assert 'href="#more"' in materials
    once = Once()
    assert render_toc(page, once) == render_toc(page, None) == materials
    assert len(once.kept) == 1
    key, (value, _) = next(iter(once.kept.items()))
    once.kept[key] = (value, "kept")
    assert render_toc(page, once).strip() == "kept"  # taken, not written again
    page.toc = get_toc([])  # another page's contents: written for it
    assert 'href="#more"' not in render_toc(page, once)
    assert len(once.kept) == 2
