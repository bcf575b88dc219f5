"""`invoke signups PATH.csv [--apply]`: offline signup lists brought into the Mailchimp audience.

- table.py: the file read strictly (encoding, separator, quotes, row width);
- signup_file.py: rows into people, or rejected rows; consent.py: consented_at;
- audience.py: what the audience holds for them; plan.py: what each needs;
- writing.py: the writes, in bulk; refused.py: addresses Mailchimp refuses for good;
- accounting.py: every data line accounted for; safe_csv.py: files written back;
- sync.py: the command.
"""

from .sync import main  # noqa: F401
