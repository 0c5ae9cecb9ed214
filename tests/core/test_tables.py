"""Tables that stack on a phone: each body cell labelled with its column's heading."""

from thinksafe.core.html.tables import stackable_tables

HELPLINES = ('<table><thead><tr><th scope="col">Helpline</th><th scope="col">Phone</th>'
             '<th scope="col">Who &amp; when</th></tr></thead><tbody>'
             '<tr><th scope="row">Childline</th><td><a href="tel:08001111">0800 1111</a></td>'
             '<td align="left">Under 19s</td></tr></tbody></table>')


def test_each_body_cell_is_labelled_with_its_heading_and_the_row_heading_is_not():
    out = stackable_tables("<p>x</p>" + HELPLINES)
    assert '<table data-ts-stack>' in out
    assert '<td data-label="Phone"><a href="tel:08001111">0800 1111</a></td>' in out
    assert '<td align="left" data-label="Who &amp; when">Under 19s</td>' in out
    assert '<th scope="row">Childline</th>' in out


def test_tables_it_cannot_label_are_left_as_they_are():
    no_head = "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"
    labelled = HELPLINES.replace("<td>", '<td data-label="Phone">', 1)
    two_rows = HELPLINES.replace("</tr></thead>", "</tr><tr><th>x</th></tr></thead>")
    for table in [no_head, labelled, two_rows, "<p>no table</p>"]:
        assert stackable_tables(table) == table


def test_every_table_on_a_page_is_labelled_and_labelling_twice_changes_nothing():
    page = HELPLINES + "<p>between</p>" + HELPLINES.replace("Phone", "Number")
    once = stackable_tables(page)
    assert once.count("data-ts-stack") == 2 and 'data-label="Number"' in once
    assert stackable_tables(once) == once
