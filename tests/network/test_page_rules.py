"""Where each page type may live, and that each renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from network.models import DropInPage, GroupIndexPage, GroupPage, NewsIndexPage, NewsPage, StandardPage
from tests.factories.network import public_site


class TestPageTree(WagtailPageTestCase):
    def test_top_level_sections_sit_under_the_home_page(self):
        for page_type in (DropInPage, GroupIndexPage, NewsIndexPage, StandardPage):
            self.assertCanCreateAt(HomePage, page_type)
            self.assertCanNotCreateAt(Page, page_type)

    def test_parents(self):
        self.assertAllowedParentPageTypes(DropInPage, {HomePage})
        self.assertAllowedParentPageTypes(GroupIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(GroupPage, {GroupIndexPage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_children(self):
        self.assertAllowedSubpageTypes(DropInPage, set())
        self.assertAllowedSubpageTypes(GroupIndexPage, {GroupPage})
        self.assertAllowedSubpageTypes(GroupPage, set())
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanNotCreateAt(HomePage, GroupPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_only_one_group_index_and_one_news_index(self):
        site = public_site(HomePage.objects.get())
        home = HomePage.objects.get()
        assert not GroupIndexPage.can_create_at(home)
        assert not NewsIndexPage.can_create_at(home)
        assert site.group_index.pk

    def test_every_page_type_renders(self):
        site = public_site(HomePage.objects.get(), groups=1, news=1)
        for page in (
            site.drop_in,
            site.group_index,
            site.groups[0],
            site.news_index,
            site.news[0],
            site.about,
        ):
            self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(site.group_index, query_data={"day": "9", "format": "zoom"})
        self.assertPageIsRenderable(site.news_index, query_data={"page": "-3", "tag": "nothing"})
