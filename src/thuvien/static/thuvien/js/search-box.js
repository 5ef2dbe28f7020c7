/* The portal's search boxes keep at most `maxlength` characters (the query parser's limit,
   500). A longer pasted text is cut by the browser without a word: this says so beside the
   box, in the page's language (the sentence comes from the box's data-too-long attribute).
   Without JavaScript the box still cuts, and the results page explains a query that came
   too long by another way (a link, an old bookmark). */
(function () {
  "use strict";

  function noteFor(input) {
    var id = input.id + "-too-long";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "field-note";
      note.setAttribute("role", "status");
      var box = input.closest(".search-box") || input;
      box.insertAdjacentElement("afterend", note);
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return note;
  }

  function number(n) {
    try {
      return n.toLocaleString(document.documentElement.lang || "vi");
    } catch (e) {
      return String(n);
    }
  }

  document.addEventListener("paste", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.tooLong || input.maxLength < 1) {
      return;
    }
    var data = event.clipboardData || window.clipboardData;
    var text = data ? data.getData("text") : "";
    var selected = (input.selectionEnd || 0) - (input.selectionStart || 0);
    var room = input.maxLength - (input.value.length - selected);
    var note = noteFor(input);
    if (text.length > room) {
      note.textContent = input.dataset.tooLong
        .replace("{n}", number(text.length))
        .split("{max}").join(number(input.maxLength));
      note.hidden = false;
    } else {
      note.textContent = "";
      note.hidden = true;
    }
  });
})();
