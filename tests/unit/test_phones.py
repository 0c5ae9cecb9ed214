"""Every phone number the theme shows is a tel: link."""

from thinksafe.core.phones import tel_links


def test_each_number_becomes_a_link_and_the_words_stay_text():
    assert tel_links("999") == '<a href="tel:999">999</a>'
    assert tel_links("112 or 999") == '<a href="tel:112">112</a> or <a href="tel:999">999</a>'
    assert tel_links("1800 55 1800") == '<a href="tel:1800551800">1800 55 1800</a>'
    assert tel_links("+44 20 7946 0000") == '<a href="tel:+442079460000">+44 20 7946 0000</a>'
    assert tel_links("<b>& 0800 1111") == '&lt;b&gt;&amp; <a href="tel:08001111">0800 1111</a>'
    assert tel_links("no number") == "no number"


def test_known_numbers_in_page_text_become_links_but_not_in_links_code_or_tags():
    from thinksafe.core.phones import link_numbers, numbers_in
    numbers = numbers_in("112 or 999", "0800 1111")
    assert numbers == ["0800 1111", "112", "999"]
    page = ('<p>Call 999 or 0800 1111.</p><p><a href="tel:999">999</a> <code>999</code></p>'
            '<img alt="999" src="x.png"><p>19990, 10,999 and 9999 are not it.</p>')
    out = link_numbers(page, numbers)
    assert out.startswith('<p>Call <a href="tel:999">999</a> or <a href="tel:08001111">0800 1111</a>.</p>')
    assert '<p><a href="tel:999">999</a> <code>999</code></p><img alt="999" src="x.png">' in out
    assert "<p>19990, 10,999 and 9999 are not it.</p>" in out
    assert link_numbers(out, numbers) == out
