"""Bringing commitments in from elsewhere.

- `odata`: reading OData JSON pages from a file or a URL, following `@odata.nextLink`.
- `toezegging`: the Tweede Kamer's `Toezegging` record and ours, both ways (import and export).
- `ministries`: recognising a ministry in the free text of a source.
- `tk`: the import of the Tweede Kamer's register, page by page, with its sync point.
"""
