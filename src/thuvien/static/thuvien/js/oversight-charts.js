// Charts of the inspector's page, drawn with Chart.js (served by thuvien, see
// scripts/vendor-assets.sh) from the JSON the page carries. Every chart has its numbers in the
// table beside it, so nothing is told by colour or by the picture alone.
(function () {
  "use strict";
  if (!window.Chart) return;
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function bars(canvasId, dataId, horizontal) {
    var canvas = document.getElementById(canvasId);
    var d = data(dataId);
    if (!canvas || !d) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [{ label: d.label, data: d.values, backgroundColor: "#0b5394", borderColor: "#062c50", borderWidth: 1 }],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: horizontal ? {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          // Every row named (no label skipped), long names cut to fit a phone; the tooltip
          // and the table beside the chart give them whole.
          y: { ticks: { autoSkip: false, callback: function (value) {
            var label = String(this.getLabelForValue(value));
            var room = canvas.clientWidth < 480 ? 18 : 40;
            return label.length > room ? label.slice(0, room - 1) + "…" : label;
          } } },
        } : { x: { ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  bars("chart-months", "data-months", false);
  bars("chart-types", "data-types", true);
  // The collection's breakdowns: each canvas names the JSON it draws.
  var canvases = document.querySelectorAll("canvas[data-chart]");
  for (var i = 0; i < canvases.length; i++) {
    bars(canvases[i].id, canvases[i].getAttribute("data-chart"), canvases[i].getAttribute("data-horizontal") === "1");
  }
})();
