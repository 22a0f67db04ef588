"""`preview_rows`: the first rows of an export as the import will read them, before anything
is written."""

from pathlib import Path

from pacesetter.ingest import load_preset, preview_rows

SAMPLES = Path(__file__).parent / "samples"


def test_a_salesforce_export_previews_in_pacesetter_columns_after_its_preset() -> None:
    mapped = preview_rows(
        "deals",
        SAMPLES / "salesforce-opportunities.csv",
        file_name="salesforce-opportunities.csv",
        mapping=load_preset("salesforce-opportunities"),
        limit=2,
    )
    assert mapped is not None
    sources = {column.name: column.source for column in mapped.columns}
    assert sources["external_id"] == "Opportunity ID"  # a rename shows the file's header
    assert sources["status"] == "mapping"  # derived from the stage
    assert [line for line, _ in mapped.rows] == [2, 3]  # the header is line 1
    first = dict(zip([c.name for c in mapped.columns], mapped.rows[0][1], strict=True))
    assert (first["external_id"], first["owner"]) == ("0065g00000AbCdEAAZ", "Rob Rep")


def test_an_unreadable_file_has_no_preview(tmp_path: Path) -> None:
    broken = tmp_path / "people.csv"
    broken.write_bytes(b"external_id,name\n\xff\xfe\x00bad")
    assert preview_rows("people", broken, file_name="people.csv") is None
