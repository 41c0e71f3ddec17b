"""Readers: encodings, PDFs (generated here), and one clear reason for every unreadable file."""

from __future__ import annotations

import pytest

from kkrgraph.read import ReadError, discover, read_document

DANISH = "Godkendelse af referat fra mødet i KKR Nordjylland. Brønderslev, Læsø og Hjørring Kommune."


def test_utf8_is_read_without_warnings(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DANISH, "utf-8")
    doc = read_document(path)
    assert (doc.text, doc.encoding, doc.warnings) == (DANISH, "utf-8", ())


def test_cp1252_is_detected_and_read_with_a_warning(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes((DANISH + " – “citat”").encode("cp1252"))
    doc = read_document(path)
    assert doc.text.startswith(DANISH) and doc.encoding == "cp1252"
    assert "cp1252" in doc.warnings[0]


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(DANISH.encode("utf-16"))
    assert read_document(path).text == DANISH


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"  \n\t \n", "empty file"), (bytes(range(256)) * 40, "binary file")],
)
def test_unusable_text_files_give_one_clear_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason) as caught:
        read_document(path)
    assert str(caught.value).startswith(str(path))


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(ReadError, match="too large"):
        read_document(path, max_bytes=1000)


def _pdf(path, text: str | None) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is not None:
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "referat.pdf"
    _pdf(path, DANISH)
    doc = read_document(path)
    assert doc.encoding == "pdf"
    assert "Brønderslev" in doc.text and "Læsø" in doc.text


def test_image_only_pdf_asks_for_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    _pdf(path, None)
    with pytest.raises(ReadError, match="run OCR first"):
        read_document(path)


def test_broken_pdf(tmp_path):
    good = tmp_path / "good.pdf"
    _pdf(good, DANISH)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ReadError, match="PDF"):
        read_document(broken)


def test_folders_are_read_recursively_and_missing_paths_are_usage_errors(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.pdf").write_bytes(b"%PDF")
    (tmp_path / "a" / "notes.docx").write_bytes(b"z")
    assert [p.name for p in discover([tmp_path])] == ["x.txt", "y.pdf"]
    with pytest.raises(FileNotFoundError):
        list(discover([tmp_path / "missing"]))
