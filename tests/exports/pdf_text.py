"""What a reader sees in a PDF of the one PDF writer, read without a PDF library: its pages
are written uncompressed, so each line of text is a `(...) Tj` string in WinAnsi (cp1252) with
PDF's escapes."""

import re

SHOWN = re.compile(rb"\(((?:[^()\\]|\\.)*)\) Tj")
ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(found: re.Match[bytes]) -> bytes:
    code = found[1]
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return SIMPLE.get(code, code)


def text_lines(body: bytes) -> list[str]:
    """Every line of text drawn, in the order drawn."""
    return [ESCAPE.sub(_unescape, raw).decode("cp1252") for raw in SHOWN.findall(body)]


def page_count(body: bytes) -> int:
    found = re.search(rb"/Count (\d+) /Kids", body)
    assert found, "no page tree"
    return int(found[1])
