"""CSV cells safe in a spreadsheet, and CSV written a piece at a time."""

import pytest

from evaluations.services import spreadsheet


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_made_text(start):
    assert spreadsheet.safe_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Disk backup", "Disk backup"),
        (" =not first", " =not first"),
        ("", ""),
        (12, "12"),
        (None, ""),
    ],
)
def test_other_cells_are_written_as_they_are(value, written):
    assert spreadsheet.safe_cell(value) == written


def test_the_header_comes_alone_then_a_piece_per_chunk_of_rows():
    pieces = list(spreadsheet.pieces(["Name"], ([n] for n in range(5)), chunk=2))

    assert pieces == ["Name\r\n", "0\r\n1\r\n", "2\r\n3\r\n", "4\r\n"]


def test_rows_are_read_only_as_pieces_are_asked_for():
    read = []

    def rows():
        for n in range(4):
            read.append(n)
            yield [f"=cell {n}"]

    pieces = spreadsheet.pieces(["Name"], rows(), chunk=2)
    assert read == []
    next(pieces), next(pieces)
    assert read == [0, 1]
    assert next(pieces) == "'=cell 2\r\n'=cell 3\r\n"


def test_an_empty_csv_is_its_header():
    assert list(spreadsheet.pieces(["Name"], iter([]), chunk=2)) == ["Name\r\n"]
