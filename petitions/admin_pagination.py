"""A paginator for admin lists of tables too large to count on every page."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class EstimatedCountPaginator(Paginator):
    """Paginate with PostgreSQL's row estimate when the whole table is listed.

    ``COUNT(*)`` on PostgreSQL reads every row of the table, so each page
    of the list would take longer as the table grows. For an unfiltered
    list on PostgreSQL the count comes from ``pg_class.reltuples``, which
    VACUUM, ANALYZE and autovacuum keep up to date. A filtered or searched
    list, a table whose estimate is below ``exact_count_below`` and any
    other database get the exact count.

    NOTE: the estimate can be off by the rows written since the last
    ANALYZE, so the page count is approximate and the last pages may be
    empty or missing.
    """

    # Tables estimated below this size get the exact count, which stays cheap there.
    exact_count_below = 100_000

    @cached_property
    def count(self):
        estimate = self.estimated_count()
        if estimate is None or estimate < self.exact_count_below:
            return super().count
        return estimate

    def estimated_count(self):
        """Return the planner's row estimate for an unfiltered list, or None.

        None means the list is filtered, the database is not PostgreSQL, or
        the table has never been analysed.
        """
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.distinct or query.combinator:
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                [connection.ops.quote_name(queryset.model._meta.db_table)],
            )
            row = cursor.fetchone()
        # PostgreSQL 14 and later report -1 for a table never vacuumed or analysed.
        if row is None or row[0] < 0:
            return None
        return row[0]
