"""CSV files that people open in a spreadsheet: safe cells, written in pieces as rows come.

A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
carriage return: names and project titles are typed by people, and "=HYPERLINK(...)" is a
name like any other) is written with a leading `'`, which spreadsheets show as text.

`pieces` writes the header alone, then one piece per `chunk` rows, so a streamed response
sends its first bytes before the last rows are read and never holds the whole file.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows per piece: big enough that writing is cheap, small enough to start sending at once.
CHUNK = 500


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def pieces(
    header: Sequence[str], rows: Iterable[Iterable[object]], chunk: int = CHUNK
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(header)
    yield flush()
    written = 0
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        written += 1
        if written % chunk == 0:
            yield flush()
    if written % chunk:
        yield flush()
