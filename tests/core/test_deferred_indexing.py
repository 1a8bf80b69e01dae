"""core.deferred_indexing: a seeding job's saves are indexed once, when it ends."""

import pytest
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend

from core.deferred_indexing import deferred_indexing
from home.models import ArticlePage
from tests.factories import ArticlePageFactory, section

pytestmark = pytest.mark.django_db


def found(word):
    backend = get_search_backend()
    backend.refresh_indexes()
    return {page.pk for page in backend.search(word, ArticlePage)}


def test_pages_saved_in_the_block_are_searchable_and_referenced_when_it_ends(unit_a):
    image = Image.objects.create(title="Ảnh hội nghị", file="original_images/hoi-nghi.png", width=1, height=1)
    with deferred_indexing():
        page = ArticlePageFactory(parent=section(unit_a), title="Hội nghị Vườn Chuối", image=image)
        assert page.pk not in found("Vườn Chuối")  # neither the save nor the publication indexed it
        assert not ReferenceIndex.get_references_to(image).exists()
    assert page.pk in found("Vườn Chuối")
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(page.pk)).exists()

    later = ArticlePageFactory(parent=section(unit_a), title="Hội nghị Bến Thành")
    assert later.pk in found("Bến Thành")  # indexing on save is back


def test_nothing_is_indexed_after_an_error(unit_a):
    with pytest.raises(RuntimeError), deferred_indexing():
        page = ArticlePageFactory(parent=section(unit_a), title="Hội nghị Cầu Ông Lãnh")
        raise RuntimeError
    assert page.pk not in found("Cầu Ông Lãnh")
