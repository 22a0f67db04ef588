// The quadrant scatter: activity pace across, results pace up, the four regions shaded and
// named, each dot a rep whose page opens on a click. The data travels in the page as JSON.
(function () {
  "use strict";

  var COLOURS = { on_track: "#059669", results_only: "#b45309", activity_only: "#2563eb", off_track: "#b91c1c" };
  var SHADES = { on_track: "rgba(5, 150, 105, 0.07)", results_only: "rgba(180, 83, 9, 0.07)", activity_only: "rgba(37, 99, 235, 0.07)", off_track: "rgba(185, 28, 28, 0.07)" };
  var percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

  // Paint each region behind the dots and write its name in its outer corner.
  function regions(labels) {
    return {
      id: "quadrantRegions",
      beforeDatasetsDraw: function (chart) {
        var area = chart.chartArea, x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
        var midX = Math.min(Math.max(x.getPixelForValue(1), area.left), area.right);
        var midY = Math.min(Math.max(y.getPixelForValue(1), area.top), area.bottom);
        var boxes = [
          ["results_only", area.left, area.top, midX, midY, "left", "top"],
          ["on_track", midX, area.top, area.right, midY, "right", "top"],
          ["off_track", area.left, midY, midX, area.bottom, "left", "bottom"],
          ["activity_only", midX, midY, area.right, area.bottom, "right", "bottom"]
        ];
        ctx.save();
        boxes.forEach(function (b) {
          ctx.fillStyle = SHADES[b[0]];
          ctx.fillRect(b[1], b[2], b[3] - b[1], b[4] - b[2]);
          ctx.fillStyle = COLOURS[b[0]];
          ctx.font = "600 12px system-ui, sans-serif";
          ctx.textAlign = b[5];
          ctx.textBaseline = b[6];
          ctx.fillText(labels[b[0]], b[5] === "left" ? b[1] + 8 : b[3] - 8, b[6] === "top" ? b[2] + 6 : b[4] - 6);
        });
        ctx.restore();
      }
    };
  }

  function axis(title, highest) {
    return {
      min: 0, suggestedMax: Math.max(1.6, highest * 1.1),
      title: { display: true, text: title, color: "#334155" },
      grid: { color: function (c) { return c.tick.value === 1 ? "#94a3b8" : "#eef2f7"; } },
      ticks: { color: "#64748b", callback: function (v) { return percent.format(v); } }
    };
  }

  function config(data) {
    var points = data.points;
    var highest = function (key) { return points.reduce(function (m, p) { return Math.max(m, p[key]); }, 0); };
    return {
      type: "scatter",
      data: { datasets: [{
        data: points,
        pointRadius: 7, pointHoverRadius: 9, clip: false, // a dot at 0% is drawn whole
        pointBackgroundColor: points.map(function (p) { return COLOURS[p.quadrant]; }),
        pointBorderColor: "#fff", pointBorderWidth: 1.5
      }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: axis("Activity pace (plan to date)", highest("x")), y: axis("Results pace (revenue goal to date)", highest("y")) },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) {
            var p = item.raw;
            return p.name + ": activity " + percent.format(p.x) + ", results " + percent.format(p.y) + " (" + data.labels[p.quadrant] + ")";
          } } }
        },
        onHover: function (event, found) { event.native.target.style.cursor = found.length ? "pointer" : "default"; },
        onClick: function (event, found) { if (found.length) { window.location.href = points[found[0].index].href; } }
      },
      plugins: [regions(data.labels)]
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.quadrant);
    if (!source || canvas.dataset.drawn || !window.Chart) { return; }
    new window.Chart(canvas, config(JSON.parse(source.textContent)));
    canvas.dataset.drawn = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-quadrant]").forEach(draw);
  });
})();
