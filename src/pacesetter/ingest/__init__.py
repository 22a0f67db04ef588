"""Importing files: people, accounts, deals, activities and forecasts, from CSV or XLSX.

`run_import(session, kind, source, file_name=...)` is the one entry point (the CLI, the upload
page and the API are thin layers over it); `import_file` wraps it in its own transaction.
Kinds are registered in `pacesetter.ingest.kinds`, whose docstring says how to add one.
docs/importing.md is the user's guide.
"""

from pacesetter.ingest.mapping import (
    ColumnMapping,
    MappingError,
    load_mapping,
    load_preset,
    preset_names,
)
from pacesetter.ingest.preview import MappedColumn, MappedRows, preview_rows
from pacesetter.ingest.report import ImportReport, Problem
from pacesetter.ingest.service import Progress, import_file, run_import

__all__ = [
    "ColumnMapping",
    "ImportReport",
    "MappedColumn",
    "MappedRows",
    "MappingError",
    "Problem",
    "Progress",
    "import_file",
    "load_mapping",
    "load_preset",
    "preset_names",
    "preview_rows",
    "run_import",
]
