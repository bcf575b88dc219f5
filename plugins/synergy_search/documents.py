"""The text of a PDF for the index, extracted once per version of the file."""

import re
from pathlib import Path

from synergy.cache import file_digest


def extract(path):
    """All the PDF's text, whitespace collapsed."""
    # Imported here: an ordinary build finds the text in the cache and never needs pypdf.
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text).strip()


def document_text(path, cache_dir):
    """The PDF's text, from the cache when this exact file was read before.

    Extraction is the slow part of indexing, and the PDF rarely changes, so an
    ordinary build only hashes the file.
    """
    cache_dir = Path(cache_dir)
    cached = cache_dir / f"{file_digest(path)}.txt"
    if cached.exists():
        return cached.read_text(encoding="utf-8"), True
    text = extract(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text, False
