// Draws every chart whose Plotly figure the page carries as JSON (script type=application/json).
// Without JavaScript the page still reads: each chart has its caption and a data table.
(function () {
  "use strict";

  function draw(el) {
    var source = document.getElementById("chart-" + el.dataset.chart + "-data");
    if (!source || !window.Plotly) return;
    var figure = JSON.parse(source.textContent);
    el.textContent = "";
    window.Plotly.newPlot(el, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
    }).then(function () {
      el.dataset.drawn = "true";
    });
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
