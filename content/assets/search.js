// The search page: reads ?q= (and the filters, ?level=…), queries the static index of build_tools/search
// (search-index/ of the edition) and renders results into [data-search-results]. Nothing is fetched until
// a query is made: then the manifest, the postings of the query's tokens (a shard, or a hot token's own
// file and its base's), and for the results shown their entry chunks and sentence chunks (and once, the
// sentences' dictionary); the filters' f.json.gz after the first results. Files are gzip on disk, the
// sentence chunks raw deflate with a preset dictionary, inflated here (DecompressionStream). Postings
// name the entries holding every token of a phrase; the entry's text decides (matchSpans), as query.py
// does. normalise, stem, tokenise, tokenHash and expandPhrase mirror build_tools/search/tokens.py and
// synonyms.py (tests compare them on the seed site's text). Every word shown comes from the page's data-*
// attributes; document text is inserted with textContent only, never as HTML.
(function () {
  "use strict";
  var initialQuery = new URLSearchParams(window.location.search).get("q");
  var HAN_RUN = "[\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+";
  var TOKEN_RUN = new RegExp(HAN_RUN + "|[a-z0-9]+", "g");
  var HAS_HAN = new RegExp(HAN_RUN);
  var SUFFIXES = []; // [[suffix, form written in queries], ...] longest first, from the manifest
  var PAGE_SIZE = 10;
  var LOOSE_EXTRA = 3;
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

  // sentence ids, as index.decode_ids: the first, then zigzag-signed differences
  function decodeIds(text) {
    var value = 0;
    return decodeVarints(text).map(function (zigzag) {
      value += zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
      return value;
    });
  }

  // varints of 2 * (entry delta) + inTitle, as postings.decode: Map(entry -> inTitle), in entry order
  function decode(encoded) {
    var postings = new Map(), entry = 0;
    decodeVarints(encoded).forEach(function (number) {
      entry += Math.floor(number / 2);
      postings.set(entry, number % 2 === 1);
    });
    return postings;
  }

  // [inside, outside] against the base's postings, as postings.decode_relative: inside are gaps in the
  // base's list (2 * (gap - 1) + inTitle xor the base's), outside as decode; Map in entry order
  function decodeRelative(encoded, base) {
    var entries = Array.from(base.keys()), inside = [], index = -1;
    decodeVarints(encoded[0]).forEach(function (number) {
      index += Math.floor(number / 2) + 1;
      inside.push([entries[index], base.get(entries[index]) !== (number % 2 === 1)]);
    });
    var outside = Array.from(decode(encoded[1])), found = new Map(), i = 0, j = 0;
    while (i < inside.length || j < outside.length) {  // both in entry order: merged
      var next = j >= outside.length || (i < inside.length && inside[i][0] < outside[j][0]) ? inside[i++] : outside[j++];
      found.set(next[0], next[1]);
    }
    return found;
  }

  // bytes written straight to the stream: through a Blob's stream() a file took 2 ms, this way 0.2 ms
  // (Chromium; about thirty files a query); a write's failure surfaces as the read's
  function inflate(parts, format) {
    var stream = new DecompressionStream(format), writer = stream.writable.getWriter();
    parts.forEach(function (part) { writer.write(part).catch(function () {}); });
    writer.close().catch(function () {});
    return new Response(stream.readable).arrayBuffer();
  }

  // a .gz file of the index: gzip bytes, inflated here (a server that sent it with Content-Encoding: gzip
  // has inflated it already: then it does not start with the gzip magic 1f 8b)
  function gunzipped(bytes) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(bytes);
    return inflate([bytes], "gzip").then(function (buffer) { return new Uint8Array(buffer); });
  }

  // a sentence chunk (index.deflated): raw deflate written with a preset dictionary, inflated after the
  // dictionary sent as a stored block (BFINAL 0, BTYPE 00, LEN, NLEN), so that its back-references reach it
  function inflatedWith(dictionary, bytes) {
    var n = dictionary.length, stored = new Uint8Array([0, n & 255, n >> 8, ~n & 255, (~n >> 8) & 255]);
    return inflate([stored, dictionary, bytes], "deflate-raw").then(function (buffer) { return new Uint8Array(buffer, n); });
  }

  function Index(base) {
    var cache = {};
    function fetched(name) {
      return fetch(new URL(name, base)).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.arrayBuffer();
      }).then(function (buffer) { return new Uint8Array(buffer); });
    }
    function once(name, read) {
      if (!cache[name]) cache[name] = read();
      return cache[name];
    }
    function load(name) {
      return once(name, function () {
        return fetched(name).then(gunzipped).then(function (bytes) { return JSON.parse(new TextDecoder().decode(bytes)); });
      });
    }
    function dictionary() {
      return once("t.dict.gz", function () { return fetched("t.dict.gz").then(gunzipped); });
    }
    function loadSentences(name) {
      return once(name, function () {
        return Promise.all([dictionary(), fetched(name)]).then(function (files) {
          return inflatedWith(files[0], files[1]);
        }).then(function (bytes) { return JSON.parse(new TextDecoder().decode(bytes)); });
      });
    }
    this.load = load;
    this.manifest = function () { return load("manifest.json.gz"); };
    this.dictionary = dictionary;
    // a token's value in its shard: varints, or [file, bytes, neighbours] of its own file (h/), or [file,
    // bytes, neighbours, base's file, base's bytes] for a token written against a base; "" for a token in
    // no entry (postings.shard_postings)
    this.lookup = function (manifest, token) {
      return load("s/" + (tokenHash(token) % manifest.shards) + ".json.gz").then(function (shard) {
        return Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : "";
      });
    };
    this.postings = function (value) {
      if (typeof value === "string") return Promise.resolve(decode(value));
      var own = load("h/" + value[0] + ".json.gz");
      if (value.length === 3) return own.then(decode);
      return Promise.all([own, load("h/" + value[3] + ".json.gz")]).then(function (files) {
        return decodeRelative(files[0], decode(files[1]));
      });
    };
    function sentence(manifest, number) {
      return loadSentences("t/" + Math.floor(number / manifest.sentence_chunk) + ".deflate").then(function (chunk) {
        return chunk[number % manifest.sentence_chunk];
      });
    }
    // {id, url, pageTitle, facets, anchor, title, heading, text}, as query.Index.entry
    this.entry = function (manifest, id) {
      return load("e/" + Math.floor(id / manifest.entry_chunk) + ".json.gz").then(function (chunk) {
        var at = id % manifest.entry_chunk, row = chunk.entries[at];
        var page = chunk.pages[String(row[0])];
        // the heading: 1 is the row before's, 0 a row's own title, else sentence ids (index.heading_field)
        while (chunk.entries[at][3] === 1) at -= 1;
        var source = chunk.entries[at];
        var headingIds = source[3] === 0 ? decodeIds(source[4]).slice(0, source[2]) : decodeIds(source[3]);
        var wanted = decodeIds(row[4]).concat(headingIds).map(function (n) { return sentence(manifest, n); });
        return Promise.all(wanted).then(function (texts) {
          var heading = texts.splice(texts.length - headingIds.length).join("").slice(0, -1);
          var text = texts.join("");
          var title = texts.slice(0, row[2]).join("").slice(0, -1);
          return {id: id, url: page[0], pageTitle: page[1], facets: page[2], anchor: row[1], title: title,
                  heading: heading, text: text};
        });
      });
    };
  }

  // the tokens of a phrase whose postings give its candidates: all but a hot token almost always written
  // with a neighbour in the phrase whose postings are read (postings.choose_bases: 展改 is written 发展改,
  // so 发展, 32 KB at 3,000 plans, adds nothing to 展改's candidates). Taken cheapest first, the cost of a
  // token written against a base counting the base's file unless it is read already; a token whose file
  // is read anyway as a base is kept. ``occurrences``: [token, position] in phrase order
  function chosenTokens(occurrences, values) {
    var chosen = new Set(), files = new Set();
    function hot(t) { return typeof values.get(t) !== "string"; }
    function cost(t) {
      var v = values.get(t);
      return hot(t) ? (files.has(v[0]) ? 0 : v[1]) + (v.length > 3 && !files.has(v[3]) ? v[4] : 0) : 0;
    }
    function impliedBy(t, i, j) {
      var n = occurrences[j];
      if (!n || !chosen.has(n[0]) || !hot(n[0]) || Math.abs(n[1] - occurrences[i][1]) !== 1) return false;
      var around = values.get(n[0])[2];  // the characters written before and after the neighbour
      return j > i ? n[0].charAt(0) === t.charAt(1) && around.charAt(0) === t.charAt(0)
                   : n[0].charAt(1) === t.charAt(0) && around.charAt(1) === t.charAt(1);
    }
    function implied(t) {
      return hot(t) && occurrences.some(function (o, i) { return o[0] === t && (impliedBy(t, i, i - 1) || impliedBy(t, i, i + 1)); });
    }
    var left = Array.from(values.keys());
    while (left.length) {
      left = left.filter(function (t) { return !implied(t) || files.has(values.get(t)[0]); });
      if (!left.length) break;
      left.sort(function (a, b) { return cost(a) - cost(b) || (a < b ? -1 : a > b ? 1 : 0); });
      var t = left.shift(), v = values.get(t);
      chosen.add(t);
      if (hot(t)) { files.add(v[0]); if (v.length > 3) files.add(v[3]); }
    }
    return Array.from(values.keys()).filter(function (t) { return chosen.has(t) || (hot(t) && files.has(values.get(t)[0])); });
  }

  // candidate entries of a phrase, those holding all its chosen tokens: Map(entry -> all in the title),
  // its ``loose`` true if a token was left out; the text decides later (matchSpans), as query.candidates
  // and query.contains_phrase
  function phraseEntries(index, manifest, phrase) {
    var occurrences = tokenise(phrase).map(function (t) { return [t[0], t[3]]; });
    var tokens = Array.from(new Set(occurrences.map(function (o) { return o[0]; }))), loose = false;
    return Promise.all(tokens.map(function (t) { return index.lookup(manifest, t); })).then(function (found) {
      if (!found.length || found.indexOf("") >= 0) return [];  // a token in no entry: no candidate
      var values = new Map(tokens.map(function (t, i) { return [t, found[i]]; }));
      var chosen = chosenTokens(occurrences, values);
      loose = chosen.length < tokens.length;
      return Promise.all(chosen.map(function (t) { return index.postings(values.get(t)); }));
    }).then(function (lists) {
      var found = new Map();
      found.loose = loose;
      if (!lists.length) return found;
      lists.sort(function (a, b) { return a.size - b.size; });
      lists[0].forEach(function (inTitle, entry) {
        var title = inTitle;
        for (var i = 1; i < lists.length; i++) {
          if (!lists[i].has(entry)) return;
          title = title && lists[i].get(entry);
        }
        found.set(entry, title);
      });
      return found;
    });
  }

  // the page of an entry: a binary search over the pages' first entries
  function pageOf(starts, entry) {
    var low = 0, high = starts.length - 1;
    while (low < high) { var mid = (low + high + 1) >> 1; if (starts[mid] <= entry) low = mid; else high = mid - 1; }
    return low;
  }

  function pageStarts(manifest) {
    var starts = [], total = 0;
    manifest.page_starts.forEach(function (d) { total += d; starts.push(total); });
    return starts;
  }

  // candidates matching all phrases, best first: {hits: [{id, inPlan, inTitle}], pageHits: [{page, parts:
  // [[entry...] per phrase]}], variants}; pageHits are the pages (kept by the filters) where every phrase
  // occurs, though in different passages only (no hit of theirs holds all), as query.search_pages
  function search(index, manifest, parts, kept) {
    var starts = pageStarts(manifest);
    return Promise.all(parts.map(function (part) {
      var variants = expandPhrase(part, manifest.synonyms);
      return Promise.all(variants.map(function (v) { return phraseEntries(index, manifest, v); })).then(function (maps) {
        var merged = new Map();
        maps.forEach(function (m) { m.forEach(function (inTitle, e) { merged.set(e, (merged.get(e) || false) || inTitle); }); });
        if (kept) merged.forEach(function (_, e) { if (!kept.has(pageOf(starts, e))) merged.delete(e); });
        return {variants: variants, entries: merged, loose: maps.some(function (m) { return m.loose; })};
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
      var pageHits = [];
      if (perPart.length > 1) {
        var byPage = perPart.map(function (p) {
          var pages = new Map(), page = 0;
          Int32Array.from(p.entries.keys()).sort().forEach(function (e) {  // a typed array sorts numbers
            while (page + 1 < starts.length && starts[page + 1] <= e) page += 1;  // entries in order: pages too
            if (!pages.has(page)) pages.set(page, []);
            pages.get(page).push(e);
          });
          return pages;
        });
        byPage[0].forEach(function (entries, page) {
          if (byPage.every(function (pages) { return pages.has(page); })) {
            pageHits.push({page: page, parts: byPage.map(function (pages) { return pages.get(page); })});
          }
        });
        pageHits.sort(function (x, y) { return x.page - y.page; });
      }
      return {hits: hits, pageHits: pageHits, variants: perPart.map(function (p) { return p.variants; }),
              loose: perPart.some(function (p) { return p.loose; })};
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

  // every phrase occurs in the entry's text (as written, or as a chain of words): the check that turns a
  // candidate (all tokens somewhere in the entry) into a result, as query.contains_phrase
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

  // the result's link: the page at the entry's anchor, with the words found (?h=…, repeated) for
  // content/assets/highlight.js to mark there; without JavaScript the anchor alone still scrolls to it
  function hitHref(entry, spans, root) {
    var url = new URL(entry.url, root);
    var words = [];
    spans.forEach(function (s) { var w = entry.text.slice(s[0], s[1]); if (words.indexOf(w) < 0) words.push(w); });
    words.forEach(function (w) { url.searchParams.append("h", w); });
    url.hash = entry.anchor;
    return url.href;
  }

  function renderHit(entry, spans, root) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = hitHref(entry, spans, root);
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

  // the filters' choices (a select per facet) and the pages they keep: a Set, or null without a filter
  function keptPages(facets, choices) {
    var kept = null;
    Object.keys(choices).forEach(function (name) {
      if (!choices[name]) return;
      var pages = new Set(), page = 0;
      decodeVarints((facets[name] || {})[choices[name]] || "").forEach(function (d) { page += d; pages.add(page); });
      kept = kept === null ? pages : new Set(Array.from(kept).filter(function (p) { return pages.has(p); }));
    });
    return kept;
  }

  function start() {
    var box = document.querySelector("[data-search]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("input[name=q]");
    var form = box.querySelector("form");
    var status = box.querySelector(".plan-search-status");
    var list = box.querySelector("[data-search-results]");
    var filters = box.querySelector(".plan-search-filters");
    var selects = Array.from(box.querySelectorAll("select[data-facet]"));
    var base = new URL(box.dataset.index, window.location.href);
    var root = new URL(box.dataset.root, window.location.href);
    var index = new Index(base);
    var current = 0, timer = null, facets = null;

    function choices() {
      var chosen = {};
      selects.forEach(function (select) { if (select.value) chosen[select.dataset.facet] = select.value; });
      return chosen;
    }

    // the filters' options from f.json.gz, loaded with the first results (a choice from the URL is kept)
    function loadFacets() {
      if (facets) return facets;
      facets = index.load("f.json.gz").then(function (data) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (select) {
          var values = Object.keys(data[select.dataset.facet] || {}).sort();
          if (select.dataset.facet === "year") values.reverse();
          values.forEach(function (value) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = value;
            select.appendChild(option);
          });
          var wanted = params.get(select.dataset.facet);
          if (wanted && values.indexOf(wanted) >= 0) select.value = wanted;
        });
        if (filters) filters.hidden = false;
        return data;
      });
      return facets;
    }

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
      index.dictionary().catch(function () {});  // the sentences' dictionary (10 KB) beside the postings, not after them
      var chosen = choices(), filtered = Object.keys(chosen).length > 0;
      var ready = filtered ? Promise.all([index.manifest(), loadFacets()]) : index.manifest().then(function (m) { return [m, null]; });
      ready.then(function (loaded) {
        var manifest = loaded[0], kept = loaded[1] ? keptPages(loaded[1], chosen) : null;
        SUFFIXES = manifest.suffixes;
        var starts = pageStarts(manifest);
        return search(index, manifest, parts, kept).then(function (result) {
          if (run !== current) return;
          // passage results first, then the pages holding every phrase in different passages only
          var queue = result.hits.map(function (hit) { return {hit: hit}; });
          var hitPages = new Set(result.hits.map(function (hit) { return pageOf(starts, hit.id); }));
          result.pageHits.forEach(function (pageHit) { if (!hitPages.has(pageHit.page)) queue.push({pageHit: pageHit}); });
          var shown = 0, next = 0, pages = new Set(), plans = new Set(), passages = 0, pageOnly = 0;
          var exact = result.variants.every(function (variants) {
            return variants.every(function (v) { return tokenise(v).length === 1; });
          });
          function report() {
            // while candidates remain unread the counts are of candidates (every token in the passage), an
            // upper bound said as such unless every phrase is one token (光伏, solar: the postings are exact);
            // once all are read, of the passages that hold the query as written
            var done = next >= queue.length, bound = !done && !exact;
            var entries = done ? passages : result.hits.length;
            var pageCount = done ? pages.size : new Set(queue.map(function (q) { return q.hit ? pageOf(starts, q.hit.id) : q.pageHit.page; })).size;
            var planCount = 0;
            if (done) { planCount = plans.size; } else {
              new Set(queue.map(function (q) { return q.hit ? pageOf(starts, q.hit.id) : q.pageHit.page; })).forEach(function (p) { if (p < manifest.plan_pages) planCount += 1; });
            }
            var text = entries ? format(bound ? box.dataset.foundAtMost : box.dataset.found, {entries: entries, pages: pageCount, plans: planCount}) : "";
            var onlyPages = done ? pageOnly : queue.length - result.hits.length;
            if (onlyPages) text += (text ? " " : "") + format(bound ? box.dataset.pagesOnlyAtMost : box.dataset.pagesOnly, {pages: onlyPages});
            status.textContent = text || format(box.dataset.none, {query: query.trim()});
          }
          function add(entry, spans, page) {
            list.appendChild(renderHit(entry, spans, root));
            pages.add(page);
            if (page < manifest.plan_pages) plans.add(page);
            shown += 1;
          }
          // a page holding each phrase somewhere: shown at the first passage of its first phrase, once each
          // phrase is verified on one of its passages (the phrases' passages read side by side)
          function readPageHit(pageHit) {
            return Promise.all(result.variants.map(function (variants, i) {
              var candidates = pageHit.parts[i].slice();
              function tryNext() {
                if (!candidates.length) return null;
                return index.entry(manifest, candidates.shift()).then(function (entry) {
                  var spans = matchSpans(entry, [variants]);
                  return spans === null ? tryNext() : [entry, spans];
                });
              }
              return tryNext();
            })).then(function (found) { return found.every(Boolean) ? found[0] : null; });
          }
          // reads candidates in rank order until a page of results is shown or none is left
          function page() {
            list.setAttribute("aria-busy", "true");
            var wanted = shown + PAGE_SIZE;
            function batch() {
              // a token left out lets in a few candidates without the phrase (特色建筑 for 绿色建筑): the first
              // batch reads a few more, so that they rarely cost a second round of entries and sentences
              var some = queue.slice(next, next + PAGE_SIZE + (next === 0 && result.loose ? LOOSE_EXTRA : 0));
              next += some.length;
              return Promise.all(some.map(function (item) {
                if (item.pageHit) return readPageHit(item.pageHit).then(function (pair) { return pair && {entry: pair[0], spans: pair[1], page: item.pageHit.page, pageOnly: true}; });
                return index.entry(manifest, item.hit.id).then(function (entry) {
                  var spans = matchSpans(entry, result.variants);
                  // every token is in the passage, the phrase is not: not a result
                  return spans && {entry: entry, spans: spans, page: pageOf(starts, item.hit.id)};
                });
              })).then(function (read) {
                if (run !== current) return;
                var start = next - read.length;
                for (var k = 0; k < read.length && shown < wanted; k++) {
                  var r = read[k];
                  // the batch's results beyond the page are read again by "more" (their files are cached)
                  if (shown + 1 === wanted) next = start + k + 1;
                  if (!r) continue;
                  add(r.entry, r.spans, r.page);
                  if (r.pageOnly) { pageOnly += 1; } else { passages += 1; }
                }
                if (shown < wanted && next < queue.length) return batch();
                var button = box.querySelector(".plan-search-more");
                if (next < queue.length && !button) {
                  button = document.createElement("button");
                  button.type = "button";
                  button.className = "plan-search-more";
                  button.textContent = box.dataset.more;
                  button.addEventListener("click", page);
                  list.after(button);
                } else if (next >= queue.length && button) {
                  button.remove();
                }
                report();
                list.setAttribute("aria-busy", "false"); // the page of results is complete
                loadFacets();
              });
            }
            return batch();
          }
          report();
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
      var chosen = choices();
      selects.forEach(function (select) {
        if (chosen[select.dataset.facet]) { url.searchParams.set(select.dataset.facet, chosen[select.dataset.facet]); } else { url.searchParams.delete(select.dataset.facet); }
      });
      window.history.replaceState(null, "", url.href);
      show(query);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); submit(input.value); });
    input.addEventListener("input", function () {
      index.manifest().catch(function () {});  // typing: the query to come wants the manifest (a few KB)
      clearTimeout(timer);
      timer = setTimeout(function () { submit(input.value); }, 250);
    });
    selects.forEach(function (select) { select.addEventListener("change", function () { clearTimeout(timer); submit(input.value); }); });
    var params = new URLSearchParams(window.location.search);
    var fromUrl = selects.some(function (select) { return params.get(select.dataset.facet); });
    if (fromUrl) {
      // the filters named in the URL (?q=光伏&level=区级) need their options before the first query
      loadFacets().then(function () { if (initialQuery) { input.value = initialQuery; submit(initialQuery); } });
    } else if (initialQuery) { input.value = initialQuery; submit(initialQuery); }
  }

  window.planSearch = {decodeVarints: decodeVarints, decodeIds: decodeIds, decodeRelative: function (encoded, base) { return Array.from(decodeRelative(encoded, decode(base))); }, queryParts: queryParts, normalise: normalise, stem: stem, tokenise: tokenise, tokenHash: tokenHash, expandPhrase: function (p, groups, suffixes) { SUFFIXES = suffixes; return expandPhrase(p, groups); }};
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
