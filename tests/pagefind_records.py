"""Read back what a built Pagefind index holds: one record per result, as Pagefind stored it."""

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def index_records(output, folder="pagefind"):
    """{url: {"url", "content", "meta", "filters"}} for every record in the index's fragments.

    A record's address is its `url` metadata when it has one (Pagefind's UI links
    there), else the page's own URL.
    """
    records = {}
    for fragment in sorted((Path(output) / folder / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(SIGNATURE), f"{fragment} is not a Pagefind fragment"
        record = json.loads(raw[len(SIGNATURE):])
        url = record["meta"].get("url") or record["url"]
        records[url] = {**record, "url": url}
    return records
