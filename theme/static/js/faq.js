// Opens the FAQ answer named in the address (#question-id), on load and when the
// fragment changes. Browsers scroll to a closed <details> but leave it shut.
(function () {
  "use strict";
  function openTarget() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
