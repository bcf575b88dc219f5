/* The search page: Pagefind's UI on our own index, with a visible label and ?q= links. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;

  var params = new URLSearchParams(window.location.search);

  // Keep the address bar in step with the query, so a search can be linked or bookmarked.
  function remember(term) {
    var url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    return term;
  }

  var ui = new PagefindUI({
    element: "#search",
    bundlePath: box.dataset.bundle,
    baseUrl: new URL(box.dataset.baseUrl, window.location.href).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    processTerm: remember
  });

  // Tie our visible label to Pagefind's input; the page's HTML cannot name an
  // input that only this script creates, so `for` is set here.
  var input = box.querySelector("input[type='text'], input[type='search']");
  var label = document.querySelector("label[data-for='" + box.dataset.inputId + "']");
  if (input && label) {
    input.id = box.dataset.inputId;
    label.htmlFor = input.id;
    label.hidden = false;
  }

  // Results first: the kind and tag filters wait behind one button, placed
  // between the box and the results. Pagefind makes its drawer (filters, then
  // results) once and only shows or hides it, so the button can sit before it.
  var form = box.querySelector("form");
  var drawer = box.querySelector(".pagefind-ui__drawer");
  if (form && drawer) {
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "filter-toggle";
    toggle.textContent = "Filter results";
    toggle.setAttribute("aria-expanded", "false");
    toggle.hidden = true;
    form.insertBefore(toggle, drawer);
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      box.classList.toggle("filters-open", open);
    });
    // The filter panel comes and goes with the results; the button follows it.
    new MutationObserver(function () {
      var panel = box.querySelector(".pagefind-ui__filter-panel");
      var shown = Boolean(panel) && !drawer.classList.contains("pagefind-ui__hidden");
      if (panel && !panel.id) panel.id = "search-filters";
      if (panel) toggle.setAttribute("aria-controls", panel.id);
      toggle.hidden = !shown;
    }).observe(box, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  }

  var query = params.get("q");
  if (query) {
    ui.triggerSearch(query);
  } else if (input) {
    input.focus();
  }
})();
