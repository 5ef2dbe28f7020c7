/* Cataloguing suggestions on the record form: ask for a DDC class and subject headings from what
   the cataloguer has written, show each with its confidence, and fill a field only when the
   cataloguer clicks "Dùng" on it. Without this script the panel stays hidden; nothing is ever
   filled in by itself. */
(function () {
  "use strict";
  var panel = document.getElementById("suggest-panel");
  if (!panel) { return; }
  var form = panel.closest("form");
  var ddcInput = form.querySelector("[name=ddc]");
  var subjectsInput = form.querySelector("[name=subjects]");
  if (!ddcInput && !subjectsInput) { return; }
  panel.hidden = false;
  var ask = document.getElementById("suggest-ask");
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function percent(x) { return Math.round(x * 100) + "%"; }

  function show(box, title, items, use) {
    box.textContent = "";
    if (!items.length) { return; }
    var h = document.createElement("h3");
    h.textContent = title;
    box.appendChild(h);
    var list = document.createElement("ul");
    list.className = "suggest-list";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var value = document.createElement("span");
      value.className = "suggest-value";
      value.textContent = item.value;
      var conf = document.createElement("span");
      conf.className = "muted";
      conf.textContent = " (" + percent(item.confidence) + ") ";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-small";
      button.textContent = panel.dataset.use;
      button.addEventListener("click", function () {
        use(item.value);
        button.disabled = true;
        button.textContent = panel.dataset.used;
      });
      li.appendChild(value);
      li.appendChild(conf);
      li.appendChild(button);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function useDdc(value) { ddcInput.value = value; ddcInput.dispatchEvent(new Event("input")); }

  function useSubject(value) {
    var lines = subjectsInput.value.split("\n").map(function (l) { return l.trim(); })
      .filter(function (l) { return l; });
    if (lines.indexOf(value) < 0) { lines.push(value); }
    subjectsInput.value = lines.join("\n");
  }

  ask.addEventListener("click", function () {
    var body = new URLSearchParams();
    ["title", "subtitle", "notes"].forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field && field.value.trim()) { body.append(name, field.value); }
    });
    ask.disabled = true;
    fetch(panel.dataset.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {"X-CSRFToken": token, "Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (answer) {
      var ddcBox = document.getElementById("suggest-ddc");
      var subjBox = document.getElementById("suggest-subjects");
      if (!answer.ok) {
        ddcBox.textContent = answer.data.detail || panel.dataset.error;
        subjBox.textContent = "";
        return;
      }
      if (!answer.data.ddc.length && !answer.data.subjects.length) {
        ddcBox.textContent = panel.dataset.none;
        subjBox.textContent = "";
        return;
      }
      if (ddcInput) { show(ddcBox, "DDC", answer.data.ddc, useDdc); }
      if (subjectsInput) { show(subjBox, subjectsInput.labels[0].textContent, answer.data.subjects, useSubject); }
    }).catch(function () {
      document.getElementById("suggest-ddc").textContent = panel.dataset.error;
    }).finally(function () { ask.disabled = false; });
  });
}());
