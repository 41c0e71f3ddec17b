"""Hostile and broken input: every bad file is named with its reason, the rest is built, nothing duplicated.

The corpus is generated here (empty, binary, wrong encodings, a 50 MB line, broken and encrypted PDFs, a
document cut off mid-item, the same document twice, an agenda next to its minutes, a name full of RDF
syntax) and built once through the real ``kkrgraph build`` entry point.
"""

from __future__ import annotations

import csv
import io

import pytest
from samples import agenda_of, meeting_text

from kkrgraph.cli import main

MINUTES = meeting_text()


def other_meeting(date: str, day: str) -> str:
    """A second, unrelated meeting (different date and case numbers) so documents do not collide."""
    return MINUTES.replace("5. marts 2024", day).replace("SAG-2024-001", f"SAG-{date[:4]}-009")


HOSTILE_NAME = 'Jens <b>"Hansen"{x}\\ Test (A) Aalborg Kommune'
HOSTILE_TITLE = "Orientering om <klima> \"arbejdet\" {x} \\ 'slut' æøå"


def _pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)  # core font, latin-1: Danish letters æ, ø, å
    for line in text.splitlines():
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _encrypted_pdf(path, text: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes(text))))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)


def _image_only_pdf(path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)


#: file name → the words its one-line message must contain (lower-cased); None: must be read.
EXPECTED = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "binary.txt": "binary",
    "invalid_utf8.txt": None,  # undecodable as UTF-8: read as cp1252 with a warning, but not a meeting
    "huge.txt": "too large",
    "encrypted.pdf": "encrypted",
    "truncated.pdf": "pdf",
    "image_only.pdf": "ocr",
    "not_a_pdf.pdf": "not a pdf",
    "novel.txt": "not a meeting document",
    "repeated_headers.txt": None,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Write the corpus, build it once, return (exit status, stderr, stdout, out dir, corpus dir)."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n\t\n   \r\n")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "invalid_utf8.txt").write_bytes(b"Dette er ikke gyldig \xff\xfe\xc3 UTF-8 \x81\x8d og intet m\xf8de.\n")
    with open(corpus / "huge.txt", "wb") as handle:  # one 50 MB line
        handle.write(b"a" * (50 * 1024 * 1024))
    _encrypted_pdf(corpus / "encrypted.pdf", MINUTES)
    (corpus / "truncated.pdf").write_bytes(_pdf_bytes(MINUTES)[:900])
    _image_only_pdf(corpus / "image_only.pdf")
    (corpus / "not_a_pdf.pdf").write_text("just text with a .pdf name")
    (corpus / "novel.txt").write_text("Det var en mørk og stormfuld nat.\n" * 50)
    repeated = other_meeting("2023-01-10", "10. januar 2023").replace("Deltagere\n", "Deltagere\n" * 5000)
    (corpus / "repeated_headers.txt").write_text(repeated + "Beslutning\nIndstilling\n" * 5000)
    # readable documents
    (corpus / "minutes.txt").write_text(MINUTES)
    (corpus / "sub" / "minutes_copy.txt").write_text(MINUTES)  # the same document twice
    (corpus / "agenda.txt").write_text(agenda_of(MINUTES))  # the agenda of the same meeting
    (corpus / "cp1252.txt").write_bytes(other_meeting("2022-06-01", "1. juni 2022").encode("cp1252"))
    (corpus / "utf16.txt").write_bytes(other_meeting("2021-02-02", "2. februar 2021").encode("utf-16"))
    (corpus / "text.pdf").write_bytes(_pdf_bytes(other_meeting("2020-09-09", "9. september 2020")))
    cut = other_meeting("2019-04-04", "4. april 2019")
    (corpus / "cut_off.txt").write_text(cut[: cut.index("Sekretariatet orienterer") + 12])
    hostile_doc = (
        other_meeting("2018-08-08", "8. august 2018")
        .replace("Jes Lunde (B) Aalborg Kommune", HOSTILE_NAME + "\nOle\n<Nielsen> (V) Aalborg Kommune")
        .replace("Orientering om klimaarbejdet", HOSTILE_TITLE)
    )
    (corpus / "hostile_name.txt").write_text(hostile_doc)

    out = root / "out"
    import contextlib

    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        status = main(["build", str(corpus), "--out", str(out), "--formats", "ttl,nt,jsonld,gexf"])
    return status, err.getvalue(), std.getvalue(), out, corpus


def _query(out, name: str) -> list[dict[str, str]]:
    buffer = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(buffer):
        assert main(["query", name, "--graph", str(out / "graph.ttl"), "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(buffer.getvalue())))


def test_exit_status_one_when_files_were_skipped(hostile):
    status, _, _, out, _ = hostile
    assert status == 1
    assert (out / "graph.ttl").exists()


def test_no_traceback(hostile):
    _, err, std, _, _ = hostile
    assert "Traceback" not in err + std


@pytest.mark.parametrize("name", [n for n, reason in EXPECTED.items() if reason])
def test_one_clear_line_per_bad_file(hostile, name):
    _, err, _, _, _ = hostile
    lines = [line for line in err.splitlines() if f"{name}:" in line]
    assert len(lines) == 1, err
    assert EXPECTED[name] in lines[0].lower()


def test_readable_files_are_not_reported(hostile):
    _, err, _, _, _ = hostile
    skipped = "\n".join(line for line in err.splitlines() if line.startswith("skipped"))
    for name in ("minutes.txt", "agenda.txt", "cp1252.txt", "utf16.txt", "text.pdf", "cut_off.txt", "hostile_name.txt"):
        assert f"{name}:" not in skipped, err


def test_a_file_read_with_a_caveat_is_built_and_the_caveat_shown(hostile):
    _, err, _, _, _ = hostile
    assert "warning: cp1252.txt: not valid UTF-8; read as cp1252" in err


def test_the_rest_is_built(hostile):
    _, _, _, out, _ = hostile
    meetings = _query(out, "meetings")
    sources = {row["source"] for row in meetings}
    assert {"minutes.txt", "agenda.txt", "cp1252.txt", "utf16.txt", "text.pdf", "cut_off.txt"} <= sources
    dates = {row["meeting_date"] for row in meetings}
    assert {"2024-03-05", "2022-06-01", "2021-02-02", "2020-09-09", "2019-04-04", "2018-08-08"} <= dates


def test_cp1252_and_pdf_danish_letters_survive(hostile):
    _, _, _, out, _ = hostile
    rows = _query(out, "attendance")
    for date in ("2022-06-01", "2020-09-09", "2021-02-02"):
        absent = {(r["person"], r["party"]) for r in rows if r["meeting_date"] == date and r["status"] == "absent"}
        assert absent == {("Anna Aaen", "Ø")}, date
    items = {(r["meeting_date"], r["title"]) for r in _query(out, "agenda")}
    assert ("2020-09-09", "Udpegning til Vækstforum") in items
    assert ("2022-06-01", "Udpegning til Vækstforum") in items


def test_same_document_twice_is_built_once(hostile):
    _, _, _, out, _ = hostile
    sources = [row["source"] for row in _query(out, "meetings")]
    assert sources.count("minutes.txt") + sources.count("minutes_copy.txt") == 1
    items = [(r["item"], r["case_number"]) for r in _query(out, "agenda") if r["meeting_date"] == "2024-03-05"]
    assert sorted(items) == [("1.1", "SAG-2024-00101"), ("2.1", "SAG-2024-00102"), ("3.1", "SAG-2024-00103")]


def test_agenda_and_minutes_make_one_meeting_and_minutes_decide(hostile):
    _, _, _, out, _ = hostile
    rows = [r for r in _query(out, "agenda") if r["meeting_date"] == "2024-03-05"]
    assert {r["item"]: r["outcome"] for r in rows} == {"1.1": "approved", "2.1": "noted", "3.1": "appointed"}
    from kkrgraph.api import KnowledgeGraph

    kg = KnowledgeGraph.load(out / "graph.ttl")
    count = kg.sparql(
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kkr:Meeting ; dcterms:date ?d FILTER(STR(?d) = '2024-03-05') }"
    ).rows
    assert [list(row) for row in count] == [["1"]]


def test_agenda_and_minutes_attendance_not_duplicated(hostile):
    _, _, _, out, _ = hostile
    rows = [tuple(r.values()) for r in _query(out, "attendance") if r["meeting_date"] == "2024-03-05"]
    assert len(rows) == len(set(rows)) == 4


def test_cut_off_document_keeps_what_it_has(hostile):
    _, _, _, out, _ = hostile
    rows = {r["item"]: r for r in _query(out, "agenda") if r["meeting_date"] == "2019-04-04"}
    assert rows["1.1"]["outcome"] == "approved"
    assert rows["2.1"]["case_number"] == "SAG-2019-00902"
    assert rows["2.1"]["outcome"] == ""  # cut off before its decision
    assert "3.1" not in rows


def test_hostile_name_is_a_literal(hostile):
    _, _, _, out, _ = hostile
    from rdflib import Graph

    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        Graph().parse(out / name, format=fmt)
    people = {r["person"] for r in _query(out, "attendance") if r["meeting_date"] == "2018-08-08"}
    assert {"Lasse Frimand Jensen", "Mogens Christen Gade", "Anna Aaen"} <= people
    titles = {r["title"] for r in _query(out, "agenda") if r["meeting_date"] == "2018-08-08"}
    assert HOSTILE_TITLE in titles
    for iri_line in (out / "graph.nt").read_text("utf-8").splitlines():
        subject = iri_line.split(" ", 1)[0]
        assert not any(ch in subject[1:-1] for ch in '<>"{}\\ \n')


def test_cp1252_is_read_with_a_warning(tmp_path):
    from kkrgraph.read import read_document

    path = tmp_path / "cp.txt"
    path.write_bytes("Brønderslev Kommune, mødet den 5. marts".encode("cp1252"))
    raw = read_document(path)
    assert raw.text == "Brønderslev Kommune, mødet den 5. marts"
    assert raw.encoding == "cp1252"
    assert any("cp1252" in warning for warning in raw.warnings)


def test_utf16_with_bom_is_read(tmp_path):
    from kkrgraph.read import read_document

    path = tmp_path / "u16.txt"
    path.write_bytes("Æbletræ på Læsø".encode("utf-16"))
    assert read_document(path).text == "Æbletræ på Læsø"


def test_a_long_line_under_the_size_limit_is_read_not_hung(tmp_path):
    """A 2 MB single word: the normaliser once backtracked quadratically on it and never finished.

    The timeout is a hang guard, not a speed test: the fixed build takes seconds, the broken one days.
    """
    import subprocess
    import sys

    (tmp_path / "one_word.txt").write_text("a" * 2_000_000 + "-\nb\n")
    (tmp_path / "minutes.txt").write_text(MINUTES)
    done = subprocess.run(
        [sys.executable, "-m", "kkrgraph.cli", "build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1
    assert [line for line in done.stderr.splitlines() if "one_word.txt" in line] == [
        f"skipped {tmp_path / 'one_word.txt'}: not a meeting document (no agenda items with case numbers, no participant list)"
    ]
