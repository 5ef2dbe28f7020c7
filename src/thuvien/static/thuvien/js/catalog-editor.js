/* The MARC editor's row actions done in the page (no round trip). Without this script the same
   buttons submit the form and the server applies the action, so everything still works. */
(function () {
  "use strict";
  var form = document.getElementById("marc-editor");
  if (!form) { return; }
  var list = document.getElementById("marc-fields");

  function fromTemplate(id) {
    var tpl = document.getElementById(id);
    return tpl.content.firstElementChild.cloneNode(true);
  }

  /* Give every input its position again: f-<i>-tag, f-<i>-s-<j>-code ... in page order. */
  function renumber() {
    var fields = list.querySelectorAll(":scope > li.marc-field");
    fields.forEach(function (li, i) {
      li.querySelectorAll(".field-head input").forEach(function (input) {
        input.name = input.name.replace(/^f-[^-]+-/, "f-" + i + "-");
      });
      li.querySelectorAll("li.subfield").forEach(function (sub, j) {
        sub.querySelectorAll("input").forEach(function (input) {
          input.name = input.name.replace(/^f-[^-]+-s-[^-]+-/, "f-" + i + "-s-" + j + "-");
        });
      });
    });
  }

  function newSub(field) {
    var sub = fromTemplate("tpl-sub");
    var addItem = field.querySelector("ul.subfields > li:last-child");
    addItem.parentNode.insertBefore(sub, addItem);
    return sub;
  }

  function newField(after) {
    var field = fromTemplate("tpl-field");
    if (after) { after.after(field); } else { list.appendChild(field); }
    newSub(field);
    renumber();
    field.querySelector("input.tag").focus();
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-op]");
    if (!button) { return; }
    event.preventDefault();
    var op = button.getAttribute("data-op");
    var field = button.closest("li.marc-field");
    if (op === "up" && field.previousElementSibling) {
      field.previousElementSibling.before(field);
    } else if (op === "down" && field.nextElementSibling) {
      field.nextElementSibling.after(field);
    } else if (op === "delete_field") {
      field.remove();
    } else if (op === "add_field") {
      newField(field);
    } else if (op === "add_field_end") {
      newField(null);
    } else if (op === "add_sub") {
      newSub(field).querySelector("input.code").focus();
    } else if (op === "delete_sub") {
      button.closest("li.subfield").remove();
    }
    renumber();
    button.focus();
  });

  form.addEventListener("submit", renumber);
})();
