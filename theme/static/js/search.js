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

  var query = params.get("q");
  if (query) {
    ui.triggerSearch(query);
  } else if (input) {
    input.focus();
  }
})();
