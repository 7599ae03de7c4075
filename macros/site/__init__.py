"""Everything MkDocs sees: the hooks, the dataset cache, the page plan, rendering through the
Jinja templates, charts, page texts, security headers and front-matter checks. The only part of
`macros` that imports MkDocs."""
