// Draws every chart whose Plotly figure the page carries as JSON (script type=application/json).
// Without JavaScript the page still reads: each chart has its caption and a data table.
(function () {
  "use strict";

  // Below this width the row labels would take most of the plot: cut them (hover keeps all).
  var NARROW_PX = 520;
  var NARROW_LABEL_CHARS = 16;

  function shorten(label) {
    label = String(label);
    return label.length > NARROW_LABEL_CHARS ? label.slice(0, NARROW_LABEL_CHARS - 1) + "…" : label;
  }

  function fitNarrow(figure, width) {
    var axis = figure.layout.yaxis;
    if (width >= NARROW_PX || !axis || axis.type !== "category") return;
    var values = axis.tickvals || (figure.data[0] && figure.data[0].y) || [];
    var texts = axis.ticktext || values;
    axis.tickmode = "array";
    axis.tickvals = values;
    axis.ticktext = texts.map(shorten);
  }

  function draw(el) {
    var source = document.getElementById("chart-" + el.dataset.chart + "-data");
    if (!source || !window.Plotly) return;
    var figure = JSON.parse(source.textContent);
    fitNarrow(figure, el.clientWidth);
    el.textContent = "";
    window.Plotly.newPlot(el, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
    }).then(function () {
      el.dataset.drawn = "true";
      el.on("plotly_click", follow);
    });
  }

  // A bar or mark whose last customdata item is a site path (/events/..., /deals/..., or a
  // filtered list such as /deals?country=PAK) opens that page, where the sources are; other
  // points do nothing.
  var SITE_PATH = /^\/[a-z]+(\/[A-Za-z0-9._~-]+)?(\?[A-Za-z0-9_=&.-]+)?$/;
  function follow(event) {
    var point = event && event.points && event.points[0];
    var data = point && point.customdata;
    var target = Array.isArray(data) ? data[data.length - 1] : null;
    if (typeof target === "string" && SITE_PATH.test(target)) {
      window.location.assign(target);
    }
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
