// Keyboard shortcuts of the review desk: j/k move between suggestions, a accepts, n marks
// "no evidence", o opens the override, / goes to the question box. No inline script: the page's
// Content-Security-Policy allows scripts from /static only.
(function () {
  "use strict";
  function cards() { return Array.from(document.querySelectorAll("article.suggestion")); }
  var current = 0;
  function show(i) {
    var all = cards();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach(function (c, n) { c.classList.toggle("current", n === current); });
    all[current].focus();
    all[current].scrollIntoView({block: "nearest"});
  }
  function click(selector) {
    var card = cards()[current];
    var button = card && card.querySelector(selector);
    if (button) { button.click(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    // After a decision the page comes back at the next suggestion still to decide.
    var undecided = cards().findIndex(function (c) { return !c.classList.contains("decided"); });
    show(Math.max(undecided, 0));
  });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "j") { show(current + 1); }
    else if (e.key === "k") { show(current - 1); }
    else if (e.key === "a") { click("button.accept"); }
    else if (e.key === "n") { click("button.no-evidence"); }
    else if (e.key === "o") {
      var card = cards()[current];
      var details = card && card.querySelector("details.override");
      if (details) { details.open = true; var f = details.querySelector("select, input"); if (f) { f.focus(); } }
    }
    else if (e.key === "/") { var q = document.getElementById("question"); if (q) { q.focus(); } }
    else { return; }
    e.preventDefault();
  });
})();
