import re

from django.core.paginator import Paginator
from django.template import Context, Template

TEMPLATE = Template('{% load pagination_tags %}{% pagination page "tag=housing&" "Pages of news" "#list" %}')


def render(page_number, items=400, per_page=10):
    page = Paginator(range(items), per_page).get_page(page_number)
    return TEMPLATE.render(Context({"page": page}))


def page_links(html):
    return re.findall(r'aria-label="Page (\d+)"', html)


def test_a_long_run_of_pages_collapses_around_the_current_one():
    html = render(20)
    assert page_links(html) == ["1", "19", "20", "21", "40"]
    assert html.count("govuk-pagination__item--ellipsis") == 2
    assert 'href="?tag=housing&page=20#list" aria-label="Page 20" aria-current="page"' in html
    assert 'href="?tag=housing&page=19#list" rel="prev"' in html
    assert 'href="?tag=housing&page=21#list" rel="next"' in html
    assert 'aria-label="Pages of news"' in html


def test_the_first_page_has_no_previous_link_and_the_last_no_next():
    assert 'rel="prev"' not in render(1)
    assert 'rel="next"' not in render(40)


def test_a_single_page_shows_no_page_links():
    assert render(1, items=5).strip() == ""
