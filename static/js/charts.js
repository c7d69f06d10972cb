/* Draw every chart on the page: an element with data-chart="<id>" gets the chart described by the
   JSON in <script id="<id>" type="application/json"> (written by Django's json_script). The same
   data is on the page as a table, so the page still tells everything without JavaScript. */
(function () {
  "use strict";
  var RED = "#c62828", YELLOW = "#b08900", GREEN = "#2e7d32", BLUE = "#0b5cad", GREY = "#9aa5b1";

  function milestones(d) {
    var names = d.rows.map(function (r) { return r.name; });
    function points(key) {
      return d.rows.map(function (r, i) { return r[key] ? [r[key], i] : null; }).filter(Boolean);
    }
    var overdue = d.rows.map(function (r, i) { return r.overdue ? [r.planned, i] : null; }).filter(Boolean);
    // The axis always reaches today, so today's line shows even when every milestone is past or ahead.
    var dates = [d.today];
    d.rows.forEach(function (r) { ["planned", "actual", "baseline"].forEach(function (k) { if (r[k]) { dates.push(r[k]); } }); });
    dates.sort();
    var pad = 15 * 86400000;
    return {
      tooltip: { trigger: "item", formatter: function (p) { return names[p.value[1]] + "<br>" + p.seriesName + ": " + p.value[0]; } },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 24, top: 56, bottom: 24, containLabel: true },
      xAxis: { type: "time", min: Date.parse(dates[0]) - pad, max: Date.parse(dates[dates.length - 1]) + pad },
      yAxis: { type: "category", data: names, inverse: true },
      series: [
        { name: d.labels.baseline, type: "scatter", symbol: "emptyCircle", symbolSize: 9, itemStyle: { color: GREY }, data: points("baseline") },
        { name: d.labels.planned, type: "scatter", symbol: "circle", symbolSize: 10, itemStyle: { color: BLUE }, data: points("planned"),
          markLine: { symbol: "none", lineStyle: { color: RED, type: "dashed" }, label: { formatter: d.labels.today },
                      data: [{ xAxis: d.today }] } },
        { name: d.labels.actual, type: "scatter", symbol: "diamond", symbolSize: 12, itemStyle: { color: GREEN }, data: points("actual") },
        { name: d.labels.overdue, type: "scatter", symbol: "triangle", symbolSize: 12, itemStyle: { color: RED }, data: overdue, legendHoverLink: false }
      ]
    };
  }

  function progress(d) {
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 24, top: 56, bottom: 24, containLabel: true },
      xAxis: { type: "time" },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: d.labels.expected, type: "line", showSymbol: false, lineStyle: { type: "dashed", color: GREY }, itemStyle: { color: GREY },
          data: d.rows.filter(function (r) { return r.expected !== null; }).map(function (r) { return [r.date, r.expected]; }),
          markLine: { symbol: "none", lineStyle: { color: RED, type: "dashed" }, label: { formatter: d.labels.today }, data: [{ xAxis: d.today }] } },
        { name: d.labels.reported, type: "line", itemStyle: { color: BLUE },
          data: d.rows.filter(function (r) { return r.reported !== null; }).map(function (r) { return [r.date, r.reported]; }) }
      ]
    };
  }

  function investment(d) {
    var months = d.rows.map(function (r) { return r.month; });
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 24, top: 56, bottom: 24, containLabel: true },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", name: d.unit, nameLocation: "end", nameGap: 12, nameTextStyle: { align: "left" } },
      series: [
        { name: d.labels.completed, type: "bar", itemStyle: { color: BLUE }, data: d.rows.map(function (r) { return r.completed; }) },
        { name: d.labels.cumulative, type: "line", itemStyle: { color: GREEN }, data: d.rows.map(function (r) { return r.cumulative; }) },
        { name: d.labels.expected, type: "line", lineStyle: { type: "dashed" }, itemStyle: { color: GREY }, data: d.rows.map(function (r) { return r.expected; }) }
      ].filter(function (s) { return s.data.some(function (v) { return v !== null; }); })
    };
  }

  function bars(d) {
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 16, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: "value", name: d.unit },
      yAxis: { type: "category", data: d.rows.map(function (r) { return r.label; }), inverse: true },
      series: [{ type: "bar", itemStyle: { color: BLUE }, data: d.rows.map(function (r) { return r.value; }) }]
    };
  }

  function funnel(d) {
    return {
      tooltip: { trigger: "item", formatter: "{b}: {c}" },
      series: [{ type: "funnel", sort: "none", left: "10%", width: "80%", minSize: "10%", label: { formatter: "{b} {c}" },
                 data: d.rows.map(function (r) { return { name: r.label, value: r.value }; }) }]
    };
  }

  function trend(d) {
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 24, top: 56, bottom: 24, containLabel: true },
      xAxis: { type: "category", data: d.rows.map(function (r) { return r.label; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: d.labels.red, type: "line", itemStyle: { color: RED }, data: d.rows.map(function (r) { return r.red; }) },
        { name: d.labels.lagging, type: "line", itemStyle: { color: YELLOW }, data: d.rows.map(function (r) { return r.lagging; }) }
      ]
    };
  }

  var BUILDERS = { milestones: milestones, progress: progress, investment: investment, bars: bars, funnel: funnel,
                   trend: trend };

  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      var build = BUILDERS[data.type];
      if (!build) { return; }
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var option = build(data);
      option.animation = false;
      chart.setOption(option);
      el.setAttribute("data-drawn", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
