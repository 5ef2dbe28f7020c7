/* Small behaviours of every page, bound from data- attributes: the Content-Security-Policy
   allows no inline script and no inline event handler (onclick=, onchange=), so templates say
   what they want with an attribute and this file does it.

   data-autosubmit  on a <select>: submit its form when the choice changes
   data-print       on a button: print the page
   data-confirm     on a form or button: ask before going on (the text is the attribute's value) */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
      if (typeof el.form.requestSubmit === "function") {
        el.form.requestSubmit();
      } else {
        el.form.submit();
      }
    }
  });

  document.addEventListener("click", function (event) {
    var el = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (el) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var text = (submitter && submitter.getAttribute("data-confirm")) ||
      (form instanceof HTMLFormElement && form.getAttribute("data-confirm"));
    if (text && !window.confirm(text)) {
      event.preventDefault();
    }
  });
})();
