"""schema.org FAQPage for the questions of one page."""


def faq_page(sections, page_url):
    """FAQPage JSON-LD (a dict) whose names and texts are the page's visible text."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "@id": f"{page_url}#faq",
        "url": page_url,
        "mainEntity": [
            {
                "@type": "Question",
                "@id": f"{page_url}#{q.id}",
                "url": f"{page_url}#{q.id}",
                "name": q.question,
                "acceptedAnswer": {"@type": "Answer", "text": q.answer},
            }
            for section in sections
            for q in section.questions
        ],
    }
