// The target of a search result: marks the words found (?h=…, repeated; written by search.js) in the
// passage at the page's anchor (#t1-1): the anchored element and what follows it up to the next anchored
// heading, paragraph or block, as build_tools/search/extract.py reads an entry. The browser has already
// scrolled to the anchor; without JavaScript nothing is marked and the anchor still leads there.
(function () {
  "use strict";
  var ENTRY = /^(H[1-6]|P|DIV|LI|SECTION)$/;

  function fold(text) {
    // as tokens.normalise: full-width ASCII to ASCII, A-Z to a-z (length-preserving)
    return text.replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).toLowerCase();
  }

  function markIn(root, words) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && node.parentElement.closest("[data-search-exclude], a.headerlink, script, style, mark")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, folded = fold(text), spans = [];
      words.forEach(function (word) {
        for (var at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) spans.push([at, at + word.length]);
      });
      if (!spans.length) return;
      spans.sort(function (a, b) { return a[0] - b[0]; });
      var fragment = document.createDocumentFragment(), from = 0;
      spans.forEach(function (span) {
        if (span[0] < from) return;
        fragment.appendChild(document.createTextNode(text.slice(from, span[0])));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = text.slice(span[0], span[1]);
        fragment.appendChild(mark);
        from = span[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(from)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function start() {
    var words = new URLSearchParams(window.location.search).getAll("h").map(fold).filter(function (w) { return w.trim(); });
    if (!words.length || !window.location.hash) return;
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!target) return;
    markIn(target, words);
    for (var next = target.nextElementSibling; next && !(ENTRY.test(next.tagName) && next.id); next = next.nextElementSibling) {
      markIn(next, words);
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
