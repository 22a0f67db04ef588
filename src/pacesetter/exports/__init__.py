"""Writers shared by every surface that hands data out as a file (CLI reports, CSV downloads of
pages and the API): one writer per format, so an export looks and behaves the same wherever it
is made. See `csv.py`."""
