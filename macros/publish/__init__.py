"""Open data written next to the pages: tables (CSV, JSON), the Atom feed and the DCAT-AP-SE
catalogue."""
