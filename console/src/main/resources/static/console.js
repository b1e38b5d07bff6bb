// Charts from data-chart attributes (Chart.js from its WebJar), the deploy wizard's parameter sections, and
// messages for refused htmx requests. The pages work without this script: forms post, links navigate.
(function () {
  "use strict";
  var palette = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#4b5563", "#ca8a04"];

  function draw(canvas) {
    if (typeof Chart === "undefined") { return; }
    var spec;
    try { spec = JSON.parse(canvas.getAttribute("data-chart")); } catch (e) { return; }
    var existing = Chart.getChart(canvas);
    if (existing) { existing.destroy(); }
    var kind = spec.kind === "waterfall" ? "bar" : spec.kind;
    var datasets = (spec.datasets || []).map(function (d, i) {
      var color = palette[i % palette.length];
      return Object.assign({}, d, {
        borderColor: color, backgroundColor: kind === "line" ? color : color + "99",
        pointRadius: kind === "scatter" ? 2 : 0, borderWidth: 2, tension: 0.2, showLine: kind !== "scatter"
      });
    });
    var linear = kind === "line" || kind === "scatter";
    new Chart(canvas, {
      type: kind,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        indexAxis: spec.kind === "waterfall" ? "y" : "x",
        plugins: { legend: { display: spec.kind !== "waterfall" } },
        scales: {
          x: { type: linear ? "linear" : "category", title: { display: !!spec.x, text: spec.x } },
          y: { title: { display: !!spec.y, text: spec.y } }
        }
      }
    });
    canvas.setAttribute("data-drawn", "true");
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  function wizard() {
    var radios = document.querySelectorAll("input[name=pattern]");
    if (!radios.length) { return; }
    function show() {
      var chosen = document.querySelector("input[name=pattern]:checked");
      document.querySelectorAll("[data-for]").forEach(function (el) {
        var patterns = el.getAttribute("data-for").split(" ");
        el.hidden = !chosen || patterns.indexOf(chosen.value) < 0;
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", show); });
    show();
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(); wizard(); });
  document.addEventListener("htmx:afterSettle", function (e) { drawAll(e.target); });
  document.addEventListener("htmx:sseMessage", function (e) { drawAll(e.target); });
  document.addEventListener("htmx:responseError", function (e) {
    var box = document.getElementById("message");
    if (!box) {
      box = document.createElement("p");
      box.id = "message";
      box.className = "error toast";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = e.detail.xhr.responseText || ("request refused: " + e.detail.xhr.status);
  });
})();
