"""Which Jinja tags of a site's own templates make every page be read (speed/early_pages.py):
any that may read a page's contents, table of contents or Markdown other than the rendered
page's own, since a page that was not read has none of them."""

from __future__ import annotations

import pytest

from thinksafe.mkdocs.speed.early_pages import _reads_contents

OWN_PAGE_ONLY = [
    "{{ page.content }}", "{{ page.toc | length }}", "{% if page.toc %}", "{% block content %}",
    "{% endblock content %}", "{{ page.meta.content }}", "{{ config.mdx_configs.toc.permalink }}",
    "{{ page.title }}", "{% set title = page.title %}", "{% for f in pages %}", "{% for item in page.children %}",
]
OTHER_PAGES = [
    "{{ f.page.toc | length }}", '{{ f.page["content"] }}', '{{ f.page | attr("markdown") }}',
    "{{ nav.homepage.content }}", "{{ self.content() }}", "{% for page in pages %}", "{% set page = f.page %}",
    "{% set a, page = 1, f %}", "{% with page = f.page %}", "{% macro show(page) %}", "{% macro show(x, page) %}",
]


@pytest.mark.parametrize("tag", OWN_PAGE_ONLY)
def test_the_rendered_pages_own_contents_keep_pages_unread(tag):
    assert not _reads_contents(tag)


@pytest.mark.parametrize("tag", OTHER_PAGES)
def test_any_other_way_to_contents_reads_every_page(tag):
    assert _reads_contents(tag)
