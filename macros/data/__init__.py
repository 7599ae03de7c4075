"""From files to the model: the folder layout, the YAML loader with line marks, the schema, the
validation that collects every problem, and the privacy and plain-language checks of texts.

Imports only the pure core (`macros.model`, `macros.progress`, `macros.format`), never `site/`."""
