"""Our commitments as an OData v4 service in the Tweede Kamer's shape, at /api/odata/.

Tools written for the Chamber's open-data API (gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/)
read ours as they read theirs: the entity `Toezegging` with the Chamber's property names and
types (`metadata.py`), records as `commitments.tk.export.to_record` writes them, the query options
clients send (`options.py`, `filters.py`), server paging of 250 by `@odata.nextLink`, and OData's
error format (`errors.py`). The views are in `views.py`, the routes in commitments/api/urls.py.
"""
