"""Clinical content: the public sources it cites, the facts several pages state, who approved it.

- data: data/sources.yaml, data/facts.yaml and data/approvals.yaml read into
  settings (SOURCES, FACTS, APPROVALS), each checked, a mistake one line;
- pages: which content is clinical, which needs the crisis box near the top;
- approval: what the practice has still to approve before the site goes live.
"""
