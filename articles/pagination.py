"""Pages of releases that never count the archive.

Django's Paginator counts every matching release to number the last page: at
100,000 releases that count costs more than the page itself. A reader moves
through a news archive a page at a time, so each page only needs to know
whether an older one follows; it reads one release more than it shows.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

# Far past any archive's end, and small enough for every database's OFFSET.
LAST_POSSIBLE_PAGE = 1_000_000


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def start_index(self):
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self):
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class UncountedPaginator(Paginator):
    """Numbered pages that know their neighbours but not how many pages there are."""

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        releases = list(self.object_list[start : start + self.per_page + 1])
        if not releases and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        shown = releases[: self.per_page]
        return UncountedPage(shown, number, self, has_next=len(releases) > len(shown))

    def validate_number(self, number):
        """A whole page number, checked without counting: reading the page shows if it exists."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > LAST_POSSIBLE_PAGE:
            raise EmptyPage(self.error_messages["no_results"])
        return number
