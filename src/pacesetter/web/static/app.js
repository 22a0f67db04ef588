// Pacesetter's only hand-written script: draws the charts whose data the page embeds as JSON.
// Pages are complete without it; it runs on load and again on content HTMX swaps in.
(function () {
  "use strict";

  var BRAND = "#2563eb";
  var BRAND_SOFT = "rgba(37, 99, 235, 0.12)";
  var GRID = "#eef2f7";
  var TICKS = "#64748b";

  function moneyFormats(currency) {
    var full = new Intl.NumberFormat(undefined, { style: "currency", currency: currency, maximumFractionDigits: 0 });
    var compact = new Intl.NumberFormat(undefined, { style: "currency", currency: currency, notation: "compact", maximumFractionDigits: 1 });
    return { full: full.format, compact: compact.format };
  }

  function barsConfig(data, money) {
    var horizontal = data.labels.length > 5;
    var valueAxis = { beginAtZero: true, grid: { color: GRID }, ticks: { color: TICKS, callback: function (v) { return money.compact(v); } } };
    var labelAxis = { grid: { display: false }, ticks: { color: TICKS, autoSkip: false } };
    return {
      type: "bar",
      data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: BRAND, borderRadius: 5, maxBarThickness: 34 }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: tooltip(money)
      }
    };
  }

  function trendConfig(data, money) {
    return {
      type: "line",
      data: { labels: data.labels, datasets: [{ data: data.values, borderColor: BRAND, backgroundColor: BRAND_SOFT, fill: true, tension: 0.3, pointRadius: 4, pointBackgroundColor: BRAND }] },
      options: {
        scales: {
          x: { grid: { display: false }, ticks: { color: TICKS } },
          y: { beginAtZero: true, grid: { color: GRID }, ticks: { color: TICKS, callback: function (v) { return money.compact(v); } } }
        },
        plugins: tooltip(money)
      }
    };
  }

  function tooltip(money) {
    return {
      legend: { display: false },
      tooltip: { callbacks: { label: function (item) { return money.full(item.parsed[item.chart.options.indexAxis === "y" ? "x" : "y"]); } } }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || canvas.dataset.drawn) { return; }
    var data = JSON.parse(source.textContent);
    var money = moneyFormats(data.currency);
    var config = canvas.dataset.kind === "bars" ? barsConfig(data, money) : trendConfig(data, money);
    if (config.options.indexAxis === "y") {
      // A row per person: the box grows with the team instead of squeezing names together.
      canvas.parentElement.style.height = Math.max(220, data.labels.length * 30 + 50) + "px";
    }
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.animation = false;
    new window.Chart(canvas, config);
    canvas.dataset.drawn = "1";
  }

  function drawAll(root) {
    if (!window.Chart) { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (window.htmx) {
    window.htmx.onLoad(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  }
})();
