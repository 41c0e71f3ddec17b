"""Extract the text layer of a PDF with pypdf, turning its many failure modes into one-line reasons."""

from __future__ import annotations

import io
import logging

__all__ = ["read_pdf"]


def read_pdf(data: bytes) -> tuple[str, str]:
    """Return ``(text, problem)``; ``problem`` is empty on success.

    Pages are joined with a newline; PDF page furniture (headers, footers) is left for ``normalise``.
    """
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        return "", "not a PDF (no %PDF header)"
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return "", "encrypted PDF (password protected); decrypt it first"
            except Exception:
                return "", "encrypted PDF (password protected); decrypt it first"
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        return "", "encrypted PDF (password protected); decrypt it first"
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        return "", f"broken PDF ({type(error).__name__}: {str(error)[:120]})"
    except Exception as error:  # pypdf raises a long tail of internal errors on damaged files
        return "", f"broken PDF ({type(error).__name__})"
    if not pages:
        return "", "PDF has no pages"
    text = "\n".join(pages)
    if not text.strip():
        return "", "PDF has no text layer (image-only, a scan); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
    return text, ""
