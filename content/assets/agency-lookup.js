// Agency lookup on the static site: type part of a name, a place, or several words (宝坻 发改), and see the
// matching agencies with task counts. Reads data/agencies.json (its address is in the box's data-source);
// every word it shows comes from the page (data-* attributes in the page's language), so this file holds
// no language of its own.
(function () {
  function normal(text) { return (text || "").replace(/\s+/g, "").toLowerCase(); }

  // a word matches an agency when one of its names contains the word, or when the word contains one of the
  // spellings the taxonomy knows for its type (发改委 contains 发改; 环保局 contains 环保局)
  // data/agencies.json: {fields, places: [[page URL, name, English name]], types: {id: {zh, en, names, aliases}},
// agencies: rows named by `fields`}; rows become objects once, on load
  function inNames(agency, type, word, english) {
    var names = agency.names.concat(type.names, [type.zh, agency.jurisdiction]);
    if (english) { names = names.concat([agency.name_en, type.en, agency.jurisdiction_en]); }
    return names.some(function (n) { return normal(n).indexOf(word) >= 0; });
  }

  function matches(agency, type, word, english) {
    return inNames(agency, type, word, english) || type.aliases.some(function (a) { return word.indexOf(normal(a)) >= 0; });
  }

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
    fetch(new URL(box.dataset.source, window.location.href)).then(function (r) { return r.json(); }).then(function (lookup) {
      var agencies = lookup.agencies.map(function (row) {
        var a = {};
        lookup.fields.forEach(function (field, i) { a[field] = row[i]; });
        var place = lookup.places[a.place];
        a.names = [a.name].concat(a.other_names);
        a.jurisdiction = place[1];
        a.jurisdiction_en = place[2];
        a.url = place[0] + "#" + a.anchor;
        return a;
      });
      function typeOf(a) { return lookup.types[a.type]; }
      function show() {
        var words = input.value.split(/\s+/).map(normal).filter(function (w) { return w; });
        list.textContent = "";
        if (!words.length) { status.textContent = ""; return; }
        // an English query may be several words of one name ("development and reform"): try it whole first
        var whole = normal(input.value);
        var found = words.length > 1 ? agencies.filter(function (a) { return inNames(a, typeOf(a), whole, english); }) : [];
        if (!found.length) {
          found = agencies.filter(function (a) { return words.every(function (w) { return matches(a, typeOf(a), w, english); }); });
        }
        status.textContent = box.dataset.found.replace("%(count)s", found.length);
        found.slice(0, 50).forEach(function (a) {
          var li = document.createElement("li");
          var link = document.createElement("a");
          link.href = new URL(a.url, editionRoot).href;
          link.textContent = english ? a.name_en : a.jurisdiction + " · " + a.name;
          li.appendChild(link);
          li.appendChild(document.createTextNode(" (" + (english ? typeOf(a).en : typeOf(a).zh) + "; " + a.tasks + " " +
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
