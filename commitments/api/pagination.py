from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

# The largest primary key there can be: a signed 64-bit integer on PostgreSQL and SQLite.
LARGEST_KEY = 2**63 - 1


class StableCursorPagination(CursorPagination):
    """Cursor pagination over the primary key, newest first: a unique, indexed order, so page
    10,000 costs what page 1 costs and nothing shifts when rows are added meanwhile."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def decode_cursor(self, request):
        """The cursor, or None on the first page; raises NotFound (404) for one that holds no
        primary key a database can compare. DRF hands the position to the query as it came, so
        an edited cursor ("p=abc", "p=99999999999999999999999") would otherwise reach the
        database and fail there."""
        cursor = super().decode_cursor(request)
        position = cursor.position if cursor else None
        if position is not None and not (
            position.isascii() and position.isdigit() and int(position) <= LARGEST_KEY
        ):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # Only ASCII digits: "²" is a digit to str.isdigit() but not to int().
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    "page_size": [
                        _("A whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)
