// DistillGuard console: draws the link graph (Cytoscape.js) and the activity timeline (uPlot) from the JSON the
// server put in data-graph / data-timeline attributes. No inline script (the pages' Content-Security-Policy forbids it).
(function () {
  "use strict";

  function text(el, value) { el.textContent = value; return el; }

  function drawGraph() {
    var host = document.getElementById("graph");
    if (!host || !window.cytoscape) { return; }
    var data = JSON.parse(host.dataset.graph);
    var elements = data.nodes.map(function (n) { return { group: "nodes", data: n }; })
      .concat(data.edges.map(function (e, i) { return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind } }; }));
    var cy = window.cytoscape({
      container: host,
      elements: elements,
      // A fixed layout: accounts on the inner ring, shared values outside, in the server's order (prints the same).
      layout: { name: "concentric", concentric: function (n) { return n.data("kind") === "account" ? 2 : 1; }, levelWidth: function () { return 1; }, animate: false, minNodeSpacing: 12 },
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120, "background-color": "#8a94a3", "width": 14, "height": 14 } },
        { selector: "node[kind = 'account']", style: { "background-color": "#b42318", "width": 20, "height": 20 } },
        { selector: "edge", style: { "width": 1, "line-color": "#c3c9d1" } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#1f5fbf" } }
      ],
      maxZoom: 2,
      wheelSensitivity: 0.3
    });
    window.dgGraph = cy;
    var panel = document.getElementById("node-panel");
    cy.on("tap", "node", function (evt) {
      var n = evt.target;
      panel.replaceChildren();
      panel.appendChild(text(document.createElement("h3"), n.data("label")));
      if (n.data("kind") === "account") {
        panel.appendChild(text(document.createElement("p"), "Account, score " + Number(n.data("score")).toFixed(3)));
        var link = document.createElement("a");
        link.href = "/console/subjects/" + n.data("token");
        panel.appendChild(text(link, "Open the subject page"));
      } else {
        panel.appendChild(text(document.createElement("p"), "Shared " + n.data("kind").replace(/_/g, " ") + ", by " + n.data("shared") + " members"));
      }
      var neighbours = document.createElement("ul");
      n.neighborhood("node").forEach(function (m) { neighbours.appendChild(text(document.createElement("li"), m.data("label"))); });
      panel.appendChild(neighbours);
      n.neighborhood().add(n).select();
    });
  }

  function drawTimeline() {
    var host = document.getElementById("timeline");
    if (!host || !window.uPlot) { return; }
    var data = JSON.parse(host.dataset.timeline);
    if (data.x.length === 0) { host.textContent = "No journalled exchanges."; return; }
    var palette = ["#b42318", "#1f5fbf", "#2f6b2f", "#a15c07", "#6941c6", "#0e7490", "#be185d", "#4d7c0f", "#9a3412", "#334155", "#7c3aed", "#8a94a3"];
    var series = [{ label: "hour (UTC)" }].concat(data.series.map(function (s, i) {
      return { label: s.label, stroke: palette[i % palette.length], width: 1.5, points: { show: false } };
    }));
    var opts = { width: Math.max(320, host.clientWidth - 12), height: 300, series: series, scales: { x: { time: true } }, legend: { show: true }, tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); } };
    window.dgTimeline = new window.uPlot(opts, [data.x].concat(data.series.map(function (s) { return s.data; })), host);
  }

  document.addEventListener("DOMContentLoaded", function () { drawGraph(); drawTimeline(); });
})();
