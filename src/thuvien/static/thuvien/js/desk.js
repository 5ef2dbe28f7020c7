/* The circulation desk at scanner speed (check-out, check-in, renew).
 *
 * A scanner types a code and Enter in a few milliseconds and the librarian scans the next book
 * while the page is still answering. So the scan field is never replaced: each Enter takes the
 * code out of the field at once, queues it, and the queue sends one code at a time, in order,
 * whatever the latency of the line. Each answer becomes one line of the session list (newest
 * on top). On the check-out page the first code of a reader is the card (or a name or phone);
 * the codes after it are books.
 *
 * Each line of a reader's book carries the reader (data-reader) and a heading "Bạn đọc: name ·
 * card" that is shown on the first (newest) line of each run of that reader's lines only, so
 * the librarian sees whose books are whose when readers follow each other.
 *
 * An override is never a scan: it has its own form in the refused line, with a reason typed by
 * a person and its own button; the focus stays in the scan field. A code ending with Enter in
 * a reason box (a scanner) is taken out of it and queued as the next scan.
 *
 * Without JavaScript the same forms post and the server answers with a whole page.
 */
(function () {
  "use strict";

  // The print button of a slip page.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  var form = document.getElementById("scan-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var input = document.getElementById("scan");
  var list = document.getElementById("desk-session");
  var counter = document.getElementById("desk-queue");
  var patronBox = document.getElementById("desk-patron");
  var label = document.getElementById("scan-label");
  var kind = form.getAttribute("data-desk");
  var text = function (name) { return form.getAttribute("data-text-" + name) || ""; };
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var card = form.getAttribute("data-card") || "";
  var queue = [];
  var busy = false;

  // Without a field name the browser does not offer autofill, and the server never reads it:
  // every code goes through the queue.
  input.removeAttribute("name");

  function fragment(html) {
    var t = document.createElement("template");
    t.innerHTML = (html || "").trim();
    return t.content.firstElementChild;
  }

  function pendingLine(code) {
    var li = document.createElement("li");
    li.className = "desk-msg pending";
    var strong = document.createElement("strong");
    strong.className = "desk-code";
    strong.textContent = code;
    var span = document.createElement("span");
    span.className = "desk-text";
    span.textContent = " " + text("waiting");
    li.appendChild(strong);
    li.appendChild(span);
    list.insertBefore(li, list.firstChild);
    return li;
  }

  function showCount() {
    var n = queue.length + (busy ? 1 : 0);
    counter.textContent = n > 1 ? text("queue") + " " + n : "";
  }

  function enqueue(job) {
    if (!job.line) { job.line = pendingLine(job.code); }
    queue.push(job);
    showCount();
    pump();
  }

  function replaceLine(job, html) {
    var li = fragment(html);
    if (li) { job.line.replaceWith(li); job.line = li; }
  }

  // The heading of each reader's run: shown on its newest line, hidden on the others. A line
  // still waiting, or the "next reader" step, neither starts nor ends a run; any other line
  // without a reader (a refused card, a copy nobody had) ends it.
  function regroup() {
    var above = null;
    Array.prototype.forEach.call(list.children, function (li) {
      var reader = li.getAttribute("data-reader");
      if (reader === null) {
        if (!li.classList.contains("pending") && !li.classList.contains("desk-next")) {
          above = null;
        }
        return;
      }
      var head = li.querySelector(".desk-reader-head");
      if (head) { head.hidden = reader === above; }
      above = reader;
    });
  }

  function failLine(job) {
    job.line.className = "desk-msg refused";
    job.line.setAttribute("role", "alert");
    job.line.querySelector(".desk-text").textContent = " " + text("failed");
  }

  function body(job) {
    var data = job.data || new FormData();
    data.set("csrfmiddlewaretoken", csrf);
    if (job.data) { return data; }  // an override form, sent as it is
    if (kind === "checkout" && !card) {
      data.set("card_number", job.code);
    } else {
      if (kind === "checkout") { data.set("card_number", card); }
      data.set("barcode", job.code);
    }
    return data;
  }

  function apply(job, answer) {
    if (answer.patron_html !== undefined && patronBox) {
      patronBox.innerHTML = answer.patron_html;
    }
    if (kind === "checkout" && answer.card_number && answer.card_number !== card) {
      card = answer.card_number;
      form.setAttribute("data-card", card);
      if (label) { label.textContent = text("item-label"); }
    }
    if (answer.entry_html) {
      replaceLine(job, answer.entry_html);
    } else {
      job.line.remove();  // a card found: the reader's box says it
    }
    regroup();
  }

  // "Done, next reader" is a step of the queue, not a page load: the scans made while the
  // previous reader's books are still being sent stay that reader's, and the next card and
  // books, scanned at once, are not lost while a fresh page comes over a slow line.
  function nextReader(job) {
    card = "";
    form.setAttribute("data-card", "");
    if (label) { label.textContent = text("card-label"); }
    if (patronBox) { patronBox.innerHTML = ""; }
    job.line.className = "desk-msg info desk-next";
    regroup();
  }

  function pump() {
    if (busy || !queue.length) { showCount(); return; }
    var job = queue.shift();
    if (job.reset) { nextReader(job); pump(); return; }
    busy = true;
    showCount();
    var sending = job.line.querySelector(".desk-text");
    if (sending) { sending.textContent = " " + text("sending"); }
    fetch(form.action, {
      method: "POST",
      body: body(job),
      credentials: "same-origin",
      headers: { "X-Desk-Scan": "1", "Accept": "application/json" },
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (answer) {
      apply(job, answer);
    }).catch(function () {
      failLine(job);
      regroup();
    }).then(function () {
      busy = false;
      pump();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim();
    input.value = "";
    input.focus();
    if (code) { enqueue({ code: code }); }
  });

  // A reader chosen from the list of matches is the next "scan" of a card.
  if (patronBox) {
    patronBox.addEventListener("click", function (event) {
      var done = event.target.closest("a[data-next-reader]");
      if (done) {
        event.preventDefault();
        var line = pendingLine("");
        line.querySelector(".desk-text").textContent = text("next-reader");
        enqueue({ code: "", reset: true, line: line });
        input.focus();
        return;
      }
      var link = event.target.closest("a[data-card]");
      if (!link || card) { return; }
      event.preventDefault();
      enqueue({ code: link.getAttribute("data-card") });
      input.focus();
    });
  }

  // A reader's card scanned where a book was expected: its line offers "done, next reader:
  // this card", which is the same queue step as "Xong — bạn đọc tiếp theo" followed by a scan
  // of that card (the scans already queued stay the current reader's).
  list.addEventListener("click", function (event) {
    var other = event.target.closest("a[data-switch-reader]");
    if (!other || kind !== "checkout") { return; }
    event.preventDefault();
    var line = pendingLine("");
    line.querySelector(".desk-text").textContent = text("next-reader");
    enqueue({ code: "", reset: true, line: line });
    enqueue({ code: other.getAttribute("data-switch-reader") });
    input.focus();
  });

  // A reader's card scanned at the renewal desk offers that reader's loans: each button is a
  // scan of that copy, queued as the next scan (a line of its own).
  list.addEventListener("submit", function (event) {
    var offer = event.target.closest("form.desk-renew-offer");
    if (!offer) { return; }
    event.preventDefault();
    var code = offer.querySelector("input[name=barcode]").value;
    if (code) { enqueue({ code: code }); }
    input.focus();
  });

  // Overrides: the refused line's own form, sent through the same queue (so it keeps its place
  // among the scans); the answer replaces that line.
  list.addEventListener("submit", function (event) {
    var override = event.target.closest("form.desk-override");
    if (!override) { return; }
    event.preventDefault();
    var line = override.closest("li");
    line.classList.add("pending");
    enqueue({ code: "", data: new FormData(override), line: line });
    input.focus();
  });
  // Enter in a reason box: a reason is one sentence, so Enter never adds a line; and what
  // ends with Enter there is a scanner's code (one "word" with a digit, as the server's rule
  // for reasons): it is taken out of the box and queued as the next scan. Timing is not used:
  // on a busy computer a scanner's keys can arrive as slowly as a person's.
  var CODE_LIKE = /^[\w.\/:-]*\d[\w.\/:-]*$/;
  list.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || !box.matches || !box.matches(".desk-override textarea")) {
      return;
    }
    event.preventDefault();
    var found = /(\S+)\s*$/.exec(box.value);
    if (!found || found[1].length < 4 || !CODE_LIKE.test(found[1])) { return; }
    box.value = box.value.slice(0, found.index);
    var overrideForm = box.closest("form");
    var note = overrideForm.querySelector(".desk-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "desk-note";
      note.setAttribute("role", "alert");
      overrideForm.appendChild(note);
    }
    note.textContent = text("scanned-reason");
    input.focus();
    enqueue({ code: found[1] });
  });
}());
