"""Markdown parsed by a pool of worker processes: the same HTML and metadata as Pelican's own
reader, nothing taken for a file that changed, and every worker's log record back in the build."""

import logging
import shutil
from pathlib import Path

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

import pelicanconf
from sitebuild import ROOT, build_site
from synergy import problems, worker
from synergy_markdown_pool.plugin import markdown_files, to_read
from synergy_markdown_pool.pool import Pool
from synergy_markdown_pool.reader import reader_class

ARTICLE = "blog/sleep-hygiene-basics.md"


@pytest.fixture
def settings(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return read_settings(str(ROOT / "pelicanconf.py"),
                         override={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})


def test_the_pool_gives_what_pelicans_reader_makes(settings):
    path = str(Path(settings["PATH"]) / ARTICLE)
    pool = Pool(settings, [path], 2)
    try:
        Pooled = reader_class(pool.take)
        assert Pooled(settings).read(path) == MarkdownReader(settings).read(path)
    finally:
        pool.close()


def test_a_file_changed_after_the_worker_read_it_is_parsed_again(settings):
    path = Path(settings["PATH"]) / ARTICLE
    pool = Pool(settings, [str(path)], 1)
    try:
        pool.take(str(path) + ".other", settings)  # not the pool's: nothing waited for
        while str(path) not in pool.done:
            got = next(pool.results)
            pool.done[got[0]] = got[1:]
        path.write_text(path.read_text(encoding="utf-8") + "\nA late edit.\n", encoding="utf-8")
        assert pool.take(str(path), settings) is None
        html, _meta = reader_class(pool.take)(settings).read(str(path))
        assert "A late edit." in html
    finally:
        pool.close()


def _warn_in_a_worker():
    with worker.kept_records() as records:
        logging.getLogger("markdown.worker").warning("odd list in %s", "the text")
    return records


def test_a_workers_log_records_come_back_about_their_file():
    with worker.context().Pool(1) as pool:
        records = pool.apply(_warn_in_a_worker)
    assert records and records[0]["msg"] == "odd list in the text"
    seen = []

    class Seen(logging.Handler):
        def emit(self, record):
            seen.append((record.getMessage(), problems.source_of(record), record.levelno))

    handler = Seen()
    logging.getLogger().addHandler(handler)
    try:
        worker.replay(records, "/site/content/blog/x.md")
    finally:
        logging.getLogger().removeHandler(handler)
    assert ("odd list in the text", "/site/content/blog/x.md", logging.WARNING) in seen


def test_only_files_changed_since_the_content_cache_are_read_in_a_cached_build(settings, tmp_path):
    files = markdown_files(settings)
    assert str(Path(settings["PATH"]) / ARTICLE) in files
    assert sorted(to_read({**settings, "LOAD_CONTENT_CACHE": False}, files)) == sorted(files)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "ArticlesGenerator-Readers").write_bytes(b"")
    cached = {**settings, "LOAD_CONTENT_CACHE": True, "STRICT_BUILD": False}
    assert to_read(cached, files) == []
    edited = Path(files[0])
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert to_read(cached, files) == [files[0]]


def test_the_site_builds_the_same_without_the_pool(site, tmp_path):
    plugins = [p for p in pelicanconf.PLUGINS if p != "synergy_markdown_pool"]
    alone = build_site(tmp_path, overrides={"PLUGINS": plugins})
    assert alone.ok, alone.stderr
    ours = {p.relative_to(site.output).as_posix(): p.read_bytes() for p in site.html_files()
            if not p.relative_to(site.output).as_posix().startswith("pagefind/")}
    theirs = {p.relative_to(alone.output).as_posix(): p.read_bytes() for p in alone.html_files()
              if not p.relative_to(alone.output).as_posix().startswith("pagefind/")}
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []


def test_a_placeholder_extension_in_the_settings_still_lets_the_build_take_the_pools_work(settings):
    """The practice's details are filled by an extension object in MARKDOWN, copied with the
    settings; the pool's work must still be taken, not done again in the build."""
    from synergy.placeholders import Placeholders, install

    install(settings, Placeholders("practice", {"booking": "https://booking.example.org/"}))
    path = str(Path(settings["PATH"]) / ARTICLE)
    pool = Pool(settings, [path], 2)
    try:
        reader = MarkdownReader(settings)  # as Pelican's readers do: it adds its own extensions
        taken = pool.take(path, reader.settings)
        assert taken is not None, "the build parsed the file again"
        assert taken[0] == reader.read(path)[0]
    finally:
        pool.close()
