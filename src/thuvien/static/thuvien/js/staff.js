/* Small behaviours of the staff pages, without inline handlers (the Content-Security-Policy
   allows no inline script): a <select data-autosubmit> sends its form when changed, a
   <button data-print> prints the page. Each works without JavaScript too (a submit button in
   <noscript>, the browser's own print). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest("[data-print]");
    if (el) {
      event.preventDefault();
      window.print();
    }
  });
})();
