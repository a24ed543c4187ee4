// Draws every chart whose Plotly figure the page carries as JSON (script type=application/json).
// Without JavaScript the page still reads: each chart has its caption and a data table.
(function () {
  "use strict";

  // Below this width the row labels would take most of the plot: they wrap onto two lines
  // of LINE_CHARS and only a longer label is cut (hover keeps it whole).
  var NARROW_PX = 520;
  var LINE_CHARS = 18;
  // Rows are drawn one line high (24 to 26 px at 12 px text): once a label wraps, every row
  // gets a second line's height, or the two lines run into the next row's label.
  var SECOND_LINE_PX = 14;
  // A Sankey's three labelled columns need this much room; a narrower screen scrolls the chart
  // sideways inside its box (the page itself never scrolls sideways).
  var SANKEY_MIN_PX = 640;

  function shorten(label) {
    label = String(label);
    if (label.length <= LINE_CHARS) return label;
    var cut = label.lastIndexOf(" ", LINE_CHARS);
    if (cut < 4) cut = LINE_CHARS;
    var rest = label.slice(cut).trim();
    if (rest.length > LINE_CHARS) rest = rest.slice(0, LINE_CHARS - 1) + "…";
    return label.slice(0, cut).trim() + "<br>" + rest;
  }

  function fitNarrow(figure, el) {
    var width = el.clientWidth;
    var sankey = figure.data.length && figure.data[0].type === "sankey";
    if (sankey && width < SANKEY_MIN_PX) {
      figure.layout.width = SANKEY_MIN_PX;
      el.classList.add("scrolls");
      return;
    }
    var axis = figure.layout.yaxis;
    if (width >= NARROW_PX || !axis || axis.type !== "category") return;
    var values = axis.tickvals || (figure.data[0] && figure.data[0].y) || [];
    var texts = axis.ticktext || values;
    axis.tickmode = "array";
    axis.tickvals = values;
    axis.ticktext = texts.map(shorten);
    var wrapped = axis.ticktext.some(function (t) { return t.indexOf("<br>") >= 0; });
    if (wrapped) figure.layout.height = (figure.layout.height || 360) + values.length * SECOND_LINE_PX;
  }

  // The legend sits in a band of its own above the plot, as tall as its entries need at this
  // width: a legend inside the figure's height ran over the axis of a short chart.
  function legendBand(figure, width) {
    var layout = figure.layout;
    var entries = figure.data.filter(function (t) {
      return t.name && t.showlegend !== false && t.type !== "sankey";
    });
    if (layout.showlegend === false || (entries.length < 2 && layout.showlegend !== true)) return;
    // Plotly wraps a legend that does not fit into columns of its widest entry: count rows
    // the same way, with a character at 7 px and the symbol and gaps at 44.
    var widest = 0, total = 0;
    entries.forEach(function (t) {
      var need = String(t.name).length * 7 + 44;
      widest = Math.max(widest, need);
      total += need;
    });
    var perRow = total <= width ? entries.length : Math.max(1, Math.floor(width / widest));
    var rows = Math.ceil(entries.length / perRow);
    var band = rows * 19 + 10;
    layout.margin = layout.margin || {};
    layout.margin.t = (layout.margin.t || 0) + band;
    layout.height = (layout.height || 360) + band;
    layout.legend = Object.assign({}, layout.legend, {
      orientation: "h", yref: "container", y: 1, yanchor: "top", x: 0, xanchor: "left"
    });
  }

  function draw(el) {
    var source = document.getElementById("chart-" + el.dataset.chart + "-data");
    if (!source || !window.Plotly) return;
    var figure = JSON.parse(source.textContent);
    fitNarrow(figure, el);
    legendBand(figure, figure.layout.width || el.clientWidth);
    el.textContent = "";
    el.style.minHeight = "0"; // the room kept for the fallback text; the figure has its height
    window.Plotly.newPlot(el, figure.data, figure.layout, {
      responsive: !figure.layout.width,
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
