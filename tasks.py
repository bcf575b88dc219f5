"""Every project task: `invoke --list` shows them. The Makefile only calls these."""

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

from synergy.boundary import guard

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


# Tasks that take words in order, such as `invoke new post "Title"`. Invoke
# would take a --help after the task's name for one of those words (so
# `invoke new post --help` made content/blog/-help.md); asked for help, they
# show it and do nothing else.
TAKES_WORDS = ("new", "signups")


def _help_instead(argv):
    """Run `invoke --help TASK` in place of a task that takes words when --help follows it."""
    program = Path(argv[0])
    if not argv or program.name not in ("invoke", "inv") and program.parent.name != "invoke":
        return
    words = argv[1:]
    for index, word in enumerate(words):
        if word in TAKES_WORDS:
            if {"-h", "--help"} & set(words[index + 1:]):
                os.execv(sys.executable, [sys.executable, "-m", "invoke", *words[:index], "--help", word])
            return


_help_instead(sys.argv)


def pelican_run(c, args, env=None, warn=False):
    """Run Pelican in its own process so a content error exits cleanly, without a traceback."""
    cmd = f"{shlex.quote(sys.executable)} -m pelican {args}"
    result = c.run(cmd, env=env or {}, pty=False, warn=True)
    if result.failed and not warn:
        # Pelican has printed one line per problem; Invoke's own report of the
        # failed command would only bury them.
        sys.exit(result.exited)
    return result


@task
def clean(c):
    """Remove the built site and the content cache."""
    for folder in (CONFIG["output"], "cache"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task(help={
    "strict": "read every file afresh and fail on any warning, as the publish build does",
    "content": "content folder to build (default content/)",
    "output": "folder to build into (default output/)",
    "cache": "content cache folder (default cache/)",
})
def build(c, strict=False, content="", output="", cache=""):
    """Build the site into output/ with the development settings; any content mistake fails it."""
    env = {"STRICT_BUILD": "1"} if strict else {}
    pelican_run(c, _pelican_args(CONFIG["settings_base"], content, output, cache), env=env)


def _pelican_args(settings, content="", output="", cache=""):
    """Pelican's arguments for a build of content into output, every folder absolute."""
    folders = (_folder(content, "content"), _folder(output, CONFIG["output"]), _folder(cache, "cache"))
    overrides = shlex.quote(f"CACHE_PATH={json.dumps(folders[2])}")
    return (f"{shlex.quote(folders[0])} -o {shlex.quote(folders[1])} "
            f"-s {shlex.quote(str(ROOT / settings))} -e {overrides}")


@task
def preview(c):
    """Build the site as it will be published (publishconf.py: strict, absolute URLs)."""
    pelican_run(c, _pelican_args(CONFIG["settings_publish"]))


@task
def serve(c):
    """Serve output/ at http://localhost:8000/."""
    pelican_run(
        c,
        f"--listen -o {CONFIG['output']} -s {CONFIG['settings_base']} "
        f"-b {CONFIG['host']} -p {CONFIG['port']}",
    )


def _preview_server():
    """livereload's server, with its script loaded from our own origin.

    livereload injects an inline script, which the site's Content-Security-Policy
    (script-src 'self') rightly blocks; a <script src> from the same server is
    allowed, and the page reloads as intended. Saved files are looked for every
    0.1 s (livereload's own loop waits 0.8 s).
    """
    from livereload import Server
    from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
    from livereload.server import LiveScriptInjector
    from livereload.watcher import Watcher
    from tornado import ioloop, web

    class QuickWatcher(Watcher):
        def start(self, callback):
            ioloop.PeriodicCallback(callback, 100).start()
            return True

    class PreviewServer(Server):
        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css

            class Inject(LiveScriptInjector):
                script = f'<script src="/livereload.js?port={port}"></script>'.encode()

            handlers = [
                (r"/livereload", LiveReloadHandler),
                (r"/forcereload", ForceReloadHandler),
                (r"/livereload.js", LiveReloadJSHandler),
                *self.get_web_handlers(Inject.script),
            ]
            web.Application(handlers=handlers, debug=bool(debug), transforms=[Inject]).listen(
                port, address=host)

    return PreviewServer(watcher=QuickWatcher())


@task(help={
    "port": "port to serve on (default 8000)",
    "content": "content folder to watch and build (default content/)",
    "output": "folder to build into (default output/)",
    "cache": "content cache folder (default cache/)",
})
def livereload(c, port=0, content="", output="", cache=""):
    """Rebuild on every save and reload the open browser page (http://localhost:8000/)."""
    import jinja2

    content = _folder(content, "content")
    output = _folder(output, CONFIG["output"])
    cache = _folder(cache, "cache")
    port = int(port or CONFIG["port"])
    builds = []

    # Templates compiled once, not on every rebuild (half of a rebuild's time
    # otherwise); Jinja recompiles a template whose source changed. A class of
    # Jinja's own, because Pelican pickles the settings into its content cache.
    os.makedirs(os.path.join(cache, "templates"), exist_ok=True)
    templates = jinja2.FileSystemBytecodeCache(os.path.join(cache, "templates"))

    def rebuild():
        """Re-read the settings and build; a content mistake is reported, the server keeps going."""
        from pelican import Pelican
        from pelican.settings import read_settings

        first = not builds
        builds.append(1)
        try:
            with guard():  # a mistake in data/practice.yaml, too, is one line and the preview goes on
                settings = read_settings(str(ROOT / CONFIG["settings_base"]), override={
                    "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache,
                    # The search index is made by the first build only: indexing takes
                    # seconds, and an edit should show in well under one.
                    "SEARCH_INDEX": first,
                    # Content mistakes are printed one line each; the preview goes on.
                    "STRICT_REPORT": True,
                })
                settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": templates}
                Pelican(settings).run()
        except SystemExit:  # one line per problem is printed; the preview goes on
            pass
        except Exception as error:
            print(f"Build failed: {error}", file=sys.stderr)

    _port_is_free(port)
    rebuild()
    server = _preview_server()
    # data/ holds the practice's details: a change there changes pages too.
    for pattern in (f"{content}/**/*", f"{ROOT / 'theme'}/**/*", f"{ROOT / 'data'}/*.yaml",
                    str(ROOT / CONFIG["settings_base"])):
        server.watch(pattern, rebuild)
    print(f"Previewing at http://{CONFIG['host']}:{port}/ -- edits appear on save; "
          "restart after changing a plugin.", flush=True)
    server.serve(host=CONFIG["host"], port=port, root=output, restart_delay=0)


def _port_is_free(port):
    """One line and exit status 1, not a traceback, when the port is taken (a preview already running)."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind((CONFIG["host"], port))
        except OSError:
            sys.exit(f"port {port} is in use, perhaps by a preview already running -- stop that one "
                     f"with Ctrl+C in its window, or add --port {port + 1}")


def _folder(given, default):
    """A folder option: as given (from where the task was run), else the project's default."""
    return os.path.abspath(given) if given else str(ROOT / default)


def _plugin_modules():
    """Make plugins/ importable from a task (Pelican loads them by path itself)."""
    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))


def _site_settings():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / CONFIG["settings_base"]))


@task(help={
    "kind": "post, page or issue (a newsletter issue)",
    "title": "the title, in quotes",
    "content": "content folder to write into (default content/)",
})
def new(c, kind, title, content=""):
    """Start a new post, page or newsletter issue as a draft: invoke new post "Title"."""
    from synergy.clock import now
    from synergy.content.skeletons import create

    with guard():
        path = create(kind, title, _folder(content, "content"), now(_site_settings()))
    shown = os.path.relpath(path)
    print(f"Created {path if shown.startswith('..') else shown} (a draft): replace the "
          "instructions in it with your text, then preview it with `.venv/bin/invoke livereload`.")


@task(help={"content": "content folder to check (default content/)"})
def lint(c, content=""):
    """Check every content file with the rules every build runs; one line per problem (see EDITING.md)."""
    from synergy.content import main

    with guard():
        sys.exit(main(_folder(content, "content"), settings=_site_settings()))


@task(help={"check": "only say whether EDITING.md's tables match the catalogue (exit 1 if not)"})
def catalogue(c, check=False):
    """Write EDITING.md's tables of messages from synergy/catalogue.py, the one list of them."""
    from synergy.catalogue import write_table

    editing = ROOT / "EDITING.md"
    before = editing.read_text(encoding="utf-8")
    after = write_table(before)
    if check:
        if before != after:
            sys.exit("EDITING.md: its tables of messages differ from synergy/catalogue.py "
                     "-- run `invoke catalogue` and commit the result")
        return
    if before != after:
        editing.write_text(after, encoding="utf-8")
        print("EDITING.md: tables of messages rewritten from synergy/catalogue.py")
    else:
        print("EDITING.md: tables of messages already match synergy/catalogue.py")


@task(help={"settings": "the settings file to check (default publishconf.py)",
            "content": "content folder whose clinical pages must be approved (default content/)"})
def golive(c, settings="", content=""):
    """List each practice detail still a placeholder and each clinical page or changed answer the
    practice has not approved, one line each with what to do, and the Mailchimp steps only done by
    hand; fails while any is left (publish runs it first)."""
    from pelican.settings import read_settings

    from synergy.clinical import data
    from synergy.practice import check
    from synergy.practice import golive as readiness

    with guard():
        # The content is the project's, whichever settings file describes the practice.
        config = read_settings(_folder(settings, CONFIG["settings_publish"]),
                               override={"PATH": _folder(content, "content")})
        check.practice(config)
        check.clinicians(config)
        data.check(config)
        lines, ready = readiness.report(config)
    print("\n".join(lines))
    if not ready:
        sys.exit(1)


@task(help={"send_newsletter": "after deploying, send due newsletter issues (invoke newsletter --send)"})
def publish(c, send_newsletter=False):
    """Check nothing is a placeholder (golive), build with publishconf.py and deploy output/:
    GitHub Pages, or rsync when DEPLOY_RSYNC_TARGET is set."""
    golive(c)
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
    if send_newsletter:
        # After the deploy, so each email's "view in browser" page is already live.
        newsletter(c, send=True, output=CONFIG["output"])


@task(help={"k": "only tests matching this pytest -k expression", "x": "stop at the first failure",
            "workers": "test processes (pytest-xdist); default one per CPU, 0 runs them all in this one",
            "count_asserts": "count the asserts each test runs (artifacts/assert-counts.json)"})
def test(c, k="", x=False, workers="auto", count_asserts=False):
    """Run ruff over the code, then the whole test suite."""
    linted = subprocess.run([str(VENV_BIN / "ruff"), "check", "--quiet", "."], cwd=ROOT)
    if linted.returncode != 0:
        sys.exit("ruff found the problems above -- fix them (`ruff check --fix .` mends many) "
                 "and run the tests again")
    args = ["-q"]
    if str(workers) != "0":
        # Each test file in one process, so a module's own build (a module-scoped
        # fixture) is made once, not once in every process that runs some of its tests.
        args += ["-n", str(workers), "--dist", "loadfile"]
    if k:
        args += ["-k", k]
    if x:
        args.append("-x")
    if count_asserts:
        # Test files compiled without pytest's assertion-pass hook would count nothing.
        for compiled in (ROOT / "tests").rglob("__pycache__/*-pytest-*.pyc"):
            compiled.unlink()
        args += ["-o", "enable_assertion_pass_hook=true"]
    result = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT)
    sys.exit(result.returncode)


@task(help={"output": "the built site to check (default output/)"})
def links(c, output=""):
    """Check every internal link and #fragment in output/; list external links (never fetched)."""
    from synergy.gates.links import main

    site = Path(_folder(output, CONFIG["output"]))
    if not (site / "index.html").exists():
        sys.exit(f"{site}/ has no built site: run `invoke build` first")
    report = ROOT / "artifacts" / "external-links.txt"
    status = main([str(site), str(report), "http://localhost:8000"])
    print(report.read_text(encoding="utf-8"), end="")
    sys.exit(status)


@task
def audit(c):
    """Lighthouse (mobile) on home, an article, the KAP/FAQ page and the toolkit: reports in
    artifacts/lighthouse/ and a table of the four scores."""
    from synergy.gates.lighthouse import audit as run_audit
    from synergy.gates.lighthouse import table

    out = ROOT / "artifacts" / "lighthouse"
    print(table(run_audit(out)))
    print(f"HTML reports: {out}/<page>.report.html")


@task(help={"path": "the signup CSV (keep it in private/)",
            "apply": "write to Mailchimp (without it: a dry run that only reads)"})
def signups(c, path, apply=False):
    """Bring offline signups (CSV: email, first_name, last_name, tags, consented_at) into the
    Mailchimp audience; a dry run unless --apply. Needs MAILCHIMP_API_KEY."""
    from synergy.signups import main

    with guard():
        sys.exit(main(path, apply_changes=apply, root=ROOT))


@task(help={"send": "create, test and schedule each due issue in Mailchimp (needs MAILCHIMP_API_KEY)",
            "pull": "import issues sent from Mailchimp that content/newsletter/ lacks",
            "output": "use this already built site instead of building one",
            "commit": "commit the ledger after --send (default; --no-commit to skip)"})
def newsletter(c, send=False, pull=False, output="", commit=True):
    """Newsletter issues: a dry run says what each issue needs; --send sends each due issue
    exactly once; --pull brings older issues in from Mailchimp's archive."""
    _plugin_modules()
    from synergy_newsletter.command import main

    with guard():
        sys.exit(main(ROOT, settings_file=CONFIG["settings_publish"], send=send, pull_issues=pull,
                      output=str(ROOT / output) if output else "", commit=commit))


@task(help={"sizes": "corpus sizes, e.g. --sizes 300 (default 300 and 1000)",
            "runs": "timed runs of each build (default 3)",
            "suite": "also time the whole test suite once (default; --no-suite to skip)"})
def bench(c, sizes="300,1000", runs=3, suite=True):
    """Benchmarks: clean and warm builds and the live preview vs plain Pelican, the test suite,
    page weight, email size, PDF, signups (benchmarks/latest.json)."""
    size_args = " ".join(s.strip() for s in str(sizes).split(",") if s.strip())
    c.run(f"{shlex.quote(sys.executable)} benchmarks/run.py --sizes {size_args} --runs {int(runs)}"
          + ("" if suite else " --no-suite"), pty=False)


@task
def lock(c):
    """Re-resolve requirements.txt into constraints.txt (run after changing a pin)."""
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        check=True, capture_output=True, text=True,
    ).stdout
    header = "# Full resolved set for requirements.txt (pip freeze); regenerate with `invoke lock`.\n"
    (ROOT / "constraints.txt").write_text(header + frozen)
