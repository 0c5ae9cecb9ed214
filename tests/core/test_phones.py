"""Every phone number the theme shows is a tel: link."""

from thinksafe.core.html.phones import tel_links


def test_each_number_becomes_a_link_and_the_words_stay_text():
    assert tel_links("999") == '<a href="tel:999">999</a>'
    assert tel_links("112 or 999") == '<a href="tel:112">112</a> or <a href="tel:999">999</a>'
    assert tel_links("1800 55 1800") == '<a href="tel:1800551800">1800 55 1800</a>'
    assert tel_links("+44 20 7946 0000") == '<a href="tel:+442079460000">+44 20 7946 0000</a>'
    assert tel_links("<b>& 0800 1111") == '&lt;b&gt;&amp; <a href="tel:08001111">0800 1111</a>'
    assert tel_links("1-800-422-4453") == '<a href="tel:18004224453">1-800-422-4453</a>'
    assert tel_links("no number") == "no number"

