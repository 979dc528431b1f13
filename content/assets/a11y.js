// Accessibility repairs of the theme's markup that its templates do not let us set: the search dialog
// gets the accessible name of its own search field. No words of its own: everything comes from the page.
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.getAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder") || "");
    }
  }
  if (window.document$) { window.document$.subscribe(name); } else { document.addEventListener("DOMContentLoaded", name); }
})();
