"""schema.org items, as plain dicts, for the practice and for each article or page."""

from bs4 import BeautifulSoup


def practice_id(settings):
    return f"{settings.get('SITEURL', '')}/#practice"


def practice(settings):
    """The practice as a MedicalBusiness: who it is, where it works, how to book."""
    details = settings.get("PRACTICE") or {}
    siteurl = settings.get("SITEURL", "")
    area = {"@type": "State", "name": details.get("area_served", "Illinois")}
    booking = details.get("booking_url")
    item = {
        "@context": "https://schema.org",
        "@type": "MedicalBusiness",
        "@id": practice_id(settings),
        "name": details.get("name") or settings.get("SITENAME"),
        "url": f"{siteurl}/",
        "description": settings.get("SITE_DESCRIPTION", ""),
        "email": details.get("email"),
        "telephone": details.get("phone"),
        "address": details.get("postal_address"),
        "areaServed": area,
        "sameAs": [url for _label, url in details.get("social", ())],
        # schema.org has no "telehealth" flag; a service offered through an
        # online channel is how a virtual appointment is described.
        "makesOffer": {
            "@type": "Offer",
            "areaServed": area,
            "itemOffered": {
                "@type": "Service",
                "name": "Telehealth appointments",
                "description": settings.get("LICENSURE_NOTICE", ""),
                "areaServed": area,
                "availableChannel": {
                    "@type": "ServiceChannel",
                    "name": "Virtual telehealth",
                    "serviceUrl": booking,
                },
            },
        },
    }
    if booking:
        item["potentialAction"] = {
            "@type": "ReserveAction",
            "name": "Book online",
            "target": {"@type": "EntryPoint", "urlTemplate": booking},
        }
    return {key: value for key, value in item.items() if value not in (None, "", [])}


def _publisher(settings):
    return {"@type": "MedicalBusiness", "@id": practice_id(settings),
            "name": (settings.get("PRACTICE") or {}).get("name") or settings.get("SITENAME")}


def _people(content, settings):
    """Authors: the practice itself by reference, anyone else as a Person."""
    names = [a.name for a in getattr(content, "authors", None) or []]
    practice_names = {settings.get("SITENAME"), settings.get("AUTHOR")}
    people = [
        _publisher(settings) if name in practice_names else {"@type": "Person", "name": name}
        for name in names
    ]
    if not people:
        return _publisher(settings)
    return people[0] if len(people) == 1 else people


# Every clinician's license is an Illinois one, issued by this body.
LICENSING_BOARD = {"@type": "GovernmentOrganization",
                   "name": "Illinois Department of Financial and Professional Regulation",
                   "areaServed": {"@type": "State", "name": "Illinois"}}


def clinician(person, settings):
    """The clinician who reviewed a page, as a Person with their Illinois license."""
    siteurl = settings.get("SITEURL", "")
    item = {
        "@type": "Person",
        "@id": f"{siteurl}/{person['profile_url']}",
        "name": person["name"],
        "honorificSuffix": person.get("credentials"),
        "jobTitle": person.get("role"),
        "url": f"{siteurl}/{person['profile_url']}",
        "worksFor": {"@id": practice_id(settings)},
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "name": person.get("license_type"),
            "identifier": person.get("license_number"),
            "recognizedBy": LICENSING_BOARD,
        },
    }
    return {key: value for key, value in item.items() if value not in (None, "")}


def _dates(content):
    dates = {}
    date = getattr(content, "date", None)
    if date is not None:
        dates["datePublished"] = date.isoformat()
    modified = getattr(content, "modified", None) or date
    if modified is not None:
        dates["dateModified"] = modified.isoformat()
    return dates


def _description(content):
    summary = getattr(content, "metadata", {}).get("summary") or ""
    return " ".join(BeautifulSoup(summary, "html.parser").get_text().split())


def item_for(content, settings, *, kind, health, reviewer, last_reviewed):
    """JSON-LD for one article (kind "article") or page (kind "page").

    An article is a BlogPosting on a web page; reviewedBy and lastReviewed
    belong to the page, so a reviewed article carries both in one @graph.
    """
    url = f"{settings.get('SITEURL', '')}/{content.url}"
    title = " ".join(getattr(content, "title", "").split())
    page = {
        "@type": "MedicalWebPage" if health else "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": getattr(content, "lang", None) or settings.get("DEFAULT_LANG", "en"),
        "isPartOf": {"@type": "WebSite", "@id": f"{settings.get('SITEURL', '')}/#website",
                     "name": settings.get("SITENAME"), "url": f"{settings.get('SITEURL', '')}/"},
        "publisher": {"@id": practice_id(settings)},
    }
    if reviewer:
        page["reviewedBy"] = clinician(reviewer, settings)
    if last_reviewed:
        page["lastReviewed"] = last_reviewed.isoformat()
    description = _description(content)
    if kind == "article":
        posting = {
            "@type": "BlogPosting",
            "@id": f"{url}#article",
            "headline": title,
            "url": url,
            "mainEntityOfPage": {"@id": url},
            "author": _people(content, settings),
            "publisher": _publisher(settings),
            **_dates(content),
        }
        if description:
            posting["description"] = description
        keywords = [str(tag) for tag in getattr(content, "tags", None) or []]
        if keywords:
            posting["keywords"] = keywords
        page["mainEntity"] = {"@id": posting["@id"]}
        return {"@context": "https://schema.org", "@graph": [posting, page]}
    page.update({"headline": title, "author": _people(content, settings), **_dates(content)})
    page["publisher"] = _publisher(settings)
    if description:
        page["description"] = description
    return {"@context": "https://schema.org", **page}
