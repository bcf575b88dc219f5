"""`invoke signups PATH.csv [--apply]`: offline signup lists brought into the Mailchimp audience.

- signup_file.py: read a list (CSV) into people; write the rows still to do;
- sync.py: compare with the audience, write what is missing, account for every row.
"""

from .sync import main  # noqa: F401
