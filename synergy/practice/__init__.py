"""The practice's details and clinicians: one file, data/practice.yaml, read once.

- details: the file read into settings (PRACTICE, CLINICIANS, the Mailchimp
  form values and PRACTICE_PLACEHOLDERS: what is still marked `!placeholder`);
- check: those settings checked as the build receives them;
- clinicians: a clinician named by key, as review lines and JSON-LD show them;
- copies: a practice detail typed into a content file (the content lint refuses it);
- golive: what still stops the site going live (`invoke golive`).
"""
