"""Every project task: `invoke --list` shows them. The Makefile only calls these."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "output": "output",
    "host": "localhost",
    "port": 8000,
    "github_pages_branch": "gh-pages",
    # rsync target such as "user@host:/srv/www/", from the environment only.
    "rsync_target": os.environ.get("DEPLOY_RSYNC_TARGET", ""),
}


def pelican_run(c, args, env=None, warn=False):
    """Run Pelican in its own process so a content error exits cleanly, without a traceback."""
    cmd = f"{shlex.quote(sys.executable)} -m pelican {args}"
    return c.run(cmd, env=env or {}, pty=False, warn=warn)


@task
def clean(c):
    """Remove the built site and the content cache."""
    for folder in (CONFIG["output"], "cache"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task
def build(c, strict=False):
    """Build the site into output/ with the development settings."""
    env = {"STRICT_BUILD": "1"} if strict else {}
    pelican_run(c, f"content -o {CONFIG['output']} -s {CONFIG['settings_base']}", env=env)


@task
def preview(c):
    """Build the site as it will be published (publishconf.py: strict, absolute URLs)."""
    pelican_run(c, f"content -o {CONFIG['output']} -s {CONFIG['settings_publish']}")


@task
def serve(c):
    """Serve output/ at http://localhost:8000/."""
    pelican_run(
        c,
        f"--listen -o {CONFIG['output']} -s {CONFIG['settings_base']} "
        f"-b {CONFIG['host']} -p {CONFIG['port']}",
    )


@task
def livereload(c):
    """Rebuild on every save and reload the open browser page (http://localhost:8000/)."""
    from livereload import Server

    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(CONFIG["settings_base"], override={"OUTPUT_PATH": CONFIG["output"]})
    site = Pelican(settings)

    def rebuild():
        try:
            site.run()
        except Exception as error:  # keep serving; the editor sees the message
            print(f"Build failed: {error}", file=sys.stderr)

    rebuild()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(pattern, rebuild)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["output"])


@task
def publish(c):
    """Build with publishconf.py and deploy output/: GitHub Pages, or rsync when DEPLOY_RSYNC_TARGET is set."""
    preview(c)
    if CONFIG["rsync_target"]:
        c.run(
            f"rsync --delete --checksum --recursive --verbose "
            f"{CONFIG['output']}/ {shlex.quote(CONFIG['rsync_target'])}"
        )
    else:
        c.run(
            f"{shlex.quote(str(VENV_BIN / 'ghp-import'))} --no-jekyll --push --force "
            f"--branch {CONFIG['github_pages_branch']} "
            f"--message 'Publish the site' {CONFIG['output']}"
        )


@task(help={"k": "only tests matching this pytest -k expression", "x": "stop at the first failure"})
def test(c, k="", x=False):
    """Run the whole test suite."""
    args = ["-q"]
    if k:
        args += ["-k", k]
    if x:
        args.append("-x")
    result = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT)
    sys.exit(result.returncode)


@task
def links(c):
    """Check every internal link and #fragment in output/; list external links (never fetched)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from gates.links import main

    if not (ROOT / CONFIG["output"] / "index.html").exists():
        sys.exit(f"{CONFIG['output']}/ has no built site: run `invoke build` first")
    report = ROOT / "artifacts" / "external-links.txt"
    status = main([str(ROOT / CONFIG["output"]), str(report), "http://localhost:8000"])
    print(report.read_text(encoding="utf-8"), end="")
    sys.exit(status)


@task
def audit(c):
    """Lighthouse (mobile) on home, an article, the KAP/FAQ page and the toolkit: reports in
    artifacts/lighthouse/ and a table of the four scores."""
    sys.path.insert(0, str(ROOT / "tests"))
    from gates.lighthouse import audit as run_audit, table

    out = ROOT / "artifacts" / "lighthouse"
    print(table(run_audit(out)))
    print(f"HTML reports: {out}/<page>.report.html")


@task(help={"path": "the signup CSV (keep it in private/)",
            "apply": "write to Mailchimp (without it: a dry run that only reads)"})
def signups(c, path, apply=False):
    """Bring offline signups (CSV: email, first_name, last_name, tags, consented_at) into the
    Mailchimp audience; a dry run unless --apply. Needs MAILCHIMP_API_KEY."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from mailchimp_sync.signups import main

    sys.exit(main(path, apply_changes=apply, root=ROOT))


@task
def lock(c):
    """Re-resolve requirements.txt into constraints.txt (run after changing a pin)."""
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        check=True, capture_output=True, text=True,
    ).stdout
    header = "# Full resolved set for requirements.txt (pip freeze); regenerate with `invoke lock`.\n"
    (ROOT / "constraints.txt").write_text(header + frozen)
