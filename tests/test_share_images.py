"""Share images: every page names a 1200 × 630 picture of its title that the build drew, and
a rebuild copies the pictures it already has instead of drawing them again."""

import json
import struct

import pytest
from PIL import Image

from sitebuild import ROOT, build_site
from synergy.errors import SettingsError
from synergy_share_images import draw, fonts
from synergy_share_images import settings as share_settings
from synergy_share_images.images import share_title

SITENAME = "Synergy Integrative Health & Wellness"
RECORD = "share_images/record.json"
ARTICLE_SOURCE = "blog/sleep-hygiene-basics.md"
ARTICLE = "blog/sleep-hygiene-basics/index.html"
FONT = fonts.find_default()
needs_font = pytest.mark.skipif(FONT is None, reason="DejaVu Sans Bold is not installed")


def site_pages(build):
    return [p.relative_to(build.output).as_posix() for p in build.html_files()
            if not p.relative_to(build.output).as_posix().startswith("email-preview/")]


def og(soup):
    return {m["property"]: m.get("content", "") for m in soup.find_all("meta", property=True)}


def png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def image_file(build, rel):
    """The built file a page's og:image names (development builds use root-relative URLs)."""
    url = og(build.soup(rel))["og:image"]
    assert url.startswith("/"), url
    return build.output / url.lstrip("/")


# --- Every page -----------------------------------------------------------------------

def test_every_page_names_a_share_image_that_was_built_at_1200_by_630(site):
    pages = site_pages(site)
    assert len(pages) > 20
    for rel in pages:
        path = image_file(site, rel)
        assert path.is_file(), f"{rel}: {path.relative_to(site.output)} was not built"
        assert png_size(path) == (1200, 630), rel


def test_every_page_describes_its_share_image_and_asks_for_the_large_card(site):
    for rel in site_pages(site):
        soup = site.soup(rel)
        tags = og(soup)
        assert tags["og:image:width"] == "1200" and tags["og:image:height"] == "630", rel
        assert tags["og:image:type"] == "image/png", rel
        assert SITENAME in tags["og:image:alt"], rel
        card = soup.find("meta", attrs={"name": "twitter:card"})
        assert card is not None and card["content"] == "summary_large_image", rel


def test_the_alt_text_says_the_title_the_picture_shows(site):
    tags = og(site.soup(ARTICLE))
    assert tags["og:image:alt"] == f"Sleep hygiene basics: small changes that help – {SITENAME}"


def test_pages_with_different_titles_have_different_pictures(site):
    images = {og(site.soup(rel))["og:image"] for rel in site_pages(site)}
    assert len(images) == len(site_pages(site))


def test_the_pages_of_one_list_share_the_lists_picture(tmp_path):
    posts = {f"blog/list-post-{n}.md": f"Title: List post {n}\nDate: 2026-01-{n + 1:02d}\nCategory: Wellness\n"
             f"Tags: sleep\nSummary: Post {n}.\n\nText of post {n}.\n" for n in range(12)}
    build = build_site(tmp_path, files=posts, strict=False)
    assert build.ok, build.stderr
    first, second = og(build.soup("blog/index.html")), og(build.soup("blog/page/2/index.html"))
    assert "(page 2)" in second["og:title"] and "(page 2)" not in first["og:title"]
    assert second["og:image"] == first["og:image"]
    assert second["og:image:alt"] == f"Blog – {SITENAME}"


def test_no_page_loads_its_share_image(site):
    """Only meta tags name the pictures: they cost a reader's phone nothing."""
    for rel in site_pages(site):
        soup = site.soup(rel)
        for tag in soup.find_all(["img", "source", "link", "script"]):
            for attr in ("src", "href", "srcset"):
                assert "/share/" not in (tag.get(attr) or ""), f"{rel} loads {tag}"


def test_the_picture_is_drawn_in_the_sites_colours(site):
    image = Image.open(image_file(site, ARTICLE)).convert("RGB")
    sand = tuple(int("f1ece3"[i:i + 2], 16) for i in (0, 2, 4))
    accent = tuple(int("2f6f6a"[i:i + 2], 16) for i in (0, 2, 4))
    assert image.getpixel((20, 20)) == sand, "the background is the site's sand"
    assert image.getpixel((1190, 620)) == accent, "the nearest hill is the site's accent"
    ink = tuple(int("1f2a30"[i:i + 2], 16) for i in (0, 2, 4))
    title_area = image.crop((80, 196, 1000, 460)).getdata()
    assert ink in set(title_area), "the title is written in the site's ink"


def test_the_publish_build_names_its_pictures_by_absolute_url(publish_site):
    from conftest import PUBLISH_SITEURL

    url = og(publish_site.soup("index.html"))["og:image"]
    assert url.startswith(f"{PUBLISH_SITEURL}/share/") and url.endswith(".png")
    assert (publish_site.output / url[len(PUBLISH_SITEURL) + 1:]).is_file()


# --- Rebuilds -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory):
    """One folder built three times: first, again unchanged, then with one title changed."""
    folder = tmp_path_factory.mktemp("share-rebuilds")
    cache = folder / "cache" / "share_images"
    states = []

    def build(**changes):
        result = build_site(folder, warm_cache=False, **changes)
        assert result.ok, result.stderr
        states.append({
            "build": result,
            "record": json.loads((cache / "record.json").read_text()),
            "cached": {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")},
            "output": sorted(p.name for p in (result.output / "share").glob("*.png")),
            "image": og(result.soup(ARTICLE))["og:image"],
        })

    build()
    build()
    text = (folder / "content" / ARTICLE_SOURCE).read_text(encoding="utf-8")
    old = "Title: Sleep hygiene basics: small changes that help"
    assert old in text
    build(files={ARTICLE_SOURCE: text.replace(old, "Title: Sleep hygiene: small changes that help")})
    return states


def test_the_first_build_draws_every_picture(rebuilds):
    first = rebuilds[0]
    assert first["record"]["drawn"] == len(first["output"]) > 20
    assert first["record"]["reused"] == 0


def test_a_second_build_draws_nothing_and_reuses_every_cached_picture(rebuilds):
    first, second = rebuilds[0], rebuilds[1]
    assert second["record"] == {"drawn": 0, "reused": len(first["output"])}
    assert second["cached"] == first["cached"], "a cached picture was written again"
    assert second["output"] == first["output"]


def test_a_changed_title_draws_one_new_picture_and_drops_the_old_one(rebuilds):
    second, third = rebuilds[1], rebuilds[2]
    assert third["record"] == {"drawn": 1, "reused": len(second["output"]) - 1}
    assert third["image"] != second["image"]
    gone = second["image"].rsplit("/", 1)[1]
    assert gone not in third["output"] and gone not in third["cached"]
    new = third["image"].rsplit("/", 1)[1]
    assert new in third["output"] and new in third["cached"]


@pytest.fixture
def images(tmp_path):
    """A ShareImages of the bundled settings, drawing into tmp_path's cache and output."""
    from synergy_share_images.images import ShareImages
    from synergy_share_images.settings import ShareSettings

    config = ShareSettings(output="share", font=FONT, cache_dir=str(tmp_path / "cache"))
    return ShareImages(config, {"SITENAME": SITENAME, "THEME": str(ROOT / "theme")})


@needs_font
def test_a_cached_picture_that_vanished_or_is_broken_is_drawn_again(images, tmp_path):
    name = images.image_for("Breathing").path.rsplit("/", 1)[1]
    assert images.write(tmp_path / "out") == (1, 0)
    assert images.write(tmp_path / "out") == (0, 1)
    (tmp_path / "cache" / name).unlink()
    assert images.write(tmp_path / "out") == (1, 0)
    (tmp_path / "cache" / name).write_bytes(b"")
    assert images.write(tmp_path / "out") == (1, 0)
    assert png_size(tmp_path / "out" / "share" / name) == (1200, 630)


@needs_font
def test_quotes_and_ampersands_in_a_title_stay_words_in_the_alt_text(tmp_path):
    title = 'Is "ketamine" safe & legal when 5 < 6?'
    post = (f"Title: {title}\nSlug: odd-title\nDate: 2026-01-05\nCategory: Wellness\n"
            "Summary: s.\n\nText.\n")
    build = build_site(tmp_path, files={"blog/odd-title.md": post})
    assert build.ok, build.stderr
    tags = og(build.soup("blog/odd-title/index.html"))
    assert tags["og:image:alt"] == f"{title} – {SITENAME}"
    assert image_file(build, "blog/odd-title/index.html").is_file()


# --- The words and the drawing ----------------------------------------------------------

@pytest.mark.parametrize("title, shown", [
    (f"Sleep hygiene basics · {SITENAME}", "Sleep hygiene basics"),
    (f"November: integration · Newsletter · {SITENAME}", "November: integration · Newsletter"),
    (f"{SITENAME} · Ketamine-assisted psychotherapy in Illinois", "Ketamine-assisted psychotherapy in Illinois"),
    (SITENAME, SITENAME),
    ("", SITENAME),
    ("  Two   spaces\nand a line  ", "Two spaces and a line"),
])
def test_the_picture_shows_the_title_without_the_site_name_around_it(title, shown):
    assert share_title(title, SITENAME) == shown


@needs_font
def test_a_long_title_gets_a_smaller_size_and_a_short_one_the_largest():
    short_font, short_lines = draw.fit_title("Search", FONT)
    long_font, long_lines = draw.fit_title(" ".join(["Understanding"] * 12), FONT)
    assert short_font.size == draw.TITLE_SIZES[0][0] and short_lines == ["Search"]
    assert long_font.size < short_font.size


@needs_font
def test_a_title_too_long_for_four_lines_is_shortened_with_an_ellipsis():
    font, lines = draw.fit_title(" ".join(["word"] * 200), FONT)
    assert len(lines) == draw.TITLE_SIZES[-1][1]
    assert lines[-1].endswith(draw.ELLIPSIS)
    assert all(font.getlength(line) <= draw.TITLE_WIDTH for line in lines)


@needs_font
def test_a_word_wider_than_a_line_is_cut_rather_than_drawn_off_the_picture():
    font = draw.ImageFont.truetype(FONT, 72)
    lines = draw.wrap("x" * 80, font, draw.TITLE_WIDTH)
    assert len(lines) > 1 and "".join(lines) == "x" * 80
    assert all(font.getlength(line) <= draw.TITLE_WIDTH for line in lines)


@needs_font
def test_markup_and_quotes_in_a_title_are_drawn_as_plain_words():
    base = draw.background({}, SITENAME, FONT)
    png = draw.share_png(base, 'Is <b>ketamine</b> "safe" & legal?', {}, FONT)
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24]) == (1200, 630)


@needs_font
def test_the_same_title_draws_the_same_bytes():
    base = draw.background({"accent": "#2f6f6a"}, SITENAME, FONT)
    assert draw.share_png(base, "Same", {}, FONT) == draw.share_png(base, "Same", {}, FONT)


# --- The font --------------------------------------------------------------------------

def test_without_dejavu_or_fontconfig_no_font_is_found(tmp_path):
    assert fonts.find_default(known=(str(tmp_path / "missing.ttf"),), fc_match="no-such-fc-match") is None


def test_fontconfigs_answer_counts_only_when_it_is_dejavu_sans_bold(tmp_path):
    other = tmp_path / "OtherSans-Bold.ttf"
    other.write_bytes(b"not really a font")
    fake = tmp_path / "fc-match"
    fake.write_text(f"#!/bin/sh\nprintf '%s' '{other}'\n")
    fake.chmod(0o755)
    assert fonts.find_default(known=(), fc_match=str(fake)) is None
    dejavu = tmp_path / fonts.DEFAULT_FILE
    dejavu.write_bytes(b"stand-in")
    fake.write_text(f"#!/bin/sh\nprintf '%s' '{dejavu}'\n")
    assert fonts.find_default(known=(), fc_match=str(fake)) == str(dejavu)


def test_a_missing_font_stops_the_build_with_one_line_saying_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "find_default", lambda: None)
    with pytest.raises(SettingsError) as raised:
        share_settings.read({"THEME": str(ROOT / "theme"), "SHARE_IMAGES_FONT": ""})
    line = str(raised.value)
    assert line.startswith("settings: SHARE_IMAGES_FONT: no DejaVu Sans Bold font found")
    assert "apt-get install fonts-dejavu-core" in line and "\n" not in line
