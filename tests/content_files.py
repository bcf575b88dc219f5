"""The bundled content's files as the tests look at them: metadata, built page, clinical or not."""

from synergy.clinical import pages
from synergy.metadata import read_fields


def meta(path):
    return {field.name: field.value for field in read_fields(path.read_text(encoding="utf-8"))}


def built(path):
    data = meta(path)
    folder = "blog/" if path.parent.name == "blog" else ""
    return data.get("save_as") or f"{folder}{data.get('slug') or path.stem}/index.html"


def content_files(root):
    return sorted((root / "blog").glob("*.md")) + sorted((root / "pages").glob("*.md"))


def clinical_files(root):
    found = []
    for path in content_files(root):
        data = meta(path)
        tags = [tag for tag in data.get("tags", "").split(",") if tag.strip()]
        if pages.is_clinical(data.get("clinical"), data.get("category"), tags):
            found.append(path)
    return found
