// Kerta's flood early-warning page (/banjir). The page works without this script: the warnings in force,
// every gauge's level (word and colour), reading and scale are in the page as served. The script adds the map
// (desa boundaries, gauges coloured by level, warning areas, flood-prone places), a 24-hour chart per gauge
// (read from SensorThings when the card comes into view, so a phone on a weak network loads only what it
// shows), and live updates over Server-Sent Events. Every word comes from the page (data-w-… attributes,
// written from the string catalogue) or from the server's JSON; it builds elements, never HTML text.
(function () {
  "use strict";
  var root = document.documentElement;
  // The warning's cancellation form: "expires" starts an hour from now, in WITA as datetime-local writes it
  // (the server leaves it empty, which means "as the warning cancelled"; the reader may change it).
  Array.prototype.forEach.call(document.querySelectorAll("input[type=datetime-local][data-default-hours]"), function (input) {
    if (input.value) return;
    var hours = parseFloat(input.getAttribute("data-default-hours")) || 1;
    input.value = new Date(Date.now() + hours * 3600 * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 16);
  });
  var page = document.getElementById("flood-page");
  if (!page) return;
  root.classList.add("js");

  var DENPASAR = [-8.65, 115.22];
  var WITA_OFFSET = 8 * 3600 * 1000;  // Denpasar is UTC+8 all year, whatever the browser's own zone
  var DAY = 24 * 3600 * 1000, HOUR = 3600 * 1000;
  var LEVELS = ["waspada", "siaga", "awas"];
  var canFetch = typeof window.fetch === "function" && typeof window.Promise === "function";
  var lang = page.getAttribute("data-lang") || root.getAttribute("lang") || "id";

  // ---- small helpers ----
  function byId(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list || [], fn); }
  function make(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function w(key) { var v = page.getAttribute("data-w-" + key); return v === null ? "" : v; }
  function pick(o, camel, snake) { if (!o) return undefined; return o[camel] !== undefined ? o[camel] : o[snake]; }
  function num(v) { var n = typeof v === "number" ? v : parseFloat(v); return isFinite(n) ? n : null; }
  function coalesce(fn, ms) {
    var timer = null;
    return function () { if (!timer) timer = setTimeout(function () { timer = null; fn(); }, ms); };
  }
  function noop() {}
  // The SensorThings links are written with the city's public address; the script asks the server it came from.
  function sameOrigin(url) {
    try { var u = new URL(url, location.href); return u.origin === location.origin ? u.href : u.pathname + u.search; } catch (e) { return url; }
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }
  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      for (var k in attrs) el[k] = attrs[k];
      el.onload = resolve; el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  // ---- WITA ----
  function two(n) { return n < 10 ? "0" + n : String(n); }
  // Indonesian writes the time with dots (09.30), English with colons (09:30), as the server does.
  function clock(ms) {
    var d = new Date(ms + WITA_OFFSET);
    return two(d.getUTCHours()) + (lang === "en" ? ":" : ".") + two(d.getUTCMinutes());
  }
  function isoNoMillis(ms) { return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"); }

  // ---- words for a reading ----
  function cm(v) { var r = Math.round(Math.abs(v) * 10) / 10; return r % 1 === 0 ? String(r) : r.toFixed(1).replace(".", lang === "en" ? "." : ","); }
  function valueText(v) {
    if (v === null) return w("no-reading");
    return v >= 0 ? "+" + cm(v) + " " + w("cm-above") : cm(v) + " " + w("cm-below");
  }

  // ---- the gauges as the page shows them ----
  var cards = {};
  each(page.querySelectorAll(".fl-gauge[data-code]"), function (card) {
    var g = {
      code: card.getAttribute("data-code"), name: card.getAttribute("data-name") || "", card: card,
      level: card.getAttribute("data-level") || "unknown", colour: card.getAttribute("data-colour") || "#757575",
      word: (card.querySelector(".fl-level-word") || {}).textContent || "",
      lat: num(card.getAttribute("data-lat")), lon: num(card.getAttribute("data-lon")),
      value: num(card.getAttribute("data-value")), at: null, atText: "",
      rising: card.getAttribute("data-rising") === "true", offline: card.getAttribute("data-offline") === "true",
      thresholds: {}, observations: card.getAttribute("data-observations-url") || "", chart: null, marker: null
    };
    LEVELS.forEach(function (l) { var t = num(card.getAttribute("data-" + l)); if (t !== null) g.thresholds[l] = t; });
    var time = card.querySelector(".fl-time time");
    if (time) { g.at = time.getAttribute("datetime"); g.atText = time.textContent; }
    var value = card.querySelector(".fl-value");
    if (value) value.textContent = valueText(g.value);
    cards[g.code] = g;
  });

  // The legend names each level in the page's language with its colour.
  var legend = {};
  each(document.querySelectorAll("#flood-legend [data-colour]"), function (li) {
    legend[li.getAttribute("data-code")] = { word: li.textContent.replace(/^\s+|\s+$/g, ""), colour: li.getAttribute("data-colour") };
  });
  function levelColour(code) { return (legend[code] && legend[code].colour) || "#757575"; }
  function levelWord(code) { return (legend[code] && legend[code].word) || code; }

  // A gauge's card from /api/v1/flood/gauges (snake_case).
  function setClass(el, prefix, code) {
    el.className = el.className.split(/\s+/).filter(function (c) { return c && c.indexOf(prefix) !== 0; }).concat(prefix + code).join(" ");
  }
  function updateCard(g, data) {
    var card = g.card, level = data.level || {}, scale = data.scale || {};
    var before = g.level + "|" + g.value + "|" + g.rising + "|" + g.offline;
    g.level = level.code || "unknown"; g.colour = level.colour || levelColour(g.level); g.word = level.word || levelWord(g.level);
    g.value = num(pick(data, "lastValueCm", "last_value_cm"));
    g.rising = !!data.rising; g.offline = !!data.offline;
    var at = pick(data, "lastAt", "last_at"), atText = pick(data, "lastAtText", "last_at_text");
    var lat = num(data.latitude), lon = num(data.longitude);
    if (lat !== null && lon !== null) { g.lat = lat; g.lon = lon; }
    var fresh = at && at !== g.at;
    g.at = at || g.at; g.atText = atText || g.atText;
    g.thresholds = {};
    LEVELS.forEach(function (l) { var t = num(pick(scale, l + "Cm", l + "_cm")); if (t !== null) g.thresholds[l] = t; });

    card.setAttribute("data-level", g.level); card.setAttribute("data-colour", g.colour);
    card.setAttribute("data-rising", String(g.rising)); card.setAttribute("data-offline", String(g.offline));
    if (g.value !== null) card.setAttribute("data-value", String(g.value)); else card.removeAttribute("data-value");
    LEVELS.forEach(function (l) { if (g.thresholds[l] !== undefined) card.setAttribute("data-" + l, String(g.thresholds[l])); else card.removeAttribute("data-" + l); });
    setClass(card, "lv-edge-", g.level);
    card.classList.toggle("is-offline", g.offline); card.classList.toggle("is-rising", g.rising);
    var word = card.querySelector(".fl-level-word");
    if (word) { word.textContent = g.word; word.setAttribute("data-level", g.level); setClass(word, "lv-", g.level); }
    var advice = card.querySelector(".fl-advice");
    if (advice && level.advice) advice.textContent = level.advice;
    var rising = card.querySelector(".fl-rising"), offline = card.querySelector(".fl-offline");
    if (rising) rising.hidden = !g.rising;
    if (offline) offline.hidden = !g.offline;
    var value = card.querySelector(".fl-value");
    if (value) value.textContent = valueText(g.value);
    var time = card.querySelector(".fl-time");
    if (time && g.atText) {
      time.textContent = "· " + w("measured-at") + " ";
      var t = make("time", null, g.atText);
      if (g.at) t.setAttribute("datetime", g.at);
      time.appendChild(t);
    }
    drawScale(g, scale);
    if (g.chart) {
      if (fresh && g.value !== null) addPoint(g, Date.parse(g.at), g.value);
      chartThresholds(g);
    }
    if (g.marker) styleMarker(g);
    if (before !== g.level + "|" + g.value + "|" + g.rising + "|" + g.offline) {
      card.classList.remove("is-updated"); void card.offsetWidth; card.classList.add("is-updated");
    }
  }

  // The scale's lines, rebuilt only when the thresholds changed.
  function drawScale(g, scale) {
    var box = g.card.querySelector(".fl-scale");
    if (!box) return;
    var status = box.querySelector(".fl-scale-status"), statusText = pick(scale, "statusText", "status_text");
    if (status && statusText) { status.textContent = statusText; status.setAttribute("data-status", scale.status || ""); }
    var key = LEVELS.map(function (l) { return g.thresholds[l]; }).join("|");
    if (box.getAttribute("data-drawn") === key) return;
    box.setAttribute("data-drawn", key);
    var list = box.querySelector(".fl-thresholds"), none = box.querySelector(".fl-scale-none");
    if (g.thresholds.waspada === undefined) {
      if (list) list.hidden = true;
      if (!none) { none = make("p", "fl-scale-none", w("scale-none")); box.appendChild(none); }
      none.hidden = false;
      return;
    }
    if (none) none.hidden = true;
    if (!list) { list = make("ul", "fl-thresholds"); box.insertBefore(list, box.querySelector(".fl-scale-meta")); }
    list.hidden = false;
    list.textContent = "";
    LEVELS.forEach(function (l) {
      if (g.thresholds[l] === undefined) return;
      var li = make("li"), swatch = make("span", "fl-swatch lv-" + l);
      li.setAttribute("data-code", l); swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(" " + levelWord(l) + ": +" + cm(g.thresholds[l]) + " cm"));
      list.appendChild(li);
    });
  }

  // =====================================================================================================
  // Charts: Chart.js from Debian's package (no date adapter there): a linear axis of milliseconds, labelled
  // in WITA by the script; the thresholds as level-coloured dashed lines named by their words.
  var chartScript = root.getAttribute("data-chart"), chartLib = null;
  function withChart() {
    if (!chartLib) chartLib = !chartScript ? Promise.reject(new Error("no Chart.js")) : load("script", { src: chartScript }).then(function () { return window.Chart; });
    return chartLib;
  }
  function observationsQuery(g, since) {
    return sameOrigin(g.observations) + "?$filter=" + encodeURIComponent("phenomenonTime ge " + isoNoMillis(since)) +
      "&$orderby=" + encodeURIComponent("phenomenonTime asc") + "&$select=" + encodeURIComponent("phenomenonTime,result") +
      "&$top=1000&$resultFormat=dataArray";
  }
  function rows(answer) {
    var points = [];
    each(answer && answer.value, function (block) {
      var names = block.components || ["phenomenonTime", "result"];
      var ti = names.indexOf("phenomenonTime"), ri = names.indexOf("result");
      if (ti < 0 || ri < 0) return;
      each(block.dataArray, function (row) {
        var when = Date.parse(String(row[ti]).split("/")[0]), v = num(row[ri]);
        if (isFinite(when) && v !== null) points.push({ x: when, y: v });
      });
    });
    points.sort(function (a, b) { return a.x - b.x; });
    return points;
  }
  // Ticks on whole WITA hours, every three hours.
  function hourTicks(min, max) {
    var step = 3 * HOUR, first = Math.ceil((min + WITA_OFFSET) / step) * step - WITA_OFFSET, ticks = [];
    for (var t = first; t <= max; t += step) ticks.push({ value: t });
    return ticks;
  }
  // The thresholds worth drawing: those under the highest reading and the next one above it, so a low river
  // is not squashed under a line a metre above.
  function shownThresholds(g) {
    var top = -Infinity, shown = [], data = g.chart ? g.chart.data.datasets[0].data : [];
    data.forEach(function (p) { if (p.y > top) top = p.y; });
    if (g.value !== null && g.value > top) top = g.value;
    var above = false;
    LEVELS.forEach(function (l) {
      var t = g.thresholds[l];
      if (t === undefined) return;
      if (t <= top) shown.push(l);
      else if (!above) { shown.push(l); above = true; }
    });
    return shown;
  }
  function chartThresholds(g) {
    var chart = g.chart, x = chart.options.scales.x;
    chart.data.datasets.length = 1;
    shownThresholds(g).forEach(function (l) {
      var t = g.thresholds[l], colour = levelColour(l);
      chart.data.datasets.push({ label: levelWord(l) + " (+" + cm(t) + " cm)", data: [{ x: x.min, y: t }, { x: x.max, y: t }],
        borderColor: colour, backgroundColor: colour, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointHitRadius: 0, fill: false });
    });
    chart.update("none");
  }
  function addPoint(g, when, value) {
    if (!isFinite(when)) return;
    var data = g.chart.data.datasets[0].data, now = Math.max(Date.now(), when), x = g.chart.options.scales.x;
    if (data.length && data[data.length - 1].x >= when) return;
    data.push({ x: when, y: value });
    x.min = now - DAY; x.max = now;
    while (data.length && data[0].x < x.min) data.shift();
    noteFor(g, "");
  }
  function noteFor(g, text) { var n = g.card.querySelector(".fl-chart-note"); if (n) n.textContent = text; }

  function drawChart(g) {
    var box = g.card.querySelector(".fl-chart-box"), canvas = g.card.querySelector("canvas.fl-chart");
    if (!box || !canvas || !g.observations || g.chartStarted) return;
    g.chartStarted = true;
    var end = Date.now(), start = end - DAY;
    Promise.all([withChart(), getJSON(observationsQuery(g, start))]).then(function (got) {
      var Chart = got[0], points = rows(got[1]);
      box.hidden = false;
      canvas.setAttribute("data-points", String(points.length));
      g.chart = new Chart(canvas, {
        type: "line",
        data: { datasets: [{ label: w("chart-axis"), data: points, borderColor: "#0b4f8a", backgroundColor: "rgba(11, 79, 138, .12)",
          borderWidth: 2, pointRadius: points.length < 40 ? 2 : 0, tension: 0, fill: false, spanGaps: 30 * 60 * 1000 }] },
        options: {
          animation: false, maintainAspectRatio: false, responsive: true, parsing: false, normalized: true,
          interaction: { mode: "nearest", axis: "x", intersect: false },
          scales: {
            x: { type: "linear", min: start, max: end, afterBuildTicks: function (axis) { axis.ticks = hourTicks(axis.min, axis.max); },
              ticks: { maxRotation: 0, autoSkip: true, callback: function (v) { return clock(v); } }, grid: { color: "#e3e3e3" } },
            y: { title: { display: true, text: w("chart-axis") }, grace: "5%", grid: { color: "#e3e3e3" } }
          },
          plugins: {
            legend: { display: true, position: "bottom", labels: { boxWidth: 14, font: { size: 11 } } },
            tooltip: { callbacks: {
              title: function (items) { return items.length ? clock(items[0].parsed.x) + " WITA" : ""; },
              label: function (item) { return item.datasetIndex === 0 ? valueText(item.parsed.y) : item.dataset.label; }
            } }
          }
        }
      });
      canvas.setAttribute("data-ready", "true");
      chartThresholds(g);
      noteFor(g, points.length ? "" : w("chart-empty"));
    }).catch(function () {
      // No Chart.js, or SensorThings did not answer: the card keeps its words, and says why the chart is missing.
      if (chartScript) { box.hidden = false; var frame = box.querySelector(".fl-chart-frame"); if (frame) frame.hidden = true; noteFor(g, w("chart-error")); }
    });
  }

  if (canFetch && chartScript) {
    var gauges = Object.keys(cards).map(function (k) { return cards[k]; });
    if (typeof window.IntersectionObserver === "function") {
      var seen = new window.IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (!e.isIntersecting) return;
          seen.unobserve(e.target);
          var g = cards[e.target.getAttribute("data-code")];
          if (g) drawChart(g);
        });
      }, { rootMargin: "200px 0px" });
      gauges.forEach(function (g) { seen.observe(g.card); });
    } else {
      gauges.forEach(drawChart);
    }
  }

  // =====================================================================================================
  // The map: desa boundaries lightly, flood-prone desa and places in blue, warning areas in dashed red,
  // a circle per gauge filled with its level's colour (gauges whose place is not verified have none).
  var mapBox = byId("flood-map"), map = null, L = null, warningLayer = null;
  function withLeaflet() {
    var script = root.getAttribute("data-leaflet");
    return !script ? Promise.reject(new Error("no Leaflet")) : Promise.all([
      load("link", { rel: "stylesheet", href: "/vendor/leaflet/leaflet.css" }),
      load("script", { src: script })
    ]).then(function () { return window.L; });
  }
  function norm(s) { return String(s || "").toLowerCase().replace(/[^a-z0-9]+/g, " ").replace(/^\s+|\s+$/g, ""); }

  function gaugePopup(g) {
    var box = make("div", "fl-popup");
    box.appendChild(make("strong", null, g.code + " · " + g.name));
    box.appendChild(make("span", "fl-level-word lv-" + g.level, g.word));
    box.appendChild(make("div", "fl-value", valueText(g.value)));
    if (g.atText) box.appendChild(make("div", "fl-time", w("measured-at") + " " + g.atText));
    if (g.rising) box.appendChild(make("span", "badge fl-rising", "↑ " + w("rising")));
    if (g.offline) box.appendChild(make("span", "badge fl-offline", w("offline")));
    var p = make("p"), a = make("a", null, w("open-gauge"));
    a.href = "#gauge-" + g.code;
    p.appendChild(a); box.appendChild(p);
    return box;
  }
  function styleMarker(g) {
    g.marker.setStyle({ fillColor: g.colour, color: g.offline ? "#555" : "#1b1b1b", weight: g.offline ? 2 : 1, dashArray: g.offline ? "3 3" : null,
      radius: g.level === "awas" || g.level === "siaga" ? 11 : 9 });
    g.marker.setPopupContent(gaugePopup(g));
    g.marker.setTooltipContent(g.code + " · " + g.word);
    var el = g.marker.getElement && g.marker.getElement();
    if (el) { el.setAttribute("data-code", g.code); el.setAttribute("data-level", g.level); el.setAttribute("data-offline", String(g.offline)); }
  }
  function drawGauges() {
    Object.keys(cards).forEach(function (code) {
      var g = cards[code];
      if (g.marker || g.lat === null || g.lon === null) return;
      g.marker = L.circleMarker([g.lat, g.lon], { radius: 9, fillOpacity: 0.95, className: "fl-marker fl-marker-" + code, pane: "fl-gauges" })
        .bindPopup(gaugePopup(g)).bindTooltip(g.code + " · " + g.word, { direction: "top", offset: [0, -8] }).addTo(map);
      styleMarker(g);
    });
  }
  function drawWarnings() {
    var address = page.getAttribute("data-warnings-url");
    if (!address || !map) return;
    var shown = {};
    each(document.querySelectorAll("#flood-warnings [data-warning-id]"), function (li) { shown[li.getAttribute("data-warning-id")] = li; });
    getJSON(address).then(function (answer) {
      if (warningLayer) warningLayer.clearLayers(); else warningLayer = L.layerGroup().addTo(map);
      each(answer && answer.warnings, function (warning) {
        var item = shown[warning.id];
        if (!item || !pick(warning, "inForce", "in_force")) return;
        var style = { color: "#c62828", weight: 2, dashArray: "6 4", fillColor: "#c62828", fillOpacity: 0.15, className: "fl-warning-area" };
        var popup = make("div", "fl-popup"), a = make("a", null, warning.headline || "");
        a.href = "#" + item.id;
        popup.appendChild(a);
        var polygon = warning.polygon || [];
        if (polygon.length >= 3) L.polygon(polygon, style).bindPopup(popup).addTo(warningLayer);
        var c = warning.circle;
        if (c && isFinite(c.latitude) && isFinite(c.longitude)) {
          L.circle([c.latitude, c.longitude], Object.assign({ radius: (num(pick(c, "radiusKm", "radius_km")) || 1) * 1000 }, style)).bindPopup(popup.cloneNode(true)).addTo(warningLayer);
        }
      });
    }).catch(noop);
  }
  function drawAreas(geo) {
    var prone = {}, places = [];
    each(document.querySelectorAll("#flood-areas [data-name]"), function (li) {
      (li.getAttribute("data-desa") || "").split("|").forEach(function (d) { if (d) (prone[norm(d)] = prone[norm(d)] || []).push(li.getAttribute("data-name")); });
      var lat = num(li.getAttribute("data-lat")), lon = num(li.getAttribute("data-lon"));
      if (lat !== null && lon !== null) places.push({ lat: lat, lon: lon, li: li });
    });
    var shape = L.geoJSON(geo, {
      pane: "fl-areas",
      style: function (f) {
        var hit = prone[norm(f && f.properties && f.properties.name)];
        return hit ? { color: "#0b4f8a", weight: 1.2, opacity: 0.8, fillColor: "#0b4f8a", fillOpacity: 0.16 }
                   : { color: "#7a1f1f", weight: 0.7, opacity: 0.5, fillOpacity: 0.02 };
      },
      onEachFeature: function (f, layer) {
        var name = f && f.properties && f.properties.name, hit = prone[norm(name)];
        if (hit) layer.bindTooltip(name + " — " + w("legend-prone") + ": " + hit.join("; "), { sticky: true });
      }
    }).addTo(map);
    places.forEach(function (p) {
      var box = make("div", "fl-popup");
      box.appendChild(make("strong", null, p.li.getAttribute("data-name")));
      var impact = p.li.querySelector("p");
      if (impact) box.appendChild(make("div", null, impact.textContent));
      L.circleMarker([p.lat, p.lon], { radius: 5, color: "#0b4f8a", weight: 2, fillColor: "#fff", fillOpacity: 1, pane: "fl-areas", className: "fl-prone" }).bindPopup(box).addTo(map);
    });
    var bounds = shape.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [6, 6] });
  }
  if (mapBox && canFetch && root.getAttribute("data-leaflet")) {
    withLeaflet().then(function (leafletGlobal) {
      L = leafletGlobal;
      mapBox.textContent = "";
      // No zoom animations: cheaper on low-end phones.
      map = L.map(mapBox, { maxZoom: 18, minZoom: 10, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, attributionControl: !!root.getAttribute("data-tiles") }).setView(DENPASAR, 12);
      var tiles = root.getAttribute("data-tiles");
      if (tiles) L.tileLayer(tiles, { maxZoom: 18, attribution: "© OpenStreetMap" }).addTo(map);
      map.createPane("fl-areas").style.zIndex = 350;
      map.createPane("fl-gauges").style.zIndex = 450;
      var areas = page.getAttribute("data-areas-url");
      if (areas) getJSON(areas).then(drawAreas).catch(noop);
      drawWarnings();
      drawGauges();
      mapBox.setAttribute("data-ready", "true");
    }).catch(function () { if (mapBox) mapBox.hidden = true; });
  }

  // =====================================================================================================
  // Live: a gauge's event re-reads the gauges; a published warning (or its update, cancellation or expiry)
  // re-reads the warnings' section of the page.
  var show = (function (node) {
    return function (state) {
      if (!node) return;
      node.setAttribute("data-state", state === "reconnecting" ? "connecting" : state === "static" ? "offline" : state);
      var word = node.querySelector(".fl-conn-word");
      if (word) word.textContent = w("state-" + state);
    };
  })(byId("connection-state"));

  var gaugeSeq = 0;
  function loadGauges() {
    var address = page.getAttribute("data-gauges-url");
    if (!address) return;
    var seq = ++gaugeSeq;
    getJSON(address).then(function (answer) {
      if (seq !== gaugeSeq) return;
      each(answer && answer.gauges, function (data) { var g = cards[data.code]; if (g) updateCard(g, data); });
      if (map) drawGauges();
    }).catch(noop);
  }
  var refreshGauges = coalesce(loadGauges, 1000);

  function loadWarnings() {
    fetch(location.pathname + location.search, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    }).then(function (html) {
      var fresh = new window.DOMParser().parseFromString(html, "text/html").getElementById("flood-warnings");
      var old = byId("flood-warnings");
      if (!fresh || !old) throw new Error("no section");
      old.parentNode.replaceChild(document.importNode(fresh, true), old);
      drawWarnings();
    }).catch(function () { location.reload(); });
  }
  var refreshWarnings = coalesce(loadWarnings, 1500);

  var streamURL = page.getAttribute("data-stream-url");
  if (!canFetch || typeof window.EventSource === "undefined" || !streamURL) { show("static"); return; }
  var source = null, opened = false, failures = 0, timer = null;
  function onEvent(ev) {
    var type = String(ev.type || "");
    if (type.indexOf("flood.") === 0) refreshGauges();
    else if (type.indexOf("warning.") === 0 && ev.audience !== "staff") { refreshWarnings(); refreshGauges(); }
  }
  function open() {
    clearTimeout(timer); timer = null;
    try { source = new EventSource(streamURL); } catch (e) { show("offline"); return; }
    show(opened ? "reconnecting" : "connecting");
    source.onopen = function () {
      // After a drop, what changed meanwhile is read again.
      if (opened) { refreshGauges(); refreshWarnings(); }
      failures = 0; opened = true; show("live");
    };
    source.onmessage = function (m) {
      var ev = null;
      try { ev = JSON.parse(m.data); } catch (e) { return; }
      if (ev && typeof ev === "object") onEvent(ev);
    };
    source.addEventListener("resync", function () { close(); open(); refreshGauges(); refreshWarnings(); });
    source.onerror = function () {
      if (!source) return;
      if (source.readyState === 2) {
        source.close(); source = null; show("offline");
        timer = setTimeout(open, Math.min(60000, 3000 * Math.pow(2, failures++)));
      } else {
        show("reconnecting");
      }
    };
  }
  function close() { if (source) { source.onerror = null; source.onopen = null; source.close(); source = null; } }
  window.addEventListener("offline", function () { show("offline"); });
  window.addEventListener("online", function () { if (!source || source.readyState === 2) { close(); open(); } });
  window.addEventListener("pagehide", close);
  open();
})();
