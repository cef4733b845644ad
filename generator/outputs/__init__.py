"""Outputs: what a build publishes, each from the model and the renderer.

`pages` holds the knowledge base's own pages; `library`, `figures`, `routine_pages`,
`followalong`, `builder`, `program_pages` and `calculator` each feature's pages and assets;
`api` and `schema` the open data; `images` the web-sized pictures; `offline` the web app
manifest and service worker; `html_allowlist` the check every rendered page must pass; `pdf`
turns print-ready HTML into PDF files (the only WeasyPrint importer) and `calendar` programs
into iCalendar files (the only icalendar importer). None of them knows which site engine
publishes the result.
"""
