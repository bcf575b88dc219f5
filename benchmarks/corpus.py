"""Generate a corpus of realistic articles for the build benchmarks.

Each article is about 700 words of Markdown with headings, lists, links, tags
from a fixed pool and, for every fifth one, a short FAQ section. The text is
made from a seeded generator, so the same N always gives the same corpus.
"""

import random
from datetime import date, datetime, timedelta
from pathlib import Path

WORDS = (
    "calm sleep stress breath practice body mind routine evening morning walk "
    "water snack protein fibre screen light rest anxiety mood therapy session "
    "integration clinician screening support family friend journal gentle steady "
    "notice return attention habit week month small change kind patient honest "
    "question answer care plan goal review safety risk benefit time space quiet"
).split()
TAGS = [
    "sleep", "stress", "nutrition", "meditation", "ketamine", "telehealth",
    "anxiety", "depression", "self-care", "integration", "movement", "habits",
]
# The site's categories (CONTENT_CATEGORIES): any other is refused by the build.
CATEGORIES = ["Wellness", "Ketamine therapy", "Telehealth"]
# Every article carries a review: a ketamine tag or category makes it clinical,
# and clinical content without one is left out of the site.
# A review names a clinician of data/practice.yaml by key, and clinical content cites its sources.
REVIEW = ["Reviewer: prescriber", f"Last_reviewed: {date.today() - timedelta(days=30)}",
          "Sources: fda-compounded-ketamine-2023"]


def _sentence(rng, n=None):
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng, sentences=4):
    return " ".join(_sentence(rng) for _ in range(sentences))


def article(i, rng, start):
    date = start + timedelta(hours=7 * i)
    tags = rng.sample(TAGS, 3)
    parts = [
        f"Title: Benchmark article {i}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(tags)}",
        f"Slug: bench-{i:05d}",
        f"Summary: {_sentence(rng)}",
        *REVIEW,
        "",
        _paragraph(rng, 5),
        "",
    ]
    for h in range(4):
        parts += [f"## {_sentence(rng, 4)[:-1]}", "", _paragraph(rng, 5), "",
                  _paragraph(rng, 5), ""]
        parts += [f"- {_sentence(rng, 6)}" for _ in range(4)] + [""]
        parts += [f"Read more in [article {max(i - h - 1, 0)}]"
                  f"({{filename}}/blog/bench-{max(i - h - 1, 0):05d}.md) "
                  f"or on [the FDA site](https://www.fda.gov/).", ""]
    if i % 5 == 0:
        parts += ["## Common questions {.faq}", ""]
        for q in range(3):
            parts += [f"### Question {q + 1}: is {rng.choice(WORDS)} {rng.choice(WORDS)} safe?",
                      "", _paragraph(rng, 2), ""]
    return "\n".join(parts)


def write_corpus(folder, count, seed=20261128):
    """Write `count` articles into folder/ (which is emptied first)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("bench-*.md"):
        old.unlink()
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 8, 0)
    for i in range(count):
        (folder / f"bench-{i:05d}.md").write_text(article(i, rng, start), encoding="utf-8")
    return folder


if __name__ == "__main__":
    import sys

    out = write_corpus(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    words = sum(len(p.read_text().split()) for p in out.glob("*.md"))
    print(f"{len(list(out.glob('*.md')))} articles, {words} words in {out}")
