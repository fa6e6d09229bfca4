"""The Tweede Kamer's register of commitments (OData v4 entity `Toezegging`), both ways.

In: `reader` (pages over HTTP or from files, following `@odata.nextLink`), `records` (one record
read and checked), `sync` (runs, pages and the sync point), `landing` (a page's records taken
over), `quarantine` (the records that could not be), `lookups` (ministries, officials and
debates), `ministries` and `ministry_names` (ministry names and aliases), `related` (members,
parties, letters, committees and links between commitments). Out: `export` (our commitments as
`Toezegging` records, for the OData service in commitments/api/odata/).
"""
