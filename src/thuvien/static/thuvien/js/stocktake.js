// Stocktake scanning: every code typed (a scanner types a code and Enter in ~30 ms) goes into a
// queue at once and the box is emptied for the next one; the queue is sent one code at a time,
// so a slow line loses nothing and keeps the order. Without this file the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("stocktake-scan");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=barcode]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var log = document.getElementById("stocktake-log");
  var scanned = document.getElementById("st-scanned");
  var queue = [];
  var busy = false;

  function line(code, text, cls) {
    var li = document.createElement("li");
    li.className = cls;
    var c = document.createElement("code");
    c.textContent = code;
    li.appendChild(c);
    li.appendChild(document.createTextNode(" " + text));
    log.insertBefore(li, log.firstChild);
    return li;
  }

  function next() {
    if (busy || !queue.length) return;
    busy = true;
    var item = queue.shift();
    var body = new URLSearchParams();
    body.append("barcode", item.code);
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "X-CSRFToken": token },
      body: body,
      credentials: "same-origin",
    })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.error) {
          item.li.textContent = "";
          item.li.appendChild(document.createTextNode(item.code + " — " + data.error));
          item.li.className = "outcome-error";
          return;
        }
        item.li.className = "outcome-" + data.outcome;
        item.li.firstChild.textContent = data.barcode;
        var row = document.querySelector('#stocktake-missing tr[data-barcode="' + CSS.escape(data.barcode) + '"]');
        var missing = document.getElementById("st-missing");
        if (row) {
          row.remove();
          if (missing) missing.textContent = String(Math.max(0, Number(missing.textContent) - 1));
        }
        item.li.lastChild.textContent = " " + data.label + (data.title ? " — " + data.title : "");
        if (!data.repeated && scanned) scanned.textContent = String(Number(scanned.textContent) + 1);
      })
      .catch(function () {
        queue.unshift(item); // the line dropped: keep the code and try again shortly
        setTimeout(function () { busy = false; next(); }, 2000);
        busy = "retry";
      })
      .finally(function () {
        if (busy === "retry") return;
        busy = false;
        next();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim();
    input.value = "";
    input.focus();
    if (!code) return;
    queue.push({ code: code, li: line(code, form.dataset.queueLabel || "…", "outcome-queued") });
    next();
  });
})();
