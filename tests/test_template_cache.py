"""Compiled templates kept between builds that use the content cache, and never trusted over a changed source."""

import shutil

from sitebuild import ROOT, build_site

CACHED = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}


def _theme_copy(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return theme


def test_a_cached_build_keeps_the_compiled_templates(tmp_path):
    build = build_site(tmp_path, strict=False, overrides=CACHED)
    assert build.ok, build.stderr
    assert list((tmp_path / "cache" / "templates").iterdir())


def test_a_template_edited_between_cached_builds_is_compiled_again(tmp_path):
    theme = _theme_copy(tmp_path)
    overrides = {**CACHED, "THEME": str(theme)}
    first = build_site(tmp_path, strict=False, overrides=overrides)
    assert first.ok, first.stderr
    assert "quillwort-footer" not in (first.output / "about" / "index.html").read_text(encoding="utf-8")

    base = theme / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    assert text.count("</body>") == 1
    base.write_text(text.replace("</body>", "<p>quillwort-footer</p></body>"), encoding="utf-8")
    second = build_site(tmp_path, strict=False, overrides=overrides)
    assert second.ok, second.stderr
    assert "quillwort-footer" in (second.output / "about" / "index.html").read_text(encoding="utf-8")


def test_a_strict_build_compiles_every_template_afresh(tmp_path):
    build = build_site(tmp_path, overrides=CACHED)
    assert build.ok, build.stderr
    assert not (tmp_path / "cache" / "templates").exists()
