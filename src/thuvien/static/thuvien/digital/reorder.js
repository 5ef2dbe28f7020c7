/* Page order on the staff "pages" screen. Without JavaScript the "move up / move down"
   buttons post one move each. With it, a row can also be dragged, or moved with Alt+Arrow
   keys when it (or a control in it) has focus; the new order is shown at once, announced to
   screen readers, and sent as one list of page ids through the page's order form. */
(function () {
  "use strict";
  var form = document.getElementById("page-order-form");
  var body = document.getElementById("page-rows");
  var status = document.getElementById("reorder-status");
  if (!form || !body) {
    return;
  }
  var dragged = null;

  function rows() {
    return Array.prototype.slice.call(body.querySelectorAll("tr[data-page]"));
  }

  function submitOrder(row) {
    form.elements.order.value = rows().map(function (r) { return r.dataset.page; }).join(",");
    var position = rows().indexOf(row) + 1;
    if (status) {
      status.textContent = (document.documentElement.lang === "en"
        ? "Page moved to position " : "Trang đã chuyển đến vị trí ") + position;
    }
    form.action = form.action.split("#")[0] + "#p-" + row.dataset.page;
    form.submit();
  }

  body.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) {
      return;
    }
    var row = event.target.closest("tr[data-page]");
    if (!row) {
      return;
    }
    event.preventDefault();
    var sibling = event.key === "ArrowUp" ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling) {
      return;
    }
    if (event.key === "ArrowUp") {
      body.insertBefore(row, sibling);
    } else {
      body.insertBefore(sibling, row);
    }
    submitOrder(row);
  });

  body.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("tr[data-page]");
    if (dragged && event.dataTransfer) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.page);
    }
  });
  body.addEventListener("dragover", function (event) {
    if (dragged) {
      event.preventDefault();
    }
  });
  body.addEventListener("drop", function (event) {
    var target = event.target.closest("tr[data-page]");
    if (!dragged || !target || target === dragged) {
      return;
    }
    event.preventDefault();
    var list = rows();
    if (list.indexOf(dragged) < list.indexOf(target)) {
      body.insertBefore(dragged, target.nextElementSibling);
    } else {
      body.insertBefore(dragged, target);
    }
    var row = dragged;
    dragged = null;
    submitOrder(row);
  });
  // After a move, focus is on the moved page's button (autofocus) or its row.
  var again = document.querySelector("#page-rows [autofocus]");
  if (again) {
    again.focus();
  }
  var hash = window.location.hash;
  if (hash && hash.indexOf("#p-") === 0) {
    var moved = document.getElementById(hash.slice(1));
    if (moved && !document.querySelector("[autofocus]")) {
      moved.focus();
    }
  }
})();
