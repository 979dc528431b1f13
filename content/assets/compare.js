// The compare page (compare/?plans=a,b,c): pick two or three plans and see their targets by indicator and
// their tasks by theme side by side. Reads data/compare/index.json (the plans to pick from) and
// data/compare/<plan-id>.json (one small file per plan, written by build_tools/render/compare.py), at
// addresses relative to the page, so it works under any sub-path. Every word it shows comes from the page
// (data-* attributes and the vocabulary JSON in the page's language) or from the data; this file holds no
// language of its own. Document text is always set as text (textContent), never as markup.
(function () {
  var MAX = 3;

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function requested() {
    var value = new URLSearchParams(window.location.search).get("plans") || "";
    var seen = {};
    return value.split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { if (!s || seen[s]) return false; seen[s] = true; return true; }).slice(0, MAX);
  }

  function start() {
    var box = document.getElementById("plan-compare");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var words = box.dataset;
    var lang = words.lang;
    var vocabulary = JSON.parse(document.getElementById("compare-vocabulary").textContent);
    var selects = [1, 2, 3].map(function (n) { return document.getElementById("compare-plan-" + n); });
    var status = box.querySelector(".compare-status");
    var results = box.querySelector(".compare-results");
    var source = new URL(words.source, window.location.href);
    var plansBase = new URL(words.plansBase, window.location.href);
    var cache = {};

    // text of the page's language; an English page shows Chinese it has no translation for, marked as such
    function localized(pair, parent) {
      var text = pair[lang];
      if (text) { parent.appendChild(document.createTextNode(text)); return; }
      var span = element("span", pair.zh, { lang: "zh" });
      parent.appendChild(span);
      if (lang !== "zh") parent.appendChild(element("span", " (" + words.untranslated + ")", { "class": "compare-note" }));
    }

    function planLink(plan, anchor, text) {
      return element("a", text, { href: new URL(plan.url.replace(/^plans\//, "") + (anchor ? "#" + anchor : ""), plansBase).href });
    }

    function load(id) {
      if (!cache[id]) {
        cache[id] = fetch(new URL(encodeURIComponent(id) + ".json", source)).then(function (r) {
          if (!r.ok) throw new Error(id);
          return r.json();
        });
      }
      return cache[id];
    }

    function table(caption, headers) {
      var t = element("table", null, { "class": "compare-table" });
      t.appendChild(element("caption", caption));
      var row = element("tr");
      headers.forEach(function (h) {
        var th = element("th", null, { scope: "col" });
        if (typeof h === "string") th.textContent = h; else th.appendChild(h);
        row.appendChild(th);
      });
      var head = element("thead");
      head.appendChild(row);
      t.appendChild(head);
      return t;
    }

    function planHeaders(plans) {
      return plans.map(function (p) {
        var span = element("span");
        localized(p.place, span);
        return span;
      });
    }

    function overview(plans) {
      var t = table(words.overview, [words.field].concat(planHeaders(plans)));
      var body = element("tbody");
      var rows = [
        [words.level, function (p, td) { td.textContent = p.level[lang]; }],
        [words.date, function (p, td) { td.textContent = p.date[lang] || words.notStated; }],
        [words.docno, function (p, td) { if (p.doc_number) td.appendChild(element("span", p.doc_number, lang === "zh" ? {} : { lang: "zh" })); else td.textContent = words.notStated; }],
        [words.page, function (p, td) { td.appendChild(planLink(p, null, p.title[lang] || p.title.zh)); }],
      ];
      rows.forEach(function (r) {
        var tr = element("tr");
        tr.appendChild(element("th", r[0], { scope: "row" }));
        plans.forEach(function (p) { var td = element("td"); r[1](p, td); tr.appendChild(td); });
        body.appendChild(tr);
      });
      t.appendChild(body);
      return t;
    }

    function targetItem(plan, target) {
      var li = element("li");
      var text = (target.year ? target.year + ": " : "") + target.value[lang];
      li.appendChild(planLink(plan, target.anchor, text));
      if (target.printed !== target.value[lang]) {
        li.appendChild(document.createTextNode(" (" + words.printed + " "));
        li.appendChild(element("span", target.printed, lang === "zh" ? {} : { lang: "zh" }));
        li.appendChild(document.createTextNode(")"));
      }
      return li;
    }

    function targetsTable(plans) {
      var familyOrder = {};
      vocabulary.families.forEach(function (f, i) { familyOrder[f.id] = i; });
      var familyLabel = {};
      vocabulary.families.forEach(function (f) { familyLabel[f.id] = f.label; });
      var byIndicator = {};
      plans.forEach(function (p, column) {
        p.targets.forEach(function (t) {
          if (!t.indicator) return;
          var entry = byIndicator[t.indicator] || (byIndicator[t.indicator] = plans.map(function () { return []; }));
          entry[column].push(t);
        });
      });
      var ids = Object.keys(byIndicator);
      function count(id) { return byIndicator[id].filter(function (c) { return c.length; }).length; }
      function family(id) { var f = (vocabulary.indicators[id] || {}).family; return f in familyOrder ? familyOrder[f] : 999; }
      function name(id) { return (vocabulary.indicators[id] || { label: id }).label; }
      ids.sort(function (a, b) { return family(a) - family(b) || name(a).localeCompare(name(b)); });
      var t = table(words.targetsCaption, [words.indicator].concat(planHeaders(plans)));
      [[words.shared, function (id) { return count(id) >= 2; }], [words.single, function (id) { return count(id) < 2; }]].forEach(function (group) {
        var chosen = ids.filter(group[1]);
        if (!chosen.length) return;
        var body = element("tbody");
        var head = element("tr");
        head.appendChild(element("th", group[0], { scope: "colgroup", colspan: String(plans.length + 1), "class": "compare-group" }));
        body.appendChild(head);
        chosen.forEach(function (id) {
          var tr = element("tr", null, { id: "indicator-" + id });
          var th = element("th", name(id), { scope: "row" });
          var f = (vocabulary.indicators[id] || {}).family;
          if (f && familyLabel[f]) th.appendChild(element("span", words.family + ": " + familyLabel[f], { "class": "compare-family" }));
          tr.appendChild(th);
          byIndicator[id].forEach(function (targets, column) {
            var td = element("td");
            if (!targets.length) td.appendChild(element("span", words.absent, { "class": "compare-absent" }));
            else { var ul = element("ul"); targets.forEach(function (x) { ul.appendChild(targetItem(plans[column], x)); }); td.appendChild(ul); }
            tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        t.appendChild(body);
      });
      return { table: t, count: ids.length };
    }

    function otherTargets(plans) {
      var details = element("details", null, { "class": "compare-other" });
      details.appendChild(element("summary", words.other));
      plans.forEach(function (p) {
        var rest = p.targets.filter(function (t) { return !t.indicator; });
        if (!rest.length) return;
        var h = element("p");
        localized(p.place, h);
        details.appendChild(h);
        var ul = element("ul");
        rest.forEach(function (t) {
          var li = element("li");
          localized(t.text, li);
          li.appendChild(document.createTextNode(" "));
          var item = targetItem(p, t);
          while (item.firstChild) li.appendChild(item.firstChild);
          ul.appendChild(li);
        });
        details.appendChild(ul);
      });
      return details;
    }

    function tasksTable(plans) {
      var themes = vocabulary.themes.concat([{ id: "unmapped", label: words.unmapped }]);
      var t = table(words.tasksCaption, [words.theme].concat(planHeaders(plans)));
      var body = element("tbody");
      var shown = 0;
      themes.forEach(function (theme) {
        var cells = plans.map(function (p) { return p.tasks.filter(function (x) { return x.theme === theme.id; }); });
        if (!cells.some(function (c) { return c.length; })) return;
        shown += 1;
        var tr = element("tr");
        tr.appendChild(element("th", theme.label, { scope: "row" }));
        cells.forEach(function (tasks, column) {
          var td = element("td");
          if (!tasks.length) td.appendChild(element("span", words.absent, { "class": "compare-absent" }));
          else {
            var ul = element("ul");
            tasks.forEach(function (x) {
              var li = element("li");
              var link = planLink(plans[column], x.anchor, x.label + " ");
              li.appendChild(link);
              localized(x.title, link);
              ul.appendChild(li);
            });
            td.appendChild(ul);
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      t.appendChild(body);
      return { table: t, count: shown };
    }

    function chosen() {
      var seen = {};
      return selects.map(function (s) { return s.value; }).filter(function (v) { if (!v || seen[v]) return false; seen[v] = true; return true; });
    }

    function show(updateAddress) {
      var ids = chosen();
      if (updateAddress) {
        var url = new URL(window.location.href);
        if (ids.length) url.searchParams.set("plans", ids.join(",")); else url.searchParams.delete("plans");
        window.history.replaceState(null, "", url.pathname + url.search.replace(/%2C/g, ",") + url.hash);
      }
      // the language switch lands on the same comparison
      var twin = document.querySelector(".edition-twin");
      if (twin) {
        var other = new URL(twin.getAttribute("href"), window.location.href);
        other.search = ids.length ? "?plans=" + ids.join(",") : "";
        twin.setAttribute("href", other.href);
      }
      results.textContent = "";
      if (ids.length < 2) { status.textContent = words.pick; return; }
      status.textContent = words.loading;
      Promise.all(ids.map(function (id) {
        return load(id).catch(function () { throw new Error(id); });
      })).then(function (plans) {
        if (chosen().join(",") !== ids.join(",")) return; // a newer choice is on its way
        var targets = targetsTable(plans);
        var tasks = tasksTable(plans);
        results.appendChild(element("h2", words.overview, { id: "compare-overview" }));
        results.appendChild(overview(plans));
        results.appendChild(element("h2", words.targets, { id: "compare-targets" }));
        results.appendChild(targets.table);
        results.appendChild(otherTargets(plans));
        results.appendChild(element("h2", words.tasks, { id: "compare-tasks" }));
        results.appendChild(tasks.table);
        status.textContent = format(words.comparing, { count: plans.length, indicators: targets.count, themes: tasks.count });
      }).catch(function (error) {
        status.textContent = format(words.failed, { plan: error.message });
      });
    }

    // the theme follows a link with hreflang through its sitemap and drops the query; this link already
    // names the same comparison in the other edition, so it is followed as it is
    var twinLink = document.querySelector(".edition-twin");
    if (twinLink) twinLink.addEventListener("click", function (event) { event.stopPropagation(); });

    fetch(new URL("index.json", source)).then(function (r) { return r.json(); }).then(function (index) {
      var wanted = requested();
      var known = {};
      index.plans.forEach(function (p) { known[p.id] = true; });
      selects.forEach(function (select, n) {
        select.appendChild(element("option", n < 2 ? words.choose : words.none, { value: "" }));
        index.plans.forEach(function (p) { select.appendChild(element("option", p.label[lang], { value: p.id })); });
        if (wanted[n] && known[wanted[n]]) select.value = wanted[n];
        select.addEventListener("change", function () { show(true); });
      });
      box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); show(true); });
      show(true);
    }).catch(function () { status.textContent = format(words.failed, { plan: "index.json" }); });
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
