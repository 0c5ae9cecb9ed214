/* Nothing about a reader is kept that they did not choose to keep.
 *
 * Runs in the page's head, after Material's __md_get/__md_set helpers are defined and before
 * Material's bundle uses them. Material's files are not changed:
 * - Search words never reach the address bar or the browser's history. With the
 *   search.highlight feature Material adds ?h=<the words> to every result link; this takes
 *   it off each link as results are shown (so a copied link does not carry it either), and
 *   off the address of a page that was opened with it.
 * - The light or dark choice is stored only when the reader makes one. Material otherwise
 *   writes its palette to localStorage on every first page view.
 */
(function () {
  "use strict";

  var TERMS = "h";

  function withoutTerms(href) {
    var url;
    try { url = new URL(href, location.href); } catch (error) { return href; }
    if (url.origin !== location.origin || !url.searchParams.has(TERMS)) return href;
    url.searchParams.delete(TERMS);
    return url.href;
  }

  // A page opened from a link that carries search words: keep the page, drop the words.
  if (new URL(location.href).searchParams.has(TERMS)) {
    history.replaceState(history.state, "", withoutTerms(location.href));
  }

  function cleanLinks(root) {
    var links = root.querySelectorAll ? root.querySelectorAll("a[href]") : [];
    for (var i = 0; i < links.length; i++) {
      var clean = withoutTerms(links[i].getAttribute("href"));
      if (clean !== links[i].getAttribute("href")) links[i].setAttribute("href", clean);
    }
  }

  // Search results are written into the page as the reader types: clean each as it appears.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches("a[href]")) cleanLinks(node.parentNode || node);
        cleanLinks(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // And at the last moment, in case a link was changed after it was shown.
  ["click", "auxclick", "contextmenu", "copy", "dragstart", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (link) cleanLinks(link.parentNode || link);
    }, true);
  });

  // The palette: stored once the reader has picked light or dark, never before.
  var chosen = false;
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "__palette") chosen = true;
  }, true);
  var set = window.__md_set;
  if (typeof set === "function") {
    window.__md_set = function (key) {
      if (key === "__palette" && !chosen) return;
      return set.apply(this, arguments);
    };
  }
})();
