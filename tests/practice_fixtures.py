"""A settings file giving every practice detail, a photo as a phone takes it, approved content: for the tests."""

from sitebuild import ROOT


def photo_with_location(path):
    """A 1200 x 800 photo carrying the camera's make and a GPS position, as phones write them."""
    from PIL import Image

    image = Image.new("RGB", (1200, 800), (120, 160, 150))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (41.0, 52.0, 0.0)}
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


FILLED_SETTINGS = '''"""Every practice detail given, as the practice would: for tests only."""
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

# Relative paths in a settings file are read from its own folder.
PLUGIN_PATHS = [{root!r} + "/plugins"]
THEME = {root!r} + "/theme"
PRACTICE = {{
    "name": "Synergy Integrative Health & Wellness", "area_served": "Illinois",
    "email": "office@example.org", "phone": "(312) 555-0100",
    "booking_url": "https://booking.example.org/synergy/",
    "postal_address": "1 Example Plaza, Suite 2, Chicago, IL 60601",
    "social": [("Instagram", "https://www.instagram.com/example-practice/"),
               ("Facebook", "https://www.facebook.com/example-practice/"),
               ("YouTube", "https://www.youtube.com/@example-practice")],
}}
CLINICIANS = {{
    "prescriber": {{"name": "Ada Example", "credentials": "DO", "license_type": "Physician and Surgeon",
                   "license_number": "036.999999", "role": "Medical screening", "bio": "Ada's bio.",
                   "photo": ""}},
    "therapist": {{"name": "Grace Sample", "credentials": "LCSW", "license_type": "Licensed Clinical Social Worker",
                  "license_number": "149.999999", "role": "Psychotherapy", "bio": "Grace's bio.",
                  "photo": {photo!r}}},
}}
MAILCHIMP_ACCOUNT = "examplepractice"
MAILCHIMP_DC = "us6"
MAILCHIMP_FORM_U = "0123456789abcdef"
MAILCHIMP_AUDIENCE_ID = "abcdef0123"
MAILCHIMP_TOOLKIT_TAG_ID = "12345"
# The practice has compared its own wording with the site's and agreed.
APPROVALS = [{{**change, "approved_by": "prescriber"}} for change in APPROVALS]
'''


def approved_content(folder, approver="prescriber"):
    """A copy of the bundled content with every clinical page approved by approver."""
    import shutil

    from content_files import clinical_files

    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    for path in clinical_files(content):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        path.write_text(f"{head}\nApproved_by: {approver}\n\n{body}", encoding="utf-8")
    return content
