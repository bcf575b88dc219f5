"""Site search: what the Pagefind index built with the site holds, and which pages load it."""

import json
import threading

import pytest
from weasyprint import HTML

from pagefind_records import index_records
from sitebuild import ROOT, build_site

GUIDE_PDF = "files/guide.pdf"
GUIDE_WORD = "quillwort"
PREVIEW_WORD = "zeppelinish"


def _guide_pdf(path, word=GUIDE_WORD):
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=f"<h1>A healthy sleep checklist</h1><p>Keep a steady {word} rhythm for better sleep.</p>"
         ).write_pdf(str(path))


def _fixture_content(root):
    """The real content, plus a PDF to index and an email preview that must not be indexed."""
    import shutil

    content = root / "source"
    shutil.copytree(ROOT / "content", content)
    _guide_pdf(content / GUIDE_PDF)
    preview = content / "extra" / "preview-sample.html"
    preview.write_text(
        f"<html lang='en'><body><main data-pagefind-body><h1>Issue</h1><p>{PREVIEW_WORD}</p></main></body></html>",
        encoding="utf-8")
    return content


FIXTURE_OVERRIDES = {
    "STATIC_PATHS": ["images", "extra", "files"],
    "EXTRA_PATH_METADATA": {
        "extra/robots.txt": {"path": "robots.txt"},
        "extra/favicon.svg": {"path": "favicon.svg"},
        "extra/preview-sample.html": {"path": "email-preview/sample/index.html"},
    },
    "SEARCH_DOCUMENTS": [{"path": GUIDE_PDF, "title": "Sleep guide (PDF)", "kind": "toolkit"}],
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-fixture")
    build = build_site(root, content=_fixture_content(root), overrides=FIXTURE_OVERRIDES, search=True)
    assert build.ok, build.stderr
    return build


@pytest.fixture(scope="module")
def records(site):
    return index_records(site.output)


# --- The index --------------------------------------------------------------------


def test_the_build_writes_the_index_and_pagefinds_ui_into_the_output(site):
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert site.exists(f"pagefind/{name}"), name
    entry = json.loads(site.text("pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] == len(index_records(site.output))


def test_every_article_is_a_result_filtered_as_article_with_its_tags(site, records):
    articles = [p for p in site.output.glob("blog/*/index.html")
                if site.soup(p.relative_to(site.output).as_posix()).find("article", attrs={"data-pagefind-body": True})]
    assert articles, "the site has articles"
    for path in articles:
        url = "/" + path.relative_to(site.output).parent.as_posix() + "/"
        record = records[url]
        assert record["filters"]["kind"] == ["article"]
        shown_tags = [a.get_text() for a in site.soup(path.relative_to(site.output).as_posix())
                      .select("header .meta a[data-pagefind-filter='tag']")]
        assert sorted(record["filters"].get("tag", [])) == sorted(shown_tags)


def test_pages_are_results_filtered_as_page(records):
    assert records["/about/"]["filters"]["kind"] == ["page"]
    assert records["/ketamine-assisted-psychotherapy/"]["filters"]["kind"] == ["page"]


def test_each_faq_question_is_its_own_result_at_its_anchor(site, records):
    soup = site.soup("ketamine-assisted-psychotherapy/index.html")
    questions = soup.select("[data-pagefind-body] .faq details")
    assert len(questions) >= 10, "the practice page answers the brief's questions"
    for details in questions:
        anchor = details.get("id") or details.find(id=True)["id"]
        record = records[f"/ketamine-assisted-psychotherapy/#{anchor}"]
        assert record["filters"]["kind"] == ["FAQ"]
        assert record["meta"]["title"] == details.summary.get_text(" ", strip=True)


def test_an_faq_result_holds_the_answer_not_the_link_to_it(records):
    record = records["/ketamine-assisted-psychotherapy/#is-ketamine-legal"]
    assert "controlled substance" in record["content"].lower() or "prescribed" in record["content"].lower()
    assert "link to this answer" not in record["content"].lower()


def test_no_excerpt_holds_the_faqs_link_text(records):
    """A page's excerpt shows its words, never the "Link to this answer" links of its FAQ."""
    assert records["/ketamine-assisted-psychotherapy/"]["content"]
    for url, record in records.items():
        assert "link to this answer" not in record["content"].lower(), url


def test_the_jump_list_and_the_outline_are_not_results_of_their_own(site, records):
    questions = [a.get_text() for a in site.soup("ketamine-assisted-psychotherapy/index.html")
                 .select(".question-list a")]
    assert questions
    page = records["/ketamine-assisted-psychotherapy/"]["content"]
    assert "Jump to an answer" not in page and "On this page" not in page
    assert not [u for u in records if u.startswith("/ketamine-assisted-psychotherapy/#")
                and records[u]["meta"]["title"].startswith("On this page")]


def test_lists_the_search_page_and_the_404_page_are_not_results(records):
    urls = set(records)
    assert not [u for u in urls if u.startswith(("/blog/tag/", "/blog/category/"))]
    assert not {"/blog/", "/blog/tags/", "/blog/categories/", "/blog/archive/", "/search/",
                "/404.html", "/"} & urls


def test_the_medical_note_and_article_meta_line_are_not_indexed(site, records):
    note = site.soup("ketamine-assisted-psychotherapy/index.html").select_one(".medical-note p")
    sentence = note.get_text(" ", strip=True).split(".")[1].strip()  # the sentence after the label
    assert len(sentence) > 20
    for record in records.values():
        assert sentence not in record["content"]
        assert "min read" not in record["content"]


# --- Documents and exclusions (a build with a PDF and an email preview) ----------------


def test_a_listed_pdf_is_a_result_holding_its_text(fixture_site):
    record = index_records(fixture_site.output)[f"/{GUIDE_PDF}"]
    assert GUIDE_WORD in record["content"]
    assert record["meta"]["title"] == "Sleep guide (PDF)"
    assert record["filters"]["kind"] == ["toolkit"]


def test_the_toolkit_is_found_by_every_section_of_its_markdown(records):
    """Its words come from the toolkit's Markdown (which the PDF prints), down to the last section."""
    source = (ROOT / "content" / "toolkit" / "wellness-toolkit.md").read_text(encoding="utf-8")
    last_section = source.rsplit("\n## ", 1)[1]
    heading, body = last_section.split("\n", 1)
    first_sentence = " ".join(body.strip().split("\n\n")[0].split()).split(". ")[0]
    record = records["/toolkit/wellness-toolkit.pdf"]
    assert record["filters"]["kind"] == ["toolkit"]
    assert heading.strip() in record["content"]
    assert first_sentence in record["content"]


def test_email_previews_are_never_indexed_even_when_marked(fixture_site):
    assert fixture_site.exists("email-preview/sample/index.html")
    for record in index_records(fixture_site.output).values():
        assert not record["url"].startswith("/email-preview/")
        assert PREVIEW_WORD not in record["content"]


def test_pdf_text_is_read_once_per_version_of_the_file(tmp_path):
    content = _fixture_content(tmp_path)
    first = build_site(tmp_path, content=content, overrides=FIXTURE_OVERRIDES, search=True)
    assert first.ok, first.stderr
    cached = list((tmp_path / "cache" / "search-documents").glob("*.txt"))
    assert len(cached) == 1
    # A second build of the same PDF takes its text from the cache, not the file.
    cached[0].write_text("cachedtextonly", encoding="utf-8")
    second = build_site(tmp_path, content=content, overrides=FIXTURE_OVERRIDES, search=True)
    assert second.ok, second.stderr
    assert "cachedtextonly" in index_records(second.output)[f"/{GUIDE_PDF}"]["content"]
    # A changed PDF is read again.
    _guide_pdf(content / GUIDE_PDF, word="bladderwrack")
    third = build_site(tmp_path, content=content, overrides=FIXTURE_OVERRIDES, search=True)
    assert third.ok, third.stderr
    assert "bladderwrack" in index_records(third.output)[f"/{GUIDE_PDF}"]["content"]


def test_a_wrong_search_setting_fails_the_build_with_one_line_naming_it(tmp_path):
    build = build_site(tmp_path, overrides={"SEARCH_DOCUMENTS": [{"path": "toolkit/x.pdf"}]}, search=True)
    assert not build.ok
    assert "settings: SEARCH_DOCUMENTS: item 1 has no 'title' -- " in build.stderr
    assert "Traceback" not in build.stderr


# --- Which pages load search ----------------------------------------------------------


def _loads_search(soup):
    sources = [t.get("src", "") for t in soup.find_all("script")]
    sources += [t.get("href", "") for t in soup.find_all("link")]
    return any("pagefind" in s or "/js/search.js" in s or "/css/search.css" in s for s in sources)


def _csp(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"] if meta else ""


def test_only_the_search_page_loads_search_and_allows_webassembly(site):
    for path in site.html_files():
        rel = path.relative_to(site.output).as_posix()
        if rel.startswith("pagefind/"):
            continue
        soup = site.soup(rel)
        if rel == "search/index.html":
            assert _loads_search(soup)
            assert "'wasm-unsafe-eval'" in _csp(soup).split("script-src", 1)[1].split(";")[0]
        else:
            assert not _loads_search(soup), rel
            assert "wasm-unsafe-eval" not in _csp(soup), rel


def test_the_search_page_without_javascript_points_to_the_topic_index(site):
    noscript = site.soup("search/index.html").find("noscript")
    assert noscript is not None
    assert "JavaScript" in noscript.get_text()
    assert noscript.find("a", href="/blog/tags/") is not None


def test_results_that_are_not_pages_link_under_the_sites_own_path(tmp_path):
    build = build_site(tmp_path, overrides={"SITEURL": "https://example.org/practice"}, search=True)
    assert build.ok, build.stderr
    urls = set(index_records(build.output))
    assert "/practice/ketamine-assisted-psychotherapy/#is-ketamine-legal" in urls
    assert "/ketamine-assisted-psychotherapy/#is-ketamine-legal" not in urls


def _run_collecting(run, coroutine, failures):
    try:
        run(coroutine)
    except Exception as error:  # reported by the test in its own thread
        failures.append(error)


def test_indexing_also_works_inside_a_running_event_loop(site, tmp_path):
    """`invoke livereload` rebuilds from inside its server's event loop."""
    import asyncio
    import shutil
    import types

    from pelican.settings import read_settings

    from synergy_search import indexer

    output = tmp_path / "output"
    shutil.copytree(site.output, output)
    shutil.rmtree(output / "pagefind")
    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")})
    pelican = types.SimpleNamespace(settings=settings)
    indexer.check_settings(pelican)

    async def rebuild():
        indexer.write_index(pelican)

    # A thread of its own: the browser tests' Playwright may already run a loop in this one.
    failures = []
    worker = threading.Thread(target=lambda: _run_collecting(asyncio.run, rebuild(), failures))
    worker.start()
    worker.join()
    assert not failures, failures[0]
    assert "/about/" in index_records(output)


def _faq_records(output):
    return {url: (r["meta"]["title"], r["content"]) for url, r in index_records(output).items()
            if r["filters"].get("kind") == ["FAQ"]}


def test_a_rebuild_with_the_content_cache_indexes_each_faq_answer_as_it_now_reads(tmp_path):
    cached = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    first = build_site(tmp_path, strict=False, overrides=cached, search=True)
    assert first.ok, first.stderr
    before = _faq_records(first.output)

    page = "pages/ketamine-assisted-psychotherapy.md"
    text = (ROOT / "content" / page).read_text(encoding="utf-8")
    edited = text.replace("tightly regulated, and recreational use",
                          "tightly regulated (hornwort), and recreational use")
    assert edited != text
    second = build_site(tmp_path, strict=False, overrides=cached, files={page: edited}, search=True)
    assert second.ok, second.stderr
    after = _faq_records(second.output)

    changed = "/ketamine-assisted-psychotherapy/#is-ketamine-legal"
    assert "hornwort" in after[changed][1]
    assert {url: r for url, r in after.items() if url != changed} == \
        {url: r for url, r in before.items() if url != changed}
