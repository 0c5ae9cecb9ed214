/* Quick exit, after the pattern of GOV.UK Frontend's "Exit this page" component.
 *
 * The buttons are plain links and work without this script. With it, a click, or the
 * Shift key pressed on its own three times within a few seconds, blanks the page at once
 * and leaves with location.replace(), so that Back does not return to this page.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var count = 0;
  var timer = null;
  var shiftHeld = false;
  var otherKeyWithShift = false;

  function exitUrl() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.href : null;
  }

  function announce(text) {
    var status = document.querySelector("[data-quick-exit-status]");
    if (status) status.textContent = text;
  }

  function showCount(n) {
    var indicator = document.querySelector("[data-quick-exit-count]");
    if (!indicator) return;
    indicator.hidden = n === 0;
    var dots = indicator.children;
    for (var i = 0; i < dots.length; i++) {
      dots[i].className = i < n ? "ts-quick-exit__dot--on" : "";
    }
  }

  function reset() {
    count = 0;
    clearTimeout(timer);
    showCount(0);
  }

  function leave(url) {
    if (!url) return;
    // Blank the page before the next one loads, so nothing lingers on screen: dark in dark
    // mode, so that a dark room is not lit up by a white flash. Set here, not only in the
    // stylesheet, so that a worksheet (which has its own styles) blanks too.
    var root = document.documentElement;
    var scheme = document.body && document.body.getAttribute("data-md-color-scheme");
    var dark = scheme ? scheme === "slate" : window.matchMedia("(prefers-color-scheme: dark)").matches;
    root.classList.add("ts-exiting");
    root.style.background = dark ? "#000000" : "#ffffff";
    if (document.body) document.body.style.visibility = "hidden";
    document.title = "Leaving";
    announce("Leaving this site.");
    window.location.replace(url);
  }

  function onShiftAlone() {
    count += 1;
    clearTimeout(timer);
    showCount(count);
    if (count >= PRESSES) {
      reset();
      leave(exitUrl());
      return;
    }
    var left = PRESSES - count;
    announce("Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to leave this site.");
    timer = setTimeout(function () {
      reset();
      announce("Quick exit timed out.");
    }, WINDOW_MS);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        shiftHeld = true;
        otherKeyWithShift = false;
      }
      return;
    }
    // Any other key, with Shift or without, breaks the sequence.
    if (shiftHeld) otherKeyWithShift = true;
    if (count > 0) reset();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var alone = shiftHeld && !otherKeyWithShift;
    shiftHeld = false;
    if (alone) onShiftAlone();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit], [data-quick-exit-skip]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    event.preventDefault();
    leave(link.href);
  });

  // A page brought back from the back-forward cache must not stay blank or half-counted.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("ts-exiting");
      document.documentElement.style.background = "";
      if (document.body) document.body.style.visibility = "";
      reset();
      announce("");
    }
  });
})();
