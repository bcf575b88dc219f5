"""Every item of one of Mailchimp's paged lists, a page of up to 1,000 at a time."""

PAGE = 1000  # Mailchimp's largest page


def every(mc, path, key, query=None, *, offset=0, count=PAGE):
    """Yield each item under `key` of GET path, page by page, from `offset`.

    When `fields` is given in the query it must include total_items, which says
    where the list ends; an empty page ends it too.
    """
    query = dict(query or {})
    while True:
        page = mc.get(path, {**query, "count": count, "offset": offset}) or {}
        batch = page.get(key, [])
        yield from batch
        offset += len(batch)
        if not batch or offset >= int(page.get("total_items", 0)):
            return
