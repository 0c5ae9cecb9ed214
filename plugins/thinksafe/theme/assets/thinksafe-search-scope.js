/* Search that costs nothing until it is used, and stays in the reader's section.
 *
 * Material's bundle asks for search/search_index.json with XMLHttpRequest as each page loads.
 * This script, which runs before the bundle:
 * - holds that request back until the reader opens or focuses the search, so a phone on a
 *   slow line fetches no index while reading;
 * - on an audience's pages, asks for that audience's own index instead, unless the address
 *   has ?search=all (the "Search every section" link), which also opens the search at once.
 */
(function () {
  "use strict";

  var INDEX = /(\/|^)search\/search_index\.json$/;
  var meta = document.querySelector('meta[name="thinksafe:audience"]');
  var everything = /(?:^|[?&])search=all(?:&|$)/.test(location.search);
  var wanted = everything;
  var held = [];

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    this.__thinksafeIndex = INDEX.test(String(url));
    if (this.__thinksafeIndex && meta && !everything) {
      args[1] = String(url).replace(INDEX, "$1search/" + meta.content + "/search_index.json");
    }
    return open.apply(this, args);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.__thinksafeIndex && !wanted) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });

  if (!everything) return;
  // Searching everything was asked for: say so, and open the search at once.
  document.addEventListener("DOMContentLoaded", function () {
    var only = document.querySelector(".ts-search-scope__only");
    var all = document.querySelector(".ts-search-scope__all");
    if (only && all) { only.hidden = true; all.hidden = false; }
    var toggle = document.getElementById("__search");
    if (toggle) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  });
})();
