"""What the browser gates do in a page: run axe-core, record requests, walk the Tab order."""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from synergy.gates.pages import MissingPage, find_page, url_path

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
# Widths of a common phone and a laptop; heights only matter for the first screen.
VIEWPORTS = {375: {"width": 375, "height": 812}, 1280: {"width": 1280, "height": 800}}


def require_page(output, template):
    """The URL path of a template's page; fails the test (not errors) when it is missing."""
    try:
        return url_path(find_page(output, template))
    except MissingPage as missing:
        problem = str(missing)
    pytest.fail(problem, pytrace=False)


# --- axe-core ---------------------------------------------------------------------

def require_axe():
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} not found: run `npm ci` in {ROOT}", pytrace=False)


def run_axe(page, tags=WCAG_TAGS):
    """axe-core's violations for the loaded page. The page's context must bypass CSP,
    since the script is injected inline."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})""",
        tags,
    )
    return result["violations"]


def format_violations(violations, limit=5):
    """Readable lines: rule, impact, help and where, with the failing HTML."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:limit]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > limit:
            lines.append(f"    … and {len(v['nodes']) - limit} more")
    return "\n".join(lines)


# --- requests ---------------------------------------------------------------------

@dataclass
class Visit:
    url: str
    requests: list = field(default_factory=list)        # every URL the page asked for
    foreign: list = field(default_factory=list)         # those to any other host
    csp_violations: list = field(default_factory=list)  # console reports of blocked content
    console_errors: list = field(default_factory=list)


def visit(browser, url, *, viewport=None):
    """Load url in a fresh context (empty cache), scroll to the end, wait for the network to
    settle, and record every request. Requests to other hosts are recorded and then
    aborted, so a test never waits on (or reaches) the outside world."""
    own = urlsplit(url).netloc
    record = Visit(url)
    context = browser.new_context(viewport=viewport or VIEWPORTS[1280])
    try:
        def on_request(request):
            record.requests.append(request.url)
            parts = urlsplit(request.url)
            if parts.scheme not in ("data", "blob") and parts.netloc != own:
                record.foreign.append(request.url)

        def on_console(message):
            if message.type == "error":
                record.console_errors.append(message.text)
                if "Content Security Policy" in message.text:
                    record.csp_violations.append(message.text)

        context.route(lambda u: urlsplit(u).netloc != own, lambda route: route.abort())
        page = context.new_page()
        page.on("request", on_request)
        page.on("console", on_console)
        page.goto(url, wait_until="load")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return record


# --- keyboard ---------------------------------------------------------------------

# An outline that can be seen: a transparent one (kept for forced-colours mode) cannot.
OUTLINE_JS = """cs => (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0
  || cs.outlineColor === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(cs.outlineColor))
  ? '' : `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`"""

# Contrast of the focus ring (outline, else box-shadow colour) against what is behind it:
# the first ancestor with a background (the element's own when the outline is inset).
RING_CONTRAST_JS = """(el, cs) => {
  const rgb = text => {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/.exec(text || '');
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const visibleOutline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const ring = rgb(visibleOutline ? cs.outlineColor : cs.boxShadow);
  if (!ring) return null;
  let node = visibleOutline && parseFloat(cs.outlineOffset) < 0 ? el : el.parentElement;
  let bg = null;
  for (; node && !bg; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c && c[3] > 0) bg = c;
  }
  bg = bg || [255, 255, 255, 1];
  const mixed = ring.slice(0, 3).map((v, i) => v * ring[3] + bg[i] * (1 - ring[3]));
  const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
  return Math.round((a + 0.05) / (b + 0.05) * 100) / 100;
}"""

# The focused element and the parts of its style that can show focus.
# It waits for any (smooth) scroll that focusing started to come to rest before measuring.
FOCUS_STATE_JS = """async () => {
  const OUTLINE = """ + OUTLINE_JS + """;
  const RING_CONTRAST = """ + RING_CONTRAST_JS + """;
  const frame = () => new Promise(requestAnimationFrame);
  for (let i = 0, last = ''; i < 60; i++) {
    await frame();
    const now = `${scrollX},${scrollY}`;
    if (now === last) break;
    last = now;
  }
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 120),
    outline: OUTLINE(cs),
    shadow: cs.boxShadow === 'none' ? '' : cs.boxShadow,
    contrast: RING_CONTRAST(el, cs),
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
  };
}"""

# The same parts of style for each remembered element once nothing has focus.
UNFOCUSED_STATES_JS = """() => {
  const OUTLINE = """ + OUTLINE_JS + """;
  document.activeElement && document.activeElement.blur();
  return (window.__tabStops || []).map(el => {
    const cs = getComputedStyle(el);
    return {
      outline: OUTLINE(cs),
      shadow: cs.boxShadow === 'none' ? '' : cs.boxShadow,
    };
  });
}"""


# Moves the keyboard's starting point to the very top of the document, whatever a page's
# script focused on load (the search page focuses its box), so the next Tab goes to the
# first stop in document order.
START_AT_TOP_JS = """() => {
  const mark = document.createElement('span');
  mark.tabIndex = -1;
  document.body.prepend(mark);
  mark.focus();
  mark.addEventListener('blur', () => mark.remove(), {once: true});
}"""


def start_at_top(page):
    page.evaluate(START_AT_TOP_JS)


def skip_link_problem(page):
    """What is wrong with the loaded page's skip link, or '' when the first Tab stop is a
    link to #main and pressing Enter on it puts focus on <main id="main">."""
    start_at_top(page)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    if not page.evaluate("document.activeElement.matches('a[href=\"#main\"]')"):
        return f"the first Tab stop is {first}, not a skip link to #main"
    if not page.evaluate("""(() => { const r = document.activeElement.getBoundingClientRect();
                                     return r.top >= 0 && r.left >= 0 && r.width > 0; })()"""):
        return f"the skip link stays off screen when focused: {first}"
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "main":
        focused = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        return f"after the skip link, focus is on {focused}, not <main id=main>"
    return ""


def tab_stops(page, count):
    """Press Tab up to `count` times from the top of the page; returns each stop's focus state."""
    page.evaluate("() => { window.__tabStops = []; }")
    start_at_top(page)
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE_JS)
        if state is None:
            break  # past the last stop, focus went back to the browser
        if stops and state["html"] == stops[0]["html"]:
            break  # wrapped around to the first stop
        page.evaluate("() => window.__tabStops.push(document.activeElement)")
        stops.append(state)
    return stops


# WCAG 1.4.11: what shows a control's state contrasts 3:1 with what is next to it.
MIN_RING_CONTRAST = 3


def invisible_focus(page, count=25):
    """Tab stops (of the first `count`) whose focus cannot be seen: no outline or shadow
    that differs from the unfocused element, or the element is off screen when focused."""
    stops = tab_stops(page, count)
    unfocused = page.evaluate(UNFOCUSED_STATES_JS)
    problems = []
    for n, (on, off) in enumerate(zip(stops, unfocused, strict=False), start=1):
        shows = (on["outline"] and on["outline"] != off["outline"]) or (
            on["shadow"] and on["shadow"] != off["shadow"])
        if not shows:
            problems.append(f"Tab stop {n} shows no focus indicator: {on['html']}")
        elif on["contrast"] is not None and on["contrast"] < MIN_RING_CONTRAST:
            problems.append(f"Tab stop {n} has a focus ring of {on['contrast']}:1 against its "
                            f"background (needs {MIN_RING_CONTRAST}:1): {on['html']}")
        elif not on["onScreen"]:
            problems.append(f"Tab stop {n} is off screen when focused: {on['html']}")
    return stops, problems
