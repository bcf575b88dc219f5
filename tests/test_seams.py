"""The seams between plugins: each stands alone, shares code only through the synergy library,
and the strict report hears from every plugin, whatever the order of PLUGINS."""

import ast
import random
from pathlib import Path

import pytest

import pelicanconf
from sitebuild import ROOT, build_site

PLUGINS = ROOT / "plugins"
LIBRARY = ROOT / "synergy"
OUR_PLUGINS = sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").exists())
TEST_PLUGINS = Path(__file__).parent / "plugins"


def _modules(folder, package):
    """{dotted module name: path} of every module in a package folder."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(folder).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([package, *parts])] = path
    return found


def _all_modules():
    found = _modules(LIBRARY, "synergy")
    for name in OUR_PLUGINS:
        found.update(_modules(PLUGINS / name, name))
    return found


def _imports(module, path, known=None):
    """Every module name this module imports, anywhere in it (lazy imports count), made absolute.

    `from package import name` counts as importing package.name when that is a
    module of ours (known), else as importing the package.
    """
    known = known if known is not None else _all_modules()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module
            for alias in node.names:
                full = f"{stem}.{alias.name}"
                yield full if full in known else stem


def test_every_local_plugin_carries_the_project_prefix():
    assert OUR_PLUGINS, "no plugins found"
    assert all(name.startswith("synergy_") for name in OUR_PLUGINS), OUR_PLUGINS


def test_no_plugin_imports_another_plugin():
    offenders = []
    for module, path in _all_modules().items():
        own = module.split(".")[0]
        for name in _imports(module, path):
            top = name.split(".")[0]
            if top in OUR_PLUGINS and top != own:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_library_imports_no_plugin():
    offenders = [f"{path.relative_to(ROOT)} imports {name}"
                 for module, path in _modules(LIBRARY, "synergy").items()
                 for name in _imports(module, path) if name.split(".")[0] in OUR_PLUGINS]
    assert offenders == []


def test_the_library_and_plugins_have_no_import_cycle():
    modules = _all_modules()
    graph = {module: {name for name in _imports(module, path, modules)
                      if name in modules and name != module
                      # a package exposing its own submodules is how packages work
                      and not (path.name == "__init__.py" and name.startswith(module + "."))}
             for module, path in modules.items()}
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for other in sorted(graph[node]):
            if state.get(other) == "open":
                cycles.append(trail[trail.index(other):] + [other])
            elif other not in state:
                visit(other, trail + [other])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_a_cycle_would_be_found():
    """The cycle check above can fail: two modules importing each other are seen as one."""
    sample = {"a": {"b"}, "b": {"a"}}
    state, cycles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for other in sorted(sample[node]):
            if state.get(other) == "open":
                cycles.append(trail[trail.index(other):] + [other])
            elif other not in state:
                visit(other, trail + [other])
        state[node] = "done"

    visit("a", ["a"])
    assert cycles == [["a", "b", "a"]]


ORDERS = {
    "reversed": list(reversed(pelicanconf.PLUGINS)),
    "shuffled-1": random.Random(1).sample(pelicanconf.PLUGINS, len(pelicanconf.PLUGINS)),
    "shuffled-2": random.Random(2).sample(pelicanconf.PLUGINS, len(pelicanconf.PLUGINS)),
}
# Built files that differ between any two builds: none (the sitemap is dated by the content).
VARYING = set()


def _files(output):
    return {p.relative_to(output).as_posix(): p for p in output.rglob("*")
            if p.is_file() and not p.relative_to(output).as_posix().startswith("pagefind/")}


@pytest.mark.parametrize("order", list(ORDERS), ids=list(ORDERS))
def test_the_site_builds_the_same_in_any_order_of_plugins(site, tmp_path, order):
    assert ORDERS[order] != pelicanconf.PLUGINS
    build = build_site(tmp_path, overrides={"PLUGINS": ORDERS[order]}, search=True, warm_cache=False)
    assert build.ok, build.stderr
    ours, usual = _files(build.output), _files(site.output)
    assert sorted(ours) == sorted(usual)
    different = [rel for rel in ours if rel not in VARYING
                 and ours[rel].read_bytes() != usual[rel].read_bytes()]
    assert different == []
    assert build.exists("pagefind/pagefind-entry.json")


def _late(tmp_path, wanted, plugins=None):
    return build_site(tmp_path, overrides={
        "PLUGIN_PATHS": [str(PLUGINS), str(TEST_PLUGINS)],
        "PLUGINS": plugins or [*pelicanconf.PLUGINS, "late_problems"],
        "LATE_PROBLEMS": wanted, "SEARCH_INDEX": False})


def test_a_problem_reported_by_a_later_finalized_receiver_fails_the_strict_build(tmp_path):
    build = _late(tmp_path, ["reported"])
    assert not build.ok
    assert "content/blog/how-telehealth-therapy-works-in-illinois.md: a late problem -- fix the late thing" \
        in build.stderr.splitlines()
    assert build.stderr.splitlines()[-1] == "Build failed: 1 problem to fix (see EDITING.md)."


def test_the_report_comes_last_even_when_the_late_plugin_is_listed_first(tmp_path):
    build = _late(tmp_path, ["reported"], plugins=["late_problems", *pelicanconf.PLUGINS])
    assert not build.ok
    assert "a late problem -- fix the late thing" in build.stderr


def test_a_warning_logged_while_a_file_is_processed_names_that_file(tmp_path):
    build = _late(tmp_path, ["about"])
    assert not build.ok
    assert ("content/blog/how-telehealth-therapy-works-in-illinois.md: "
            "a late warning about the file being processed") in build.stderr.splitlines()


def test_a_warning_about_no_file_is_still_reported_as_the_builds(tmp_path):
    build = _late(tmp_path, ["bare"])
    assert not build.ok
    assert "build: a late warning about nothing in particular" in build.stderr.splitlines()


def test_a_lenient_build_with_the_same_late_problem_fails_after_writing_the_site(tmp_path):
    build = build_site(tmp_path, strict=False, overrides={
        "PLUGIN_PATHS": [str(PLUGINS), str(TEST_PLUGINS)],
        "PLUGINS": [*pelicanconf.PLUGINS, "late_problems"], "LATE_PROBLEMS": ["reported"],
        "SEARCH_INDEX": False})
    assert not build.ok
    assert build.stderr.splitlines()[-1] == "Build failed: 1 problem to fix (see EDITING.md)."
    assert build.exists("blog/how-telehealth-therapy-works-in-illinois/index.html")


def test_a_lenient_build_prints_a_late_warning_and_passes(tmp_path):
    build = build_site(tmp_path, strict=False, overrides={
        "PLUGIN_PATHS": [str(PLUGINS), str(TEST_PLUGINS)],
        "PLUGINS": [*pelicanconf.PLUGINS, "late_problems"], "LATE_PROBLEMS": ["about"],
        "SEARCH_INDEX": False})
    assert build.ok, build.stderr
    assert ("content/blog/how-telehealth-therapy-works-in-illinois.md: warning: "
            "a late warning about the file being processed") in build.stderr.splitlines()


def test_templates_take_every_setting_as_the_plugins_resolved_it():
    """Plugins write their defaults back, so no template needs `| default(...)`."""
    uses = [f"{path.relative_to(ROOT)}:{number}"
            for path in (ROOT / "theme").rglob("*.html")
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "default(" in line.replace(" ", "")]
    assert uses == []
