/* The header's menu and search buttons work from the keyboard too.
 *
 * Material makes them <label>s for its hidden checkboxes: they work with no script, but a
 * keyboard cannot reach a label. Inside each, ThinkSafe's header has a focusable element with
 * role="button"; this makes Enter and Space press it, and says whether its part is open.
 */
(function () {
  "use strict";

  var toggles = document.querySelectorAll("[data-ts-key-toggle]");

  function sync() {
    toggles.forEach(function (toggle) {
      var box = document.getElementById(toggle.getAttribute("data-ts-key-toggle"));
      if (box) toggle.setAttribute("aria-expanded", box.checked ? "true" : "false");
    });
  }

  toggles.forEach(function (toggle) {
    toggle.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.closest("label").click();
    });
  });
  document.addEventListener("change", sync);
  document.addEventListener("click", function () { setTimeout(sync, 0); });
  sync();
})();
