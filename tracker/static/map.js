// Draws the country maps (data-map): plotly.js reads the world geometry from this app's /geo/
// (data-topojson), never from its CDN, so the page loads nothing from outside.
(function () {
  "use strict";

  // A country's last customdata item is the path of its deals (/deals?country=PAK).
  var SITE_PATH = /^\/deals\?[A-Za-z0-9_=&.%-]+$/;

  function follow(event) {
    var point = event && event.points && event.points[0];
    var data = point && point.customdata;
    var target = Array.isArray(data) ? data[data.length - 1] : null;
    if (typeof target === "string" && SITE_PATH.test(target)) window.location.assign(target);
  }

  // A world map is about twice as wide as tall: on a narrow screen the figure's fixed height
  // left bands of empty space above and below it, so the height follows the width there.
  var WIDE_PX = 720, ASPECT = 0.55, COLORBAR_PX = 70;

  function draw(el) {
    var source = document.getElementById("chart-" + el.dataset.map + "-data");
    if (!source || !window.Plotly) return;
    var figure = JSON.parse(source.textContent);
    var width = el.clientWidth;
    if (width < WIDE_PX) {
      figure.layout.height = Math.round(width * ASPECT) + COLORBAR_PX;
    }
    el.textContent = "";
    el.style.minHeight = "0"; // the room kept for the fallback text; the figure has its height
    window.Plotly.newPlot(el, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      topojsonURL: el.dataset.topojson,
    }).then(function () {
      el.dataset.drawn = "true";
      el.on("plotly_click", follow);
    });
  }

  function drawAll() {
    document.querySelectorAll("[data-map]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
