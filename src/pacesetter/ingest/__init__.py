"""Importing files: people, accounts, deals, activities and forecasts, from CSV or XLSX.

`run_import(session, kind, source, file_name=...)` is the one entry point (the CLI, the upload
page and the API are thin layers over it); `import_file` wraps it in its own transaction.
Kinds are registered in `pacesetter.ingest.kinds`, whose docstring says how to add one.
docs/importing.md is the user's guide.

The names below are imported from their modules when first used, so importing one module of
the package (e.g. `ingest.cells`, which the CSV writer uses) does not load the whole import path.
"""

from importlib import import_module

# name -> the module of the package that defines it
_MODULES = {
    "ColumnMapping": "mapping",
    "ImportReport": "report",
    "MappedColumn": "preview",
    "MappedRows": "preview",
    "MappingError": "mapping",
    "Problem": "report",
    "Progress": "service",
    "import_file": "service",
    "load_mapping": "mapping",
    "load_preset": "mapping",
    "preset_names": "mapping",
    "preview_rows": "preview",
    "run_import": "service",
}


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)


__all__ = sorted(_MODULES)
