/* Copy buttons on /help/button/: each copies its snippet's code.
 *
 * The buttons are hidden until this script shows them, so a reader without JavaScript never
 * meets a button that does nothing; the code stays there to select and copy by hand. A file,
 * not an inline script, so that a Content-Security-Policy allowing only the site's own
 * scripts lets it run.
 */
(function () {
  "use strict";

  function say(status, text) {
    if (!status) return;
    status.textContent = "";
    // A fresh text node each time, so that a screen reader says it again on a second copy.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function selectAll(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(code) {
    selectAll(code);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var id = button.getAttribute("data-copy-snippet");
    var code = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!code) return;
    var text = code.textContent;
    var done = function () { say(status, "Copied. Paste it into your page."); };
    var manual = function () {
      if (copyBySelection(code)) {
        done();
      } else {
        selectAll(code);
        say(status, "The code is selected: press Ctrl+C (or Command+C on a Mac) to copy it.");
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, manual);
    } else {
      manual();
    }
  }

  function start() {
    var buttons = document.querySelectorAll("[data-copy-snippet]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].hasAttribute("data-copy-ready")) continue;
      buttons[i].setAttribute("data-copy-ready", "");
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  }

  // Material's instant navigation swaps pages without loading them: it says so on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
