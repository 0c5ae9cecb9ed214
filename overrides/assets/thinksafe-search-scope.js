/* On an audience's pages, search loads that audience's own index: a phone on a slow line
 * fetches only its section. `?search=all` in the address searches the whole site instead.
 * Runs before Material's bundle, which asks for search/search_index.json with XMLHttpRequest.
 */
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="thinksafe:audience"]');
  if (!meta) return;
  var everything = /(?:^|[?&])search=all(?:&|$)/.test(location.search);

  if (!everything) {
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      var args = Array.prototype.slice.call(arguments);
      args[1] = String(url).replace(/(\/|^)search\/search_index\.json$/, "$1search/" + meta.content + "/search_index.json");
      return open.apply(this, args);
    };
    return;
  }

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
