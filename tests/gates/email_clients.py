"""Each newsletter email checked against caniemail.com's data on what mail clients support.

The npm package caniemail (pinned in package.json) carries the data and the
checker; tests/gates/email_clients.mjs runs it over the files. A feature one
of CLIENTS lacks must be in theme/email/client-support.json with the fallback
that covers it.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("email_clients.mjs")
ALLOWED = ROOT / "theme" / "email" / "client-support.json"
PACKAGE = ROOT / "node_modules" / "caniemail" / "package.json"

# The clients our readers use most: Gmail, Outlook and Apple Mail, as caniemail names them.
CLIENTS = {
    "gmail.desktop-webmail": "Gmail on the web",
    "gmail.ios": "Gmail for iOS",
    "gmail.android": "Gmail for Android",
    "outlook.windows": "Outlook for Windows",
    "outlook.macos": "Outlook for Mac",
    "outlook.outlook-com": "Outlook on the web",
    "apple-mail.macos": "Apple Mail on the Mac",
    "apple-mail.ios": "Apple Mail on iPhone and iPad",
}


@dataclass(frozen=True)
class Finding:
    file: str
    client: str
    feature: str
    support: str      # "none" or "partial"
    line: int | None

    def __str__(self):
        where = f":{self.line}" if self.line else ""
        return f"{self.file}{where}: {self.feature} -- {CLIENTS.get(self.client, self.client)} " \
               f"{'lacks it' if self.support == 'none' else 'supports it only in part'}"


def check(files):
    """Every feature of the files that one of CLIENTS lacks or supports in part."""
    node = shutil.which("node")
    if node is None or not PACKAGE.exists():
        raise RuntimeError("the email check needs Node.js 20.19+ and the npm tools: run "
                           "`npm ci --ignore-scripts` (make test does it)")
    request = {"clients": sorted(CLIENTS), "files": [str(f) for f in files]}
    run = subprocess.run([node, str(SCRIPT)], input=json.dumps(request), capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    if run.returncode != 0:
        raise RuntimeError(f"caniemail failed: {run.stderr.strip()}")
    return [Finding(file, item["client"], item["title"], item["support"], item["line"])
            for file, items in json.loads(run.stdout).items() for item in items]


def allowed():
    """{(feature, client): fallback} from theme/email/client-support.json."""
    data = json.loads(ALLOWED.read_text(encoding="utf-8"))
    return {(entry["feature"], client): entry["fallback"]
            for entry in data["allowed"] for client in entry["clients"]}


def unsupported(findings, allow):
    """What a client lacks that no fallback in the allow-list covers."""
    return [f for f in findings if f.support == "none" and (f.feature, f.client) not in allow]
