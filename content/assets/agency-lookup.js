// Agency lookup on the static site: type part of a name, see matching agencies with task counts.
// Reads data/agencies.json (built by `plansite build`); the full table below works without JavaScript.
(function () {
  function start() {
    var box = document.querySelector(".agency-lookup");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var input = box.querySelector("input");
    var list = box.querySelector(".agency-lookup-results");
    var status = box.querySelector(".agency-lookup-status");
    var base = new URL("../data/agencies.json", window.location.href);
    fetch(base).then(function (r) { return r.json(); }).then(function (agencies) {
      function show() {
        var query = input.value.replace(/\s+/g, "");
        list.textContent = "";
        if (!query) { status.textContent = ""; return; }
        var found = agencies.filter(function (a) {
          return a.names.concat(a.type_names).some(function (n) { return n.indexOf(query) >= 0; }) ||
            a.type.indexOf(query) >= 0 || a.jurisdiction.indexOf(query) >= 0;
        });
        status.textContent = "找到 " + found.length + " 个单位";
        found.slice(0, 50).forEach(function (a) {
          var li = document.createElement("li");
          var link = document.createElement("a");
          link.href = a.url;
          link.textContent = a.jurisdiction + " · " + a.name;
          li.appendChild(link);
          li.appendChild(document.createTextNode("（" + a.type + "，任务 " + a.tasks + " 项，牵头 " + a.lead + " 项）"));
          list.appendChild(li);
        });
      }
      input.addEventListener("input", show);
      show();
    });
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
