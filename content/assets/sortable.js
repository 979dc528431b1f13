// The table right after an empty <div class="sortable-table" hidden> (a Markdown table cannot carry a class,
// and the site does without md_in_html) sorts by a column when its header is activated (click, Enter or
// Space); numbers sort as numbers. The header says its order with aria-sort. No words of its own. The
// theme may have wrapped the table in a scrolling box by the time this runs: the marker's next element is
// the table or holds it.
(function () {
  function value(cell) {
    var text = cell.textContent.trim();
    var number = Number(text.replace(/,/g, ""));
    return text !== "" && !isNaN(number) ? number : text;
  }
  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a.cells[index]), y = value(b.cells[index]);
      var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function start() {
    document.querySelectorAll(".sortable-table").forEach(function (marker) {
      var next = marker.nextElementSibling;
      var table = next && (next.tagName === "TABLE" ? next : next.querySelector("table"));
      if (!table || table.dataset.sortable) return;
      table.classList.add("sortable");
      table.dataset.sortable = "1";
      table.querySelectorAll("thead th").forEach(function (header, index) {
        header.tabIndex = 0;
        header.classList.add("sortable-header");
        header.addEventListener("click", function () { sortBy(table, index, header); });
        header.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, index, header); }
        });
      });
    });
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
