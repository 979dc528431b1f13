// Agency lookup on the static site: type part of a name, a place, or several words (宝坻 发改), and see the
// matching agencies with task counts. Reads data/lookup/index.json (its address is in the box's
// data-source) and the files of the provinces a query can find agencies in; every word it shows comes from
// the page (data-* attributes in the page's language), so this file holds no language of its own.
//
// data/lookup/index.json: {fields, types: {id: {zh, en, names, aliases}}, parts: [[file, name, English
// name]], places: [[page URL, name, English name, part]]}; data/lookup/<province>.json: {agencies: rows
// named by `fields`, each referring to its place by position in `places`} (build_tools/render/opendata.py,
// lookup_files). A word that is part of a jurisdiction's name (宝坻, Baodi) reads only the files of the
// provinces of the jurisdictions it names; a query with no such word reads every file.
(function () {
  function normal(text) { return (text || "").replace(/\s+/g, "").toLowerCase(); }

  // a word matches an agency when one of its names contains the word, or when the word contains one of the
  // spellings the taxonomy knows for its type (发改委 contains 发改; 环保局 contains 环保局)
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
    var indexUrl = new URL(box.dataset.source, window.location.href);
    var loaded = {};  // part -> promise of its agencies (objects), each file read once
    var shown = 0;  // the latest query: an earlier one's files arriving later do not overwrite it

    function json(url) { return fetch(url).then(function (r) { return r.json(); }); }

    json(indexUrl).then(function (lookup) {
      var places = lookup.places.map(function (p) {
        return {url: p[0], name: p[1], name_en: p[2], part: p[3], key: normal(p[1]), key_en: normal(p[2])};
      });

      function part(index) {
        if (!loaded[index]) {
          loaded[index] = json(new URL(lookup.parts[index][0], indexUrl)).then(function (file) {
            return file.agencies.map(function (row, position) {
              var a = {position: position};
              lookup.fields.forEach(function (field, i) { a[field] = row[i]; });
              var place = places[a.place];
              a.names = [a.name].concat(a.other_names);
              a.jurisdiction = place.name;
              a.jurisdiction_en = place.name_en;
              a.url = place.url + "#" + a.anchor;
              return a;
            });
          });
        }
        return loaded[index];
      }

      // the parts holding a jurisdiction whose name contains one of the words; all parts if none does
      function partsFor(words) {
        var wanted = {};
        words.forEach(function (w) {
          places.forEach(function (p) {
            if (p.key.indexOf(w) >= 0 || (english && p.key_en.indexOf(w) >= 0)) { wanted[p.part] = true; }
          });
        });
        var found = Object.keys(wanted).map(Number);
        return found.length ? found.sort(function (a, b) { return a - b; }) : lookup.parts.map(function (_, i) { return i; });
      }

      function typeOf(a) { return lookup.types[a.type]; }

      function render(words, agencies) {
        list.textContent = "";
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

      function show() {
        var query = ++shown;
        var words = input.value.split(/\s+/).map(normal).filter(function (w) { return w; });
        if (!words.length) { list.textContent = ""; status.textContent = ""; return; }
        Promise.all(partsFor(words).map(part)).then(function (files) {
          if (query !== shown) return;
          // the places in the order of the atlas, and each place's agencies in it
          var agencies = [].concat.apply([], files).sort(function (a, b) { return a.place - b.place || a.position - b.position; });
          render(words, agencies);
        });
      }
      input.addEventListener("input", show);
      show();
    });
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
