"""Clinical content: its sources, the facts pages share, the crisis box, and who approved it.

- `Sources: key, key` (keys of data/sources.yaml) becomes `content.sources`,
  the short "Sources" list at the end of the page; a clinical page without
  one, or a key nobody knows, is one line naming the file;
- `{fact:key}` in content is filled with the sentence of data/facts.yaml, so
  every page states a fact in the same words; a clinical page stating a fact
  must cite the fact's sources; an unknown fact is one line naming the file;
- `content.crisis_box`: clinical content, and text about suicidal thoughts or
  mood, shows the 988 box near the top (`Crisis_box: yes/no` decides otherwise);
- `content.not_medical_advice`: every article, issue and clinical page
  carries the note;
- `Approved_by: <clinician's key>` becomes `content.approved_by`; an unknown
  key is one line (which pages still lack it, `invoke golive` lists).

Settings: SOURCES, FACTS, APPROVALS (pelicanconf.py reads them from data/).
Signals: `initialized`, `generator_init`, `content_object_init`,
`all_generators_finalized`, `finalized`.
"""

from .receivers import register  # noqa: F401
