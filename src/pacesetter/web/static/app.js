// Pacesetter's only hand-written script: draws the charts whose data the page embeds as JSON.
// Pages are complete without it; it runs on load and again on content HTMX swaps in.
(function () {
  "use strict";

  var BRAND = "#2563eb";
  var BRAND_RUNNING = "rgba(37, 99, 235, 0.45)";
  var GRID = "#eef2f7";
  var TICKS = "#64748b";
  var TARGET = "#0f172a";

  function moneyFormats(currency) {
    var full = new Intl.NumberFormat(undefined, { style: "currency", currency: currency, maximumFractionDigits: 0 });
    var compact = new Intl.NumberFormat(undefined, { style: "currency", currency: currency, notation: "compact", maximumFractionDigits: 1 });
    return { full: full.format, compact: compact.format };
  }

  function hasAny(values) {
    return (values || []).some(function (v) { return v !== null && v !== undefined; });
  }

  // A target is a short stroke across its bar: a line dataset that draws only its points.
  function targetMarks(data, horizontal) {
    var length = horizontal ? 10 : 16; // half the stroke: about a bar's thickness, rows never touch
    return {
      type: "line", label: "Target", data: data.targets, showLine: false, order: 0,
      pointStyle: "line", pointRadius: length, pointHoverRadius: length, pointBorderWidth: 3, pointHoverBorderWidth: 3,
      rotation: horizontal ? 90 : 0, borderColor: TARGET, backgroundColor: TARGET
    };
  }

  // Bars of won revenue, each with its target's stroke when it has one.
  function columns(data, money, horizontal, colours) {
    var valueAxis = { beginAtZero: true, grid: { color: GRID }, ticks: { color: TICKS, callback: function (v) { return money.compact(v); } } };
    var labelAxis = { grid: { display: false }, ticks: { color: TICKS, autoSkip: !horizontal, maxRotation: 0 } };
    var datasets = [{ label: "Won", data: data.values, backgroundColor: colours, borderRadius: 5, maxBarThickness: 34, order: 1 }];
    if (hasAny(data.targets)) { datasets.push(targetMarks(data, horizontal)); }
    return {
      type: "bar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "index", axis: horizontal ? "y" : "x", intersect: false },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: tooltip(money, data)
      }
    };
  }

  function barsConfig(data, money, width) {
    // Names read across, never tilted: a row per bar once they no longer fit side by side.
    var horizontal = data.labels.length > 5 || width < 110 * data.labels.length;
    return columns(data, money, horizontal, BRAND);
  }

  function trendConfig(data, money) {
    // The last month is still running: a lighter bar says "to date".
    var colours = data.values.map(function (_, i) { return i === data.values.length - 1 ? BRAND_RUNNING : BRAND; });
    return columns(data, money, false, colours);
  }

  // "Won $85,200 (57% of target)", then "Target $150,000".
  function tooltip(money, data) {
    function label(item) {
      var value = item.parsed[item.chart.options.indexAxis === "y" ? "x" : "y"];
      var text = item.dataset.label + " " + money.full(value);
      var target = (data.targets || [])[item.dataIndex];
      if (item.datasetIndex === 0 && target) { text += " (" + Math.floor(100 * value / target + 1e-9) + "% of target)"; }
      return text;
    }
    return { legend: { display: false }, tooltip: { callbacks: { label: label } } };
  }

  // A KPI over the last periods (managers page): a small line, gaps where it was null.
  function sparkConfig(data, format) {
    var share = format === "share";
    var values = data.values.map(function (v) { return v === null ? null : (share ? 100 * v : v); });
    var show = function (v) { return share ? Math.floor(v + 1e-9) + "%" : String(Math.round(v * 10) / 10); };
    return {
      type: "line",
      data: { labels: data.labels, datasets: [{ data: values, borderColor: BRAND, backgroundColor: BRAND, pointRadius: 3, spanGaps: false, tension: 0 }] },
      options: {
        scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (item) { return show(item.parsed.y); } } } }
      }
    };
  }

  function chartConfig(canvas, data) {
    if (canvas.dataset.kind === "spark") { return sparkConfig(data, canvas.dataset.format); }
    var money = moneyFormats(data.currency);
    return canvas.dataset.kind === "bars" ? barsConfig(data, money, canvas.parentElement.clientWidth) : trendConfig(data, money);
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || canvas.dataset.drawn) { return; }
    var data = JSON.parse(source.textContent);
    var config = chartConfig(canvas, data);
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
