"""The slips an editor makes, each caught the same way by every build and by the lint.

On a copy of the bundled site with every slip in SLIPS added at once,
`invoke lint`, `invoke build`, `invoke build --strict` and a publish build
(`pelican -s publishconf.py`) each print each slip's one line, naming its file
once, and exit with the status listed; and nothing of a broken file (no page,
no entry in a list, feed, sitemap or search page) reaches the built site.

One copy holds them all because an editor's commit may well hold several, and
each tool must then still name every one. A slip's line says whether it is an
error (`content/x.md: what is wrong`) or a warning (`content/x.md: warning: ...`),
so each line matched in full still tells one slip's severity from another's.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild import ROOT

HEAD = "Date: 2026-01-05\nCategory: Wellness\nSummary: A short summary of the post.\n"
TOOLS = ("lint", "build", "strict", "publish")
# Text files of the built site that lists, feeds and the sitemap are made of.
TEXT = (".html", ".xml", ".json", ".txt")


@dataclass(frozen=True)
class Slip:
    path: str            # where the editor saved the file, under content/
    text: str
    line: str            # the one line every tool prints about it (after "content/<path>: ")
    marker: str          # words only the broken file holds: never in the built site
    exits: tuple = (1, 1, 1, 1)  # lint, build, build --strict, publish build


def post(title, extra="", head=HEAD, body="Calm, plain words for readers.\n"):
    return f"Title: {title}\n{head}{extra}\n{body}"


SLIPS = {
    "misspelt Status publishes a draft": Slip(
        "blog/slip-staus.md", post("Slip Staus Draft", "Staus: draft\n"),
        "Staus: not a metadata line the site knows -- did you mean 'Status:'?", "Slip Staus Draft"),
    "Tag for Tags": Slip(
        "blog/slip-tag.md", post("Slip Singular Tag", "Tag: sleep\n"),
        "Tag: not a metadata line the site knows -- did you mean 'Tags:'?", "Slip Singular Tag"),
    "a month that does not exist": Slip(
        "blog/my-test-post.md", post("Slip Month Thirteen").replace("2026-01-05", "2026-13-01"),
        "date: '2026-13-01' is not a date -- write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, "
        "for example 2026-03-14", "Slip Month Thirteen"),
    "a date written day first": Slip(
        "blog/slip-day-first.md", post("Slip Day First").replace("2026-01-05", "30/11/2026"),
        "date: '30/11/2026' is not a date -- write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, "
        "for example 2026-03-14", "Slip Day First"),
    "no Summary": Slip(
        "blog/slip-no-summary.md", post("Slip Without Summary", head=HEAD.split("Summary")[0]),
        "summary: missing -- add a line 'Summary: ...' to the metadata at the top of the file",
        "Slip Without Summary"),
    "a category outside the list": Slip(
        "blog/slip-category.md", post("Slip Sleep Category").replace("Category: Wellness", "Category: Sleep"),
        "category: 'Sleep' is not one of the site's categories -- use one of: Wellness, Telehealth, "
        "Ketamine therapy", "Slip Sleep Category"),
    "a missing image": Slip(
        "blog/slip-image.md", post("Slip Missing Image", body="![A quiet room]({static}/images/x.jpg)\n"),
        "image '/images/x.jpg' is not in the content folder -- put the picture in content/images/ and "
        "check its name after {static}", "Slip Missing Image"),
    "a link pasted from the browser, misspelt": Slip(
        "blog/slip-pasted.md", post("Slip Pasted Link", body="Read [about sleep](/blog/sleep-hygene-basics/).\n"),
        "link '/blog/sleep-hygene-basics/' is not a page or file of this site -- did you mean "
        "'/blog/sleep-hygiene-basics/'?", "Slip Pasted Link"),
    "a link to our own domain that leads nowhere": Slip(
        "blog/slip-own-domain.md", post("Slip Own Domain", body=(
            "Read [about winter](https://www.synergyintegrativehealth.com/blog/winter-blues/).\n")),
        "link 'https://www.synergyintegrativehealth.com/blog/winter-blues/' is not a page or file of "
        "this site -- check the address, or link to the file with {filename}, such as "
        "{filename}/blog/sleep-hygiene-basics.md", "Slip Own Domain"),
    "an image from another website": Slip(
        "blog/slip-remote.md", post("Slip Remote Image", body="![A cat](https://images.example.org/cat.jpg)\n"),
        "image 'https://images.example.org/cat.jpg' comes from another website, which the site's "
        "privacy rules block in every browser -- save the picture in content/images/ and write "
        "![what it shows]({static}/images/<name>)", "Slip Remote Image"),
    "the template's Summary": Slip(
        "blog/slip-template-summary.md", post("Slip Template Summary", head=HEAD.replace(
            "A short summary of the post.", "One or two plain sentences saying what the reader will "
            "learn (for the blog list, search and sharing).")),
        "still has the template's words 'One or two plain sentences saying what the reader will "
        "learn' -- replace them with your own before publishing, or keep 'Status: draft'",
        "Slip Template Summary"),
    "the template's instructions": Slip(
        "blog/slip-template-body.md", post("Slip Template Body", body=(
            "Sleep matters.\n\nBefore publishing: choose the Category (Wellness, Telehealth or "
            "Ketamine therapy) and a few Tags.\n")),
        "still has the template's words 'Before publishing: choose the Category' -- replace them "
        "with your own before publishing, or keep 'Status: draft'", "Slip Template Body"),
    "an empty first line": Slip(
        "blog/slip-blank.md", "\n" + post("Slip Blank First Line"),
        "the first line is empty, so the metadata lines below it are read as text -- delete the "
        "empty line at the top of the file", "Slip Blank First Line"),
    "a post saved in content/ itself": Slip(
        "slip-in-content.md", post("Slip In Content Folder"),
        "not in a folder the site reads, so it is never published -- move it to content/blog/",
        "Slip In Content Folder"),
    "a post in a folder nothing reads": Slip(
        "posts/slip-in-posts.md", post("Slip In Posts Folder"),
        "not in a folder the site reads, so it is never published -- move it to content/blog/",
        "Slip In Posts Folder"),
    "a page in a folder nothing reads": Slip(
        "page/slip-fees.md", "Title: Slip Our Fees Page\nSummary: What a session costs.\n\nFees.\n",
        "not in a folder the site reads, so it is never published -- move it to content/pages/",
        "Slip Our Fees Page"),
    "a post saved without .md": Slip(
        "blog/slip-winter-sleep", post("Slip No Ending"),
        "the site reads only files whose names end in .md, so this one is never published -- "
        "rename it to slip-winter-sleep.md", "Slip No Ending"),
    "the slug tags": Slip(
        "blog/slip-tags.md", post("Slip Slug Tags", "Slug: tags\n"),
        "slug: 'tags' would take the address /blog/tags/, which the site uses for its own page "
        "-- choose another slug", "Slip Slug Tags"),
    "the slug archive": Slip(
        "blog/slip-archive.md", post("Slip Slug Archive", "Slug: archive\n"),
        "slug: 'archive' would take the address /blog/archive/, which the site uses for its own "
        "page -- choose another slug", "Slip Slug Archive"),
}


def _commands(content, out, cache):
    invoke = [sys.executable, "-m", "invoke"]
    folders = ["--content", str(content), "--cache", str(cache)]
    return {
        "lint": invoke + ["lint", "--content", str(content)],
        "build": invoke + ["build", *folders, "--output", str(out / "build")],
        "strict": invoke + ["build", "--strict", *folders, "--output", str(out / "strict")],
        "publish": [sys.executable, "-m", "pelican", str(content), "-o", str(out / "publish"),
                    "-s", str(ROOT / "publishconf.py"), "-e", f'CACHE_PATH="{cache}"'],
    }


def _run(folder, warm_cache):
    """Every tool over the bundled site with every slip added: {tool: (exit status, output)}."""
    content, cache = folder / "content", folder / "cache"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(warm_cache, cache)   # the toolkit PDF, rendered once for all
    for slip in SLIPS.values():
        target = content / slip.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(slip.text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "STRICT_BUILD"}
    results = {}
    for tool, command in _commands(content, folder / "output", cache).items():
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        results[tool] = (run.returncode, run.stdout + run.stderr)
    return results


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    work = tmp_path_factory.mktemp("slips")
    warm = work / "warm"
    first = subprocess.run([sys.executable, "-m", "invoke", "build", "--content", str(ROOT / "content"),
                            "--output", str(warm / "output"), "--cache", str(warm / "cache")],
                           cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    return _run(work / "slipped", warm / "cache"), work / "slipped"


CASES = [(name, tool) for name in SLIPS for tool in TOOLS]


@pytest.mark.parametrize("name,tool", CASES, ids=[f"{name}-{tool}" for name, tool in CASES])
def test_each_slip_is_one_line_naming_its_file_with_the_right_exit_status(runs, name, tool):
    slip = SLIPS[name]
    status, output = runs[0][tool]
    expected = f"content/{slip.path}: {slip.line}"
    assert expected in output.splitlines(), f"{tool} printed no line\n  {expected}\n{output}"
    assert output.count(slip.path) == 1, f"{tool} named the file more than once:\n{output}"
    assert status == slip.exits[TOOLS.index(tool)], output
    assert "Traceback" not in output


@pytest.mark.parametrize("name", list(SLIPS))
def test_nothing_of_the_broken_file_reaches_the_built_site(runs, name):
    slip = SLIPS[name]
    folder = runs[1]
    stem = Path(slip.path).stem
    for build in ("build", "strict", "publish"):
        output = folder / "output" / build
        assert (output / "index.html").exists(), f"{build}: the good pages were not built"
        files = [path for path in output.rglob("*") if path.is_file() and "pagefind" not in path.parts]
        assert not [path for path in files if stem in path.as_posix()]
        holding = [path for path in files if path.suffix in TEXT
                   and slip.marker in path.read_text(encoding="utf-8", errors="replace")]
        assert holding == [], f"{build}: {slip.marker!r} is in {holding}"
