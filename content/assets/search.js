// The search page: reads ?q=, queries the static index of build_tools/search (search-index/ of the
// edition) and renders results into [data-search-results]. Nothing is fetched until a query is made:
// then the manifest, the postings shards of the query's tokens and the text chunks of the results shown.
// normalise, stem, tokenise, tokenHash and expandPhrase mirror build_tools/search/tokens.py and
// synonyms.py (tests compare them on the seed site's text). Every word shown comes from the page's data-*
// attributes; document text is inserted with textContent only, never as HTML.
(function () {
  "use strict";
  // Material's own search box also reads ?q= (it opens its overlay over this page and later deletes the
  // parameter). This file is loaded without defer, inside the page, before the theme's bundle: it takes
  // the query, hides it from the theme for the moment the bundle starts, and puts it back once started.
  var initialQuery = new URLSearchParams(window.location.search).get("q");
  if (initialQuery !== null) {
    var hidden = new URL(window.location.href);
    hidden.searchParams.delete("q");
    window.history.replaceState(null, "", hidden.href);
  }
  var HAN_RUN = "[\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+";
  var TOKEN_RUN = new RegExp(HAN_RUN + "|[a-z0-9]+", "g");
  var HAS_HAN = new RegExp(HAN_RUN);
  var SUFFIXES = []; // [[suffix, form written in queries], ...] longest first, from the manifest
  var PAGE_SIZE = 10;
  var SNIPPET_BEFORE = 40;
  var SNIPPET_LENGTH = 160;

  function normalise(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
      if (code >= 65 && code <= 90) code += 32;
      out += String.fromCharCode(code);
    }
    return out;
  }

  function endsWithAny(word, endings) {
    return endings.some(function (e) { return word.slice(-e.length) === e; });
  }

  function stem(word) {
    if (word.length > 3 && endsWithAny(word, ["ies"]) && !endsWithAny(word, ["eies", "aies"])) return word.slice(0, -3) + "y";
    if (word.length > 3 && endsWithAny(word, ["es"]) && !endsWithAny(word, ["aes", "ees", "oes"])) return word.slice(0, -1);
    if (word.length > 3 && endsWithAny(word, ["s"]) && !endsWithAny(word, ["us", "ss", "is"])) return word.slice(0, -1);
    return word;
  }

  // [token, start, end, position], as tokens.tokenise
  function tokenise(text) {
    var normalised = normalise(text);
    var tokens = [], position = 0, previousEnd = -1, match;
    TOKEN_RUN.lastIndex = 0;
    while ((match = TOKEN_RUN.exec(normalised)) !== null) {
      var run = match[0], start = match.index;
      if (previousEnd >= 0 && normalised.slice(previousEnd, start).replace(/ /g, "") !== "") position += 1;
      previousEnd = start + run.length;
      var first = run.charAt(0);
      if ((first >= "a" && first <= "z") || (first >= "0" && first <= "9")) {
        tokens.push([stem(run), start, start + run.length, position]);
        position += 1;
      } else if (run.length === 1) {
        position += 1;
      } else {
        for (var i = 0; i < run.length - 1; i++) {
          tokens.push([run.slice(i, i + 2), start + i, start + i + 2, position]);
          position += 1;
        }
      }
    }
    return tokens;
  }

  function tokenHash(token) {
    var value = 0x811c9dc5;
    for (var character of token) {
      value = Math.imul(value ^ character.codePointAt(0), 0x01000193) >>> 0;
    }
    return value;
  }

  // as tokens.query_parts: "solar panels" in quotes is one phrase, else each space-separated word
  function queryParts(query) {
    var parts = [], match, pattern = /"([^"]+)"|(\S+)/g;
    while ((match = pattern.exec(query)) !== null) {
      var part = (match[1] || match[2]).trim();
      if (part.replace(/[ "]/g, "")) parts.push(part);
    }
    return parts;
  }

  // the phrase and its agency variants, as synonyms.expand_phrase
  function expandPhrase(phrase, groups) {
    var best = null;
    groups.forEach(function (group) {
      group.forEach(function (stemText) {
        var start = phrase.indexOf(stemText);
        while (start >= 0) {
          var rest = phrase.slice(start + stemText.length);
          var suffix = null;
          SUFFIXES.forEach(function (pair) { if (suffix === null && rest.indexOf(pair[0]) === 0) suffix = pair; });
          if (suffix !== null && (best === null || stemText.length > best.stem.length)) {
            best = {start: start, stem: stemText, suffix: suffix, group: group};
          }
          start = phrase.indexOf(stemText, start + 1);
        }
      });
    });
    if (best === null) return [phrase];
    var before = phrase.slice(0, best.start), after = phrase.slice(best.start + best.stem.length + best.suffix[0].length);
    var variants = [phrase];
    best.group.forEach(function (other) {
      var variant = before + other + best.suffix[1] + after;
      if (variants.indexOf(variant) < 0) variants.push(variant);
    });
    return variants;
  }

  // varints in 64 characters, as index.encode_varints: a digit below 32 ends a number, low bits first
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charAt(d)] = d;

  function decodeVarints(text) {
    var numbers = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_VALUE[text.charAt(i)];
      value += (digit & 31) * scale;
      if (digit < 32) { numbers.push(value); value = 0; scale = 1; } else { scale *= 32; }
    }
    return numbers;
  }

  function decode(encoded) {
    var flat = decodeVarints(encoded);
    var postings = new Map(), i = 0, entry = 0;
    while (i < flat.length) {
      entry += flat[i];
      var count = flat[i + 1] >> 1, inTitle = (flat[i + 1] & 1) === 1, positions = new Set(), position = 0;
      for (var k = 0; k < count; k++) { position += flat[i + 2 + k]; positions.add(position); }
      postings.set(entry, {inTitle: inTitle, positions: positions});
      i += 2 + count;
    }
    return postings;
  }

  function Index(base) {
    var cache = {};
    function load(name) {
      if (!cache[name]) {
        cache[name] = fetch(new URL(name, base)).then(function (r) {
          if (!r.ok) throw new Error(name + ": " + r.status);
          return r.json();
        });
      }
      return cache[name];
    }
    this.manifest = function () { return load("manifest.json"); };
    this.postings = function (manifest, token) {
      return load("s/" + (tokenHash(token) % manifest.shards) + ".json").then(function (shard) {
        return decode(Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : "");
      });
    };
    this.entry = function (manifest, id) {
      return load("c/" + Math.floor(id / manifest.chunk_entries) + ".json").then(function (chunk) {
        var row = chunk.entries[id % manifest.chunk_entries];
        var page = chunk.pages[String(row[0])];
        return {id: id, url: page[0], pageTitle: page[1], anchor: row[1], title: row[2], body: row[3], heading: row[4],
                text: row[2] ? row[2] + "\n" + row[3] : row[3]};
      });
    };
  }

  // entries where the phrase's tokens hold their positions: Map(entry -> inTitle)
  function phraseEntries(index, manifest, phrase) {
    var tokens = tokenise(phrase);
    return Promise.all(tokens.map(function (t) { return index.postings(manifest, t[0]); })).then(function (lists) {
      var found = new Map();
      if (!lists.length) return found;
      lists[0].forEach(function (first, entry) {
        var all = lists.map(function (p) { return p.get(entry); });
        if (all.some(function (p) { return !p; })) return;
        var matched = false;
        first.positions.forEach(function (start) {
          if (matched) return;
          matched = all.every(function (p, i) { return p.positions.has(start + tokens[i][3] - tokens[0][3]); });
        });
        if (matched) found.set(entry, all.every(function (p) { return p.inTitle; }));
      });
      return found;
    });
  }

  // every entry matching all phrases: [{id, inTitle, variants: [[variant...] per phrase]}] best first
  function search(index, manifest, parts) {
    return Promise.all(parts.map(function (part) {
      var variants = expandPhrase(part, manifest.synonyms);
      return Promise.all(variants.map(function (v) { return phraseEntries(index, manifest, v); })).then(function (maps) {
        var merged = new Map();
        maps.forEach(function (m) { m.forEach(function (inTitle, e) { merged.set(e, (merged.get(e) || false) || inTitle); }); });
        return {variants: variants, entries: merged};
      });
    })).then(function (perPart) {
      var hits = [];
      perPart[0].entries.forEach(function (inTitle, entry) {
        var title = inTitle;
        for (var i = 1; i < perPart.length; i++) {
          if (!perPart[i].entries.has(entry)) return;
          title = title || perPart[i].entries.get(entry);
        }
        hits.push({id: entry, inPlan: entry < manifest.plan_entries, inTitle: title});
      });
      hits.sort(function (a, b) {
        return (b.inPlan - a.inPlan) || (b.inTitle - a.inTitle) || (a.id - b.id);
      });
      return {hits: hits, variants: perPart.map(function (p) { return p.variants; })};
    });
  }

  // spans [start, end] of a variant in the text: exact text for Han phrases, a token chain otherwise
  function spansOf(text, variant) {
    var spans = [];
    if (HAS_HAN.test(variant)) {
      var haystack = normalise(text), needle = normalise(variant), at = haystack.indexOf(needle);
      while (at >= 0) { spans.push([at, at + needle.length]); at = haystack.indexOf(needle, at + 1); }
      return spans;
    }
    var wanted = tokenise(variant), tokens = tokenise(text);
    if (!wanted.length) return spans;
    for (var i = 0; i < tokens.length; i++) {
      if (tokens[i][0] !== wanted[0][0]) continue;
      var ok = true, last = tokens[i];
      for (var k = 1; k < wanted.length && ok; k++) {
        var need = tokens[i][3] + wanted[k][3] - wanted[0][3];
        var next = tokens.find(function (t) { return t[3] === need; });
        ok = next !== undefined && next[0] === wanted[k][0];
        last = next;
      }
      if (ok) spans.push([tokens[i][1], last[2]]);
    }
    return spans;
  }

  // every phrase occurs (as written) in the entry's text: the check on the text after the positions
  function matchSpans(entry, variants) {
    var all = [];
    for (var i = 0; i < variants.length; i++) {
      var spans = [];
      variants[i].forEach(function (v) { spans = spans.concat(spansOf(entry.text, v)); });
      if (!spans.length) return null;
      all = all.concat(spans);
    }
    return all.sort(function (a, b) { return a[0] - b[0]; });
  }

  function appendMarked(element, text, from, to, spans) {
    var at = from;
    spans.forEach(function (span) {
      var start = Math.max(span[0], at), end = Math.min(span[1], to);
      if (end <= start) return;
      element.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      element.appendChild(mark);
      at = end;
    });
    element.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function renderHit(entry, spans, root) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = new URL(entry.url + "#" + entry.anchor, root).href;
    link.className = "plan-search-link";
    var titleEnd = entry.title ? entry.title.length : 0;
    if (entry.title) { appendMarked(link, entry.text, 0, titleEnd, spans); } else { link.textContent = entry.heading || entry.pageTitle; }
    item.appendChild(link);
    var where = document.createElement("p");
    where.className = "plan-search-page";
    where.textContent = entry.pageTitle;
    item.appendChild(where);
    var bodyStart = entry.title ? titleEnd + 1 : 0;
    var first = spans.find(function (s) { return s[0] >= bodyStart; });
    if (first || !entry.title) {
      var from = Math.max(bodyStart, (first ? first[0] : bodyStart) - SNIPPET_BEFORE);
      var to = Math.min(entry.text.length, from + SNIPPET_LENGTH);
      var snippet = document.createElement("p");
      snippet.className = "plan-search-snippet";
      if (from > bodyStart) snippet.appendChild(document.createTextNode("\u2026"));
      appendMarked(snippet, entry.text, from, to, spans);
      if (to < entry.text.length) snippet.appendChild(document.createTextNode("\u2026"));
      item.appendChild(snippet);
    }
    return item;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function pagesOf(hits, manifest) {
    var starts = [], total = 0;
    manifest.page_starts.forEach(function (d) { total += d; starts.push(total); });
    var pages = new Set();
    hits.forEach(function (hit) {
      var low = 0, high = starts.length - 1;
      while (low < high) { var mid = (low + high + 1) >> 1; if (starts[mid] <= hit.id) low = mid; else high = mid - 1; }
      pages.add(low);
    });
    return pages.size;
  }

  function start() {
    var box = document.querySelector("[data-search]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("input");
    var form = box.querySelector("form");
    var status = box.querySelector(".plan-search-status");
    var list = box.querySelector("[data-search-results]");
    var base = new URL(box.dataset.index, window.location.href);
    var root = new URL(box.dataset.root, window.location.href);
    var index = new Index(base);
    var current = 0, timer = null;

    function show(query) {
      var run = ++current;
      list.textContent = "";
      list.setAttribute("aria-busy", "true");
      var more = box.querySelector(".plan-search-more");
      if (more) more.remove();
      var parts = queryParts(query);
      if (!parts.length) { status.textContent = ""; list.setAttribute("aria-busy", "false"); return; }
      var refused = parts.filter(function (p) { return !tokenise(p).length; });
      if (refused.length) {
        status.textContent = format(box.dataset.short, {query: refused[0]});
        list.setAttribute("aria-busy", "false");
        return;
      }
      status.textContent = box.dataset.loading;
      index.manifest().then(function (manifest) {
        SUFFIXES = manifest.suffixes;
        return search(index, manifest, parts).then(function (result) {
          if (run !== current) return;
          var shown = 0, next = 0, hits = result.hits;
          function page() {
            var batch = hits.slice(next, next + PAGE_SIZE);
            next += batch.length;
            list.setAttribute("aria-busy", "true");
            return Promise.all(batch.map(function (hit) { return index.entry(manifest, hit.id); })).then(function (entries) {
              if (run !== current) return;
              entries.forEach(function (entry) {
                var spans = matchSpans(entry, result.variants);
                if (spans === null) return; // positions matched, the text does not: not shown
                list.appendChild(renderHit(entry, spans, root));
                shown += 1;
              });
              var button = box.querySelector(".plan-search-more");
              if (next < hits.length && !button) {
                button = document.createElement("button");
                button.type = "button";
                button.className = "plan-search-more";
                button.textContent = box.dataset.more;
                button.addEventListener("click", page);
                list.after(button);
              } else if (next >= hits.length && button) {
                button.remove();
              }
              list.setAttribute("aria-busy", "false"); // the page of results is complete
            });
          }
          status.textContent = hits.length
            ? format(box.dataset.found, {entries: hits.length, pages: pagesOf(hits, manifest)})
            : format(box.dataset.none, {query: query.trim()});
          return page();
        });
      }).catch(function () {
        if (run !== current) return;
        status.textContent = box.dataset.failed;
        list.setAttribute("aria-busy", "false");
      });
    }

    function submit(query) {
      var url = new URL(window.location.href);
      if (query.trim()) { url.searchParams.set("q", query.trim()); } else { url.searchParams.delete("q"); }
      window.history.replaceState(null, "", url.href);
      show(query);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); submit(input.value); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { submit(input.value); }, 250);
    });
    if (initialQuery) { input.value = initialQuery; submit(initialQuery); }
  }

  window.planSearch = {decodeVarints: decodeVarints, queryParts: queryParts, normalise: normalise, stem: stem, tokenise: tokenise, tokenHash: tokenHash, expandPhrase: function (p, groups, suffixes) { SUFFIXES = suffixes; return expandPhrase(p, groups); }};
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
