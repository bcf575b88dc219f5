"""The Nu HTML Checker (npm package vnu-jar) over built pages, in one JVM run."""

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Warnings the checker gives that are wrong for this site, with the reason. They are
# still printed; errors are never filtered.
# Each is (pattern over the message, pattern over its extract, reason).
KNOWN_FALSE_POSITIVES = [
    (re.compile(r"^Resource violates Content Security Policy"), re.compile(r"href=\"/|src=\"/"),
     "the checker reads local files, which have no origin, so 'self' matches nothing; "
     "the browser tests load the same pages over HTTP with the policy in force"),
    (re.compile(r"^Inline script violates Content Security Policy"),
     re.compile(r"application/ld\+json"),
     "JSON-LD (<script type=application/ld+json>) is a data block that never runs, "
     "so script-src does not apply to it"),
]


def known_false_positive(message, extract):
    """The reason a warning is known to be wrong for this site, or ''."""
    for about_message, about_extract, reason in KNOWN_FALSE_POSITIVES:
        if about_message.search(message) and about_extract.search(extract):
            return reason
    return ""


# Newsletter emails (previewed at email-preview/<slug>/email.html) are written for mail
# clients, not browsers. These errors are how email must be written; any other error in
# an email still fails. Each is (pattern over "message [extract]", reason).
EMAIL_DOCUMENT = re.compile(r"^email-preview/[^/]+/email\.html$")
EMAIL_CONVENTIONS = [
    (re.compile(r"^Bad value “\*\|[A-Z0-9_:]+\|\*” for attribute “href”"),
     "a Mailchimp merge tag: Mailchimp puts the real link in when it sends"),
    (re.compile(r"^CSS: “mso-[a-z-]+”: Property “mso-[a-z-]+” doesn't exist"),
     "an Outlook-only property that hides the preheader there"),
    (re.compile(r"^Element “meta” is missing one or more of the following attributes: “content”"
                r".*name=\"x-apple-disable-message-reformatting\""),
     "Apple Mail's switch, which by convention has no content"),
]


def email_convention(line):
    """Why an error line from an email document is how email must be written, or ''."""
    path, _, rest = line.partition(":")
    if not EMAIL_DOCUMENT.match(path):
        return ""
    text = rest.split(": ", 1)[1] if ": " in rest else rest
    for pattern, reason in EMAIL_CONVENTIONS:
        if pattern.search(text):
            return reason
    return ""


@dataclass
class VnuResult:
    errors: list = field(default_factory=list)     # "file:line:col: message [extract]"
    warnings: list = field(default_factory=list)   # the same
    _kinds: Counter = field(default_factory=Counter)  # (message, reason) -> count

    def warning_summary(self):
        """Each distinct warning once, with how often it came and why, if known, it is wrong."""
        lines = []
        for (message, reason), count in self._kinds.most_common():
            lines.append(f"{count:>4} × {message}")
            if reason:
                lines.append(f"       known false positive: {reason}")
        return "\n".join(lines)


def java():
    return shutil.which("java")


def available():
    """Why the checker cannot run, or '' when it can."""
    if not java():
        return "java not found: install a JRE (apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR} not found: run `npm ci` in {ROOT}"
    return ""


def validate(files, root=None):
    """Check HTML files in a single checker run; paths in messages are relative to root."""
    files = [str(f) for f in files]
    if not files:
        return VnuResult()
    proc = subprocess.run(
        [java(), "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html",
         "--exit-zero-always", *files],
        capture_output=True, text=True,
    )
    # The JSON report goes to stderr; anything else there is the checker failing.
    try:
        report = json.loads(proc.stderr)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"the Nu HTML Checker did not report: {proc.stderr[:2000]}") from exc
    result = VnuResult()
    for message in report.get("messages", []):
        line = _format(message, root)
        if message.get("type") == "info" and message.get("subType") == "warning":
            result.warnings.append(line)
            text = message.get("message", "").strip()
            result._kinds[(text, known_false_positive(text, message.get("extract", "")))] += 1
        elif message.get("type") in ("error", "non-document-error"):
            result.errors.append(line)
    return result


def _format(message, root):
    path = unquote(urlsplit(message.get("url", "")).path)
    if root and Path(path).resolve().is_relative_to(Path(root).resolve()):
        path = str(Path(path).resolve().relative_to(Path(root).resolve()))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    where = f"{path}:{message.get('lastLine', '?')}:{column}"
    text = message.get("message", "").strip()
    extract = message.get("extract", "").replace("\n", " ").strip()
    return f"{where}: {text}" + (f" [{extract}]" if extract else "")
