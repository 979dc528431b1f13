// Agency lookup on the static site: type part of a name, see matching agencies with task counts.
// Reads data/agencies.json (its address is in the box's data-source); every word it shows comes from the
// page (data-* attributes written by the page's language), so this file holds no language of its own.
(function () {
  function start() {
    var box = document.querySelector(".agency-lookup");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var input = box.querySelector("input");
    var list = box.querySelector(".agency-lookup-results");
    var status = box.querySelector(".agency-lookup-status");
    var english = box.dataset.lang === "en";
    var editionRoot = new URL("../", window.location.href);
    fetch(new URL(box.dataset.source, window.location.href)).then(function (r) { return r.json(); }).then(function (agencies) {
      function show() {
        var query = input.value.replace(/\s+/g, "").toLowerCase();
        list.textContent = "";
        if (!query) { status.textContent = ""; return; }
        var found = agencies.filter(function (a) {
          var words = a.names.concat(a.type_names, [a.type, a.jurisdiction]);
          if (english) { words = words.concat([a.name_en, a.type_en, a.jurisdiction_en]); }
          return words.some(function (n) { return n.replace(/\s+/g, "").toLowerCase().indexOf(query) >= 0; });
        });
        status.textContent = box.dataset.found.replace("%(count)s", found.length);
        found.slice(0, 50).forEach(function (a) {
          var li = document.createElement("li");
          var link = document.createElement("a");
          link.href = new URL(a.url, editionRoot).href;
          link.textContent = english ? a.name_en : a.jurisdiction + " · " + a.name;
          li.appendChild(link);
          li.appendChild(document.createTextNode(" (" + (english ? a.type_en : a.type) + "; " + a.tasks + " " +
            box.dataset.tasks + ", " + a.lead + " " + box.dataset.lead + ")"));
          list.appendChild(li);
        });
      }
      input.addEventListener("input", show);
      show();
    });
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
