/* Sổ tay tuyên truyền: the "In" (print) button of plans, outlines, organisations, events and print packs.
   The button is in the page, hidden, so that without JavaScript nothing shows that would not work; this script
   shows it and prints the page (the print stylesheet, sotay-print.css, lays it out on A4). Before printing,
   collapsed task details are opened so that they print, and closed again afterwards. No inline handlers. */
(function () {
  "use strict";

  var opened = [];

  function openDetails() {
    opened = [];
    var all = document.querySelectorAll(".md-typeset details:not([open])");
    for (var i = 0; i < all.length; i++) {
      all[i].setAttribute("open", "");
      opened.push(all[i]);
    }
  }

  function closeDetails() {
    for (var i = 0; i < opened.length; i++) {
      opened[i].removeAttribute("open");
    }
    opened = [];
  }

  function setUp() {
    var buttons = document.querySelectorAll(".sotay-print-button");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      if (button.getAttribute("data-sotay-bound") === "1") continue;
      button.setAttribute("data-sotay-bound", "1");
      button.hidden = false;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        window.print();
      });
    }
  }

  window.addEventListener("beforeprint", openDetails);
  window.addEventListener("afterprint", closeDetails);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
