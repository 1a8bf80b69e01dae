"""Pagination of listings whose count and page ids are cached: Django's
Paginator over a window that knows the total and holds only the current page."""

from django.core.paginator import Paginator


class Window:
    """The one page of a listing the paginator will ask for, with the total count."""

    def __init__(self, count, items):
        self._count, self._items = count, items

    def count(self):
        return self._count

    def __getitem__(self, _slice):
        return self._items


class LazyList:
    """A list built on first use: a page whose rendered listing is in a fragment
    cache never reads its objects."""

    def __init__(self, build):
        self._build, self._items = build, None

    def _list(self):
        if self._items is None:
            self._items = list(self._build())
        return self._items

    def __iter__(self):
        return iter(self._list())

    def __len__(self):
        return len(self._list())

    def __getitem__(self, index):
        return self._list()[index]

    def __bool__(self):
        return bool(self._list())


def page_number(value):
    """The requested page number (``?trang=``), 1 when missing or not a number."""
    try:
        return max(1, int(value or "1"))
    except (TypeError, ValueError):
        return 1


def last_page(total, size):
    return max(1, -(-total // size))


def window_page(items, total, number, size):
    """A paginator page showing ``items`` as page ``number`` of ``total`` objects."""
    return Paginator(Window(total, items), size).get_page(number)


def in_order(queryset, ids):
    """The objects of ``ids`` read in one query, in the order of ``ids``."""
    by_id = queryset.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
