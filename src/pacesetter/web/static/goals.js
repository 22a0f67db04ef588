// The pacing charts of the goals pages: actual to date against the expected line, with each
// milestone's end marked (green hit, red missed, amber in progress, grey upcoming). The data
// travels in the page as JSON, built from the same numbers the scorecard prints.
(function () {
  "use strict";

  var STATUS_COLOURS = { hit: "#059669", missed: "#b91c1c", in_progress: "#b45309", upcoming: "#94a3b8" };

  function formatter(data) {
    if (data.unit === "money") {
      var money = new Intl.NumberFormat(undefined, { style: "currency", currency: data.currency, maximumFractionDigits: 0 });
      return money.format;
    }
    if (data.unit === "share") {
      var share = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
      return share.format;
    }
    var number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
    return number.format;
  }

  function datasets(data) {
    var colours = data.milestone_status.map(function (status) { return STATUS_COLOURS[status] || "#94a3b8"; });
    return [
      { label: "Actual", data: data.actual, borderColor: "#2563eb", backgroundColor: "rgba(37, 99, 235, 0.12)", fill: true, tension: 0, pointRadius: 2 },
      { label: "Expected", data: data.expected, borderColor: "#94a3b8", borderDash: [6, 4], pointRadius: 0, fill: false },
      { label: "Milestones", data: data.milestones, showLine: false, pointStyle: "rectRot", pointRadius: 7, pointHoverRadius: 8, pointBackgroundColor: colours, pointBorderColor: colours }
    ];
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.pacing);
    if (!source || canvas.dataset.drawn || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    var format = formatter(data);
    new window.Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets(data) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { grid: { display: false }, ticks: { color: "#64748b", maxRotation: 0, autoSkip: true } },
          y: { beginAtZero: true, grid: { color: "#eef2f7" }, ticks: { color: "#64748b", callback: function (v) { return format(v); } } }
        },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } },
          tooltip: {
            filter: function (item) { return item.parsed.y !== null; },
            callbacks: {
              label: function (item) {
                var name = item.datasetIndex === 2 ? " (" + data.milestone_names[item.dataIndex] + ")" : "";
                return item.dataset.label + name + ": " + format(item.parsed.y);
              }
            }
          }
        }
      }
    });
    canvas.dataset.drawn = "1";
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-pacing]").forEach(draw);
  }

  if (window.htmx) {
    window.htmx.onLoad(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  }
})();
