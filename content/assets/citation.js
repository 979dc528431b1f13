// Copy a task's citation with one click (the text stays selectable without JavaScript). The button's
// words come from the page.
(function () {
  function start() {
    document.querySelectorAll(".copy-citation").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var citation = button.closest("details").querySelector(".citation");
        navigator.clipboard.writeText(citation.textContent.trim()).then(function () {
          button.textContent = button.dataset.copied;
        });
      });
    });
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
