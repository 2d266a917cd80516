// Kerta's command center (/command) and the public live feed (/live). Both pages work without this script:
// the alarms with their forms, the key figures and the recent events are in the page as served. The script
// adds the map and its layers, the live feed over Server-Sent Events, alarm moves without a reload, and the
// WITA clock. Every word it shows comes from the page (data-w-… attributes, written from the string
// catalogue) or from the server's JSON in the page's language; it builds elements, never HTML text.
(function () {
  "use strict";
  var root = document.documentElement, body = document.body;
  root.classList.add("js");

  var DENPASAR = [-8.65, 115.22];
  var WITA_OFFSET = 8 * 3600 * 1000;  // Denpasar is UTC+8 all year, whatever the browser's own zone
  var FEED_CAP = 200;
  var SEVERITY = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
  var PRIORITY = { low: 1, medium: 2, high: 3, critical: 4 };
  var canFetch = typeof window.fetch === "function" && typeof window.Promise === "function";
  var canStream = typeof window.EventSource !== "undefined";

  // ---- small helpers ----
  function byId(id) { return document.getElementById(id); }
  function make(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function each(list, fn) { Array.prototype.forEach.call(list || [], fn); }
  function closest(node, selector) {
    while (node && node.nodeType === 1) {
      if ((node.matches || node.msMatchesSelector).call(node, selector)) return node;
      node = node.parentNode;
    }
    return null;
  }
  function words(node) {
    return function (key) { var v = node ? node.getAttribute("data-w-" + key) : null; return v === null ? "" : v; };
  }
  function localized(value, lang) {
    if (value === undefined || value === null) return "";
    if (typeof value !== "object") return String(value);
    return value[lang] || value.id || value.en || "";
  }
  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
  // Calls fn once, ms after the first of a burst of calls: a steady stream of events still refreshes
  // every ms, where a debounce would wait for a quiet moment that may never come.
  function coalesce(fn, ms) {
    var timer = null;
    return function () { if (!timer) timer = setTimeout(function () { timer = null; fn(); }, ms); };
  }
  function noop() {}
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  // ---- time, always in WITA ----
  function parseTime(text) { var t = text ? Date.parse(text) : NaN; return isNaN(t) ? null : new Date(t); }
  function two(n) { return n < 10 ? "0" + n : String(n); }
  function wita(date) {
    var d = new Date(date.getTime() + WITA_OFFSET);
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
  }
  // Indonesian writes the time with dots (09.30), English with colons (09:30), as the server's #wita does.
  function clockText(date, lang, seconds) {
    var p = wita(date), sep = lang === "en" ? ":" : ".";
    return two(p.h) + sep + two(p.mi) + (seconds ? sep + two(p.s) : "");
  }
  function dayText(date, months) { var p = wita(date); return p.d + " " + (months[p.mo] || String(p.mo + 1)) + " " + p.y; }
  // "26 Nov 2026, 09.30 WITA": the same as the server writes it.
  function longText(date, lang, months) { return dayText(date, months) + ", " + clockText(date, lang, false) + " WITA"; }
  // Today's events by their time alone; older ones with their day.
  function shortText(date, lang, months) {
    var p = wita(date), n = wita(new Date());
    if (p.y === n.y && p.mo === n.mo && p.d === n.d) return clockText(date, lang, true);
    return p.d + " " + (months[p.mo] || String(p.mo + 1)) + ", " + clockText(date, lang, false);
  }
  function startClock(clock, day, lang, months) {
    if (!clock) return;
    (function tick() {
      var now = new Date();
      clock.textContent = clockText(now, lang, true) + " WITA";
      clock.setAttribute("datetime", now.toISOString());
      if (day) day.textContent = dayText(now, months);
      setTimeout(tick, 1005 - (Date.now() % 1000));
    })();
  }

  // ---- Leaflet, from the server's Debian package (as kerta.js loads it) ----
  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      for (var k in attrs) el[k] = attrs[k];
      el.onload = resolve; el.onerror = reject;
      document.head.appendChild(el);
    });
  }
  var leaflet = null;
  function withLeaflet() {
    if (!leaflet) {
      var script = root.getAttribute("data-leaflet");
      leaflet = !script ? Promise.reject(new Error("no Leaflet")) : Promise.all([
        load("link", { rel: "stylesheet", href: "/vendor/leaflet/leaflet.css" }),
        load("script", { src: script })
      ]).then(function () { return window.L; });
    }
    return leaflet;
  }

  // ---- the connection's state: data-state live | connecting | offline, and a word ----
  function connection(node, w) {
    return function (state) {
      if (!node) return;
      node.setAttribute("data-state", state === "reconnecting" ? "connecting" : state === "static" ? "offline" : state);
      var word = node.querySelector(".cc-conn-word");
      var text = w("state-" + state);
      if (word && word.textContent !== text) word.textContent = text;
    };
  }

  // ---- the live stream ----
  // EventSource reconnects by itself (3 s, with Last-Event-ID) after a dropped connection. A `resync` means
  // this client fell behind and the server is closing it: open a new stream from now and reload what the
  // page shows. An error answer closes the stream for good: try again later, with growing pauses.
  function stream(url, show, on) {
    var source = null, opened = false, failures = 0, timer = null;
    function open() {
      clearTimeout(timer); timer = null;
      try { source = new EventSource(url); } catch (e) { show("offline"); return; }
      show(opened ? "reconnecting" : "connecting");
      source.onopen = function () { failures = 0; opened = true; show("live"); on.open(); };
      source.onmessage = function (m) {
        var ev = null;
        try { ev = JSON.parse(m.data); } catch (e) { return; }
        if (ev && typeof ev === "object") on.event(ev);
      };
      source.addEventListener("resync", function () { reopen(); on.resync(); });
      source.onerror = function () {
        if (!source) return;
        if (source.readyState === 2) {
          source.close(); source = null; show("offline");
          timer = setTimeout(function () { open(); on.resync(); }, Math.min(60000, 3000 * Math.pow(2, failures++)));
        } else {
          show("reconnecting");
        }
      };
    }
    function close() { if (source) { source.onerror = null; source.onopen = null; source.close(); source = null; } }
    function reopen() { close(); open(); }
    window.addEventListener("offline", function () { show("offline"); });
    window.addEventListener("online", function () { if (!source || source.readyState === 2) reopen(); });
    window.addEventListener("pagehide", close);
    open();
  }

  // =====================================================================================================
  // /live: public events, newest first.
  function livePage(list) {
    var w = words(list), lang = list.getAttribute("data-lang") || root.getAttribute("lang") || "id";
    var months = w("months").split(","), base = list.getAttribute("data-complaint-base") || "/complaints/";
    var show = connection(byId("connection-state"), w), empty = byId("live-empty"), seen = {};
    var url = list.getAttribute("data-stream-url");
    if (!canStream || !url) { show("static"); return; }
    function kind(type) {
      if (type === "complaint.submitted") return "submitted";
      if (type === "complaint.resolved") return "resolved";
      return "other";
    }
    function item(ev) {
      var k = kind(ev.type), li = make("li", "cc-live-item is-new"), subject = ev.subject || {}, title = localized(ev.title, lang);
      li.setAttribute("data-kind", k);
      if (ev.id !== undefined) li.setAttribute("data-event-id", String(ev.id));
      li.appendChild(make("span", "badge cc-kind kind-" + k, w("kind-" + k)));
      li.appendChild(document.createTextNode(" "));
      if (subject.type === "complaint" && subject.ref) {
        var a = make("a", null, title || subject.ref);
        a.href = base + encodeURIComponent(subject.ref);
        li.appendChild(a);
      } else {
        li.appendChild(make("span", null, title));
      }
      var when = parseTime(ev.time);
      if (when) {
        var small = make("small"), t = make("time", null, longText(when, lang, months));
        t.setAttribute("datetime", ev.time);
        small.appendChild(t); li.appendChild(small);
      }
      setTimeout(function () { li.classList.remove("is-new"); }, 1600);
      return li;
    }
    stream(url, show, {
      open: noop, resync: noop,
      event: function (ev) {
        if (ev.audience && ev.audience !== "public") return;
        if (ev.id !== undefined) { if (seen[ev.id]) return; seen[ev.id] = true; }
        list.insertBefore(item(ev), list.firstChild);
        if (empty) empty.hidden = true;
        while (list.children.length > FEED_CAP) list.removeChild(list.lastChild);
      }
    });
  }

  // =====================================================================================================
  // /command: the map, the alarms, the key figures and the live feed.
  function commandPage() {
    var w = words(body), lang = body.getAttribute("data-lang") || root.getAttribute("lang") || "id";
    var months = w("months").split(","), wall = body.getAttribute("data-wall") === "true";
    var canAct = body.getAttribute("data-can-act") === "true" && !wall;
    var show = connection(byId("connection-state"), w);
    function url(name) { return body.getAttribute("data-" + name + "-url") || ""; }
    startClock(byId("wita-clock"), byId("wita-date"), lang, months);
    if (!canFetch) { show("static"); return; }

    // ---------------- the map ----------------
    var L = null, map = null, focusRing = null;
    var layers = [];
    each(document.querySelectorAll("[data-layer-id]"), function (node) {
      layers.push({ id: node.getAttribute("data-layer-id"), source: node.getAttribute("data-layer-source") || "",
        event: node.getAttribute("data-layer-event") || "", node: node,
        toggle: node.querySelector("input[type=checkbox]"), filter: node.querySelector("select"),
        error: node.querySelector(".cc-layer-error"), group: null, seq: 0, colours: {}, refresh: noop, openTicket: null });
    });

    function flyTo(lat, lon) {
      if (!map || !isFinite(lat) || !isFinite(lon)) return;
      var where = [lat, lon];
      map.flyTo(where, Math.max(map.getZoom(), 16), { duration: 0.6 });
      if (focusRing) focusRing.setLatLng(where);
      else focusRing = L.circleMarker(where, { radius: 18, color: "#f2a900", weight: 4, fill: false, interactive: false }).addTo(map);
    }

    // A status's colour is its legend swatch's, so the colours live in the stylesheet only.
    function colour(layer, code) {
      if (layer.colours[code]) return layer.colours[code];
      var swatch = null;
      each(layer.node.querySelectorAll("[data-code]"), function (li) {
        if (!swatch && li.getAttribute("data-code") === code) swatch = li.querySelector(".cc-swatch");
      });
      var found = swatch ? window.getComputedStyle(swatch).backgroundColor : "";
      return (layer.colours[code] = found || "#7a1f1f");
    }

    function popup(p) {
      var box = make("div", "cc-popup"), href = p.console_href || p.href;
      var ticket = href ? make("a", null, p.ticket || "") : make("strong", null, p.ticket || "");
      if (href) ticket.href = href;
      box.appendChild(ticket);
      var label = localized(p.status_label, lang);
      if (label) {
        var badge = make("span", "badge status-" + (p.status || ""), label);
        badge.setAttribute("data-status", p.status || "");
        box.appendChild(document.createTextNode(" ")); box.appendChild(badge);
      }
      if (p.category && typeof p.category === "object") box.appendChild(make("div", "category", localized(p.category, lang)));
      return box;
    }

    // A river gauge: its level's word on its colour (never the bare level number), the reading, and a link
    // to its card on the public flood page.
    function gaugeReading(p) {
      var v = typeof p.value_cm === "number" ? p.value_cm : parseFloat(p.value_cm);
      if (!isFinite(v)) return null;
      var r = Math.round(Math.abs(v) * 10) / 10;
      return { above: v >= 0, amount: r % 1 === 0 ? String(r) : r.toFixed(1) };
    }
    // "+42 cm" beside the marker; "+42 cm di atas normal" in the popup.
    function gaugeValue(p) { var r = gaugeReading(p); return r ? (r.above ? "+" : "-") + r.amount + " cm" : ""; }
    function gaugeValueLong(p) { var r = gaugeReading(p); return r ? (r.above ? "+" : "") + r.amount + " " + w(r.above ? "gauge-above" : "gauge-below") : ""; }
    function gaugePopup(p) {
      var box = make("div", "cc-popup cc-gauge-popup"), href = p.url;
      var name = href ? make("a", null, (p.code ? p.code + " · " : "") + (p.title || "")) : make("strong", null, p.title || p.code || "");
      if (href) name.href = href;
      box.appendChild(name);
      var level = make("div"), badge = make("span", "badge cc-level", p.level_word || "");
      badge.setAttribute("data-level", p.level || "");
      level.appendChild(badge);
      if (p.rising) { level.appendChild(document.createTextNode(" ")); level.appendChild(make("span", "badge cc-gauge-rising", "↑ " + w("gauge-rising"))); }
      if (p.offline) { level.appendChild(document.createTextNode(" ")); level.appendChild(make("span", "badge cc-gauge-offline", w("gauge-offline"))); }
      box.appendChild(level);
      var value = gaugeValueLong(p);
      if (value) box.appendChild(make("div", "cc-gauge-value", value));
      if (p.at) box.appendChild(make("div", "category", p.at));
      if (href) {
        var more = make("p", "cc-gauge-more"), a = make("a", null, w("gauge-open"));
        a.href = href; more.appendChild(a); box.appendChild(more);
      }
      return box;
    }
    function gaugeMarker(layer, p, where) {
      var big = p.level === "siaga" || p.level === "awas";
      var marker = L.circleMarker(where, { radius: big ? 10 : 8, color: p.offline ? "#555" : "#1b1b1b", weight: p.offline ? 2 : 1, dashArray: p.offline ? "3 3" : null,
        fillColor: p.colour || colour(layer, p.level), fillOpacity: 0.95, className: "cc-gauge" });
      var label = make("span", "cc-gauge-word", (p.level_word || "") + (gaugeValue(p) ? " · " + gaugeValue(p) : ""));
      label.setAttribute("data-code", p.code || "");
      marker.bindTooltip(label, { permanent: true, direction: "right", offset: [9, 0], className: "cc-gauge-label", opacity: 1, interactive: false });
      marker.bindPopup(gaugePopup(p));
      return marker;
    }

    function draw(layer, geo) {
      var keep = layer.openTicket, reopen = null;
      layer.group.clearLayers();
      layer.openTicket = keep;
      each(geo && geo.features, function (f) {
        var g = f && f.geometry, p = (f && f.properties) || {};
        if (!g || g.type !== "Point" || !g.coordinates || g.coordinates.length < 2) return;
        var where = [g.coordinates[1], g.coordinates[0]];
        if (p.kind === "cluster") {
          var n = Math.max(1, p.count || 1);
          var circle = L.circleMarker(where, { radius: Math.min(28, 11 + 3 * Math.log(n) / Math.LN2), color: "#fff", weight: 2, fillColor: "#7a1f1f", fillOpacity: 0.35 });
          circle.bindTooltip(make("span", null, String(n)), { permanent: true, direction: "center", className: "cc-cluster-label", opacity: 1 });
          circle.on("click", function () { map.setView(where, Math.min(map.getZoom() + 2, map.getMaxZoom())); });
          layer.group.addLayer(circle);
        } else if (p.kind === "gauge") {
          var gauge = gaugeMarker(layer, p, where), code = p.code || null;
          gauge.on("popupopen", function () { layer.openTicket = code; });
          gauge.on("popupclose", function () { if (layer.openTicket === code) layer.openTicket = null; });
          layer.group.addLayer(gauge);
          // For people reading the page's structure and for the browser tests: which gauge, at which level.
          var path = gauge.getElement && gauge.getElement();
          if (path) { path.setAttribute("data-code", p.code || ""); path.setAttribute("data-level", p.level || ""); path.setAttribute("data-offline", String(!!p.offline)); }
          if (keep && code === keep) reopen = gauge;
        } else {
          var marker = L.circleMarker(where, { radius: 7, color: "#1b1b1b", weight: 1, fillColor: colour(layer, p.status), fillOpacity: 0.9 });
          marker.bindPopup(popup(p));
          marker.on("popupopen", function () { layer.openTicket = p.ticket || null; });
          marker.on("popupclose", function () { if (layer.openTicket === p.ticket) layer.openTicket = null; });
          layer.group.addLayer(marker);
          if (keep && p.ticket === keep) reopen = marker;
        }
      });
      if (reopen) reopen.openPopup();
    }

    function loadLayer(layer) {
      if (!map || !layer.group || !layer.source) return;
      var seq = ++layer.seq;
      if (layer.toggle && !layer.toggle.checked) { layer.group.clearLayers(); if (layer.error) layer.error.hidden = true; return; }
      var b = map.getBounds();
      var box = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())];
      var query = "bbox=" + box.map(function (n) { return n.toFixed(5); }).join(",") + "&zoom=" + Math.round(map.getZoom());
      if (layer.filter && layer.filter.value) query += "&status=" + encodeURIComponent(layer.filter.value);
      getJSON(layer.source + (layer.source.indexOf("?") < 0 ? "?" : "&") + query).then(function (geo) {
        if (seq !== layer.seq) return;
        if (layer.error) layer.error.hidden = true;
        draw(layer, geo);
        // How many the layer counts in view, for people (the legend) and for the browser tests.
        var mapElement = byId("command-map");
        if (mapElement && geo && typeof geo.total === "number") mapElement.setAttribute("data-total-" + layer.id, String(geo.total));
      }).catch(function () { if (seq === layer.seq && layer.error) layer.error.hidden = false; });
    }
    function loadLayers() { layers.forEach(loadLayer); }

    var mapBox = byId("command-map");
    if (mapBox && root.getAttribute("data-leaflet")) {
      withLeaflet().then(function (leafletGlobal) {
        L = leafletGlobal;
        var tiles = root.getAttribute("data-tiles");
        mapBox.textContent = "";
        // No zoom animations: steadier on a wall and in screenshots; flyTo still glides.
        map = L.map(mapBox, { minZoom: 10, maxZoom: 19, zoomSnap: 0.25, zoomControl: !wall, keyboard: !wall, attributionControl: !!tiles,
          zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false }).setView(DENPASAR, 12);
        if (tiles) L.tileLayer(tiles, { maxZoom: 19, attribution: "© OpenStreetMap" }).addTo(map);
        map.createPane("cc-areas");
        var fitted = false;
        function areas(address, style) {
          if (!address) return;
          getJSON(address).then(function (geo) {
            var shape = L.geoJSON(geo, { pane: "cc-areas", style: style, interactive: false }).addTo(map);
            var bounds = shape.getBounds();
            if (!fitted && bounds.isValid()) { fitted = true; map.fitBounds(bounds, { padding: [8, 8] }); }
          }).catch(noop);
        }
        areas(url("city-areas"), { color: "#3d1010", weight: 2.5, opacity: 0.85, fill: false });
        areas(url("areas"), { color: "#7a1f1f", weight: 0.8, opacity: 0.55, fillOpacity: 0.03 });
        layers.forEach(function (layer) {
          layer.group = L.layerGroup().addTo(map);
          // Once a second after a burst of events, and once more after the server's shared clustered answer
          // (five seconds) has gone, so a count that was served from it catches up too.
          var soon = coalesce(function () { loadLayer(layer); }, 1000), later = coalesce(function () { loadLayer(layer); }, 6000);
          layer.refresh = function () { soon(); later(); };
          if (layer.toggle) layer.toggle.addEventListener("change", function () { loadLayer(layer); });
          if (layer.filter) layer.filter.addEventListener("change", function () { loadLayer(layer); });
        });
        var panel = byId("map-layers");
        if (panel && layers.length) panel.hidden = false;
        map.on("moveend", debounce(loadLayers, 150));
        loadLayers();
        if (window.ResizeObserver) new window.ResizeObserver(debounce(function () { map.invalidateSize(); }, 100)).observe(mapBox);
      }).catch(noop);
    }

    // ---------------- alarms ----------------
    var alarmPanel = byId("alarm-panel"), alarmList = byId("alarm-list"), alarmCount = byId("alarm-count");
    var floodNote = byId("alarm-flood"), alarmEmpty = byId("alarm-empty");
    var actBase = body.getAttribute("data-act-base") || "/command/alarms/";
    var workspaceBase = body.getAttribute("data-workspace-base") || "/console/complaints/";
    var warnBase = body.getAttribute("data-warn-base") || "";  // only for those who may draft a warning
    var csrf = body.getAttribute("data-csrf") || "";
    var alarms = null, flood = false, groups = [], openGroups = {}, alarmSeq = 0;

    function findAlarm(id) {
      var found = null;
      each(alarmList.querySelectorAll("[data-alarm-id]"), function (li) { if (!found && li.getAttribute("data-alarm-id") === id) found = li; });
      return found;
    }
    function label(forId, text) { var l = make("label", null, text); l.htmlFor = forId; return l; }
    function hidden(form, name, value) { var i = make("input"); i.type = "hidden"; i.name = name; i.value = value; form.appendChild(i); }
    function timed(text, iso) {
      var span = make("span", null, text + " "), d = parseTime(iso), t = make("time", null, d ? longText(d, lang, months) : iso);
      t.setAttribute("datetime", iso);
      span.appendChild(t);
      return span;
    }

    function moveForms(a, titleId) {
      var box = make("div", "cc-moves");
      box.setAttribute("role", "group"); box.setAttribute("aria-label", w("alarm-actions"));
      a.moves.forEach(function (move, i) {
        var form = make("form", "cc-move");
        form.method = "post"; form.action = actBase + encodeURIComponent(a.id);
        form.setAttribute("data-move", move);
        hidden(form, "_csrf", csrf); hidden(form, "to", move);
        var button = make("button", i === 0 && move !== "shelved" ? "button" : "secondary", w("move-" + move) || move);
        button.type = "submit"; button.setAttribute("aria-describedby", titleId);
        if (move !== "shelved") { form.appendChild(button); box.appendChild(form); return; }
        var details = make("details", "cc-shelve"), reasonId = "reason-" + a.id, minutesId = "minutes-" + a.id;
        details.appendChild(make("summary", null, w("move-shelved")));
        form.appendChild(label(reasonId, w("shelve-reason")));
        var reason = make("input"); reason.id = reasonId; reason.name = "reason"; reason.required = true; reason.maxLength = 500; reason.autocomplete = "off";
        form.appendChild(reason);
        form.appendChild(label(minutesId, w("shelve-for")));
        var minutes = make("select"); minutes.id = minutesId; minutes.name = "minutes";
        [15, 60, 240, 480].forEach(function (n) { var o = make("option", null, w("minutes-" + n)); o.value = String(n); o.selected = n === 60; minutes.appendChild(o); });
        form.appendChild(minutes); form.appendChild(button);
        details.appendChild(form); box.appendChild(details);
      });
      return box;
    }

    function alarmItem(a) {
      var li = make("li", "cc-alarm prio-" + a.priority + " state-" + a.state);
      li.id = "alarm-" + a.id;
      li.setAttribute("data-alarm-id", a.id); li.setAttribute("data-alarm-state", a.state);
      li.setAttribute("data-alarm-type", a.type || ""); li.setAttribute("data-priority", a.priority || "");
      var place = a.location && isFinite(a.location.lat) && isFinite(a.location.lon) ? a.location : null;
      if (place) { li.setAttribute("data-lat", String(place.lat)); li.setAttribute("data-lon", String(place.lon)); }
      var head = make("div", "cc-alarm-head"), titleId = "alarm-title-" + a.id, title;
      head.appendChild(make("span", "badge cc-prio prio-" + a.priority, localized(a.priority_label, lang)));
      head.appendChild(document.createTextNode(" "));
      if (place && !wall) {
        title = make("button", "cc-alarm-title cc-locate", localized(a.title, lang));
        title.type = "button";
        title.setAttribute("data-lat", String(place.lat)); title.setAttribute("data-lon", String(place.lon));
        title.appendChild(make("span", "visually-hidden", " — " + w("alarm-locate")));
      } else {
        title = make("span", "cc-alarm-title", localized(a.title, lang));
      }
      title.id = titleId;
      head.appendChild(title);
      if (a.count > 1) {
        var count = make("span", "cc-alarm-count"), seen = make("span", null, "×" + a.count);
        seen.setAttribute("aria-hidden", "true");
        count.appendChild(seen); count.appendChild(make("span", "visually-hidden", a.count + " " + w("alarm-repeats")));
        head.appendChild(count);
      }
      li.appendChild(head);
      var meta = make("p", "cc-alarm-meta");
      meta.appendChild(make("span", "badge cc-state state-" + a.state, localized(a.state_label, lang)));
      if (a.last_at) meta.appendChild(timed(w("alarm-last"), a.last_at));
      if (a.shelved_until) meta.appendChild(timed(w("alarm-shelved-until"), a.shelved_until));
      if (a.assignee && a.assignee.name) meta.appendChild(make("span", null, w("alarm-assignee") + ": " + a.assignee.name));
      if (a.subject && a.subject.type === "complaint" && a.subject.ref) {
        var link = make("a", null, a.subject.ref);
        link.href = workspaceBase + encodeURIComponent(a.subject.ref);
        meta.appendChild(link);
      }
      // A gauge's alarm: the warning to the public starts from it (prefilled from the gauge, linked to the alarm).
      var gaugeCode = typeof a.source === "string" && a.source.indexOf("gauge:") === 0 ? a.source.slice(6) : null;
      if (gaugeCode && warnBase && !wall) {
        var draft = make("a", "cc-draft-warning", w("alarm-draft-warning"));
        draft.id = "draft-warning-" + a.id;
        draft.href = warnBase + "?gauge=" + encodeURIComponent(gaugeCode) + "&alarm=" + encodeURIComponent(a.id);
        draft.setAttribute("data-gauge", gaugeCode);
        draft.setAttribute("aria-describedby", titleId);
        meta.appendChild(draft);
      }
      li.appendChild(meta);
      if (canAct && a.moves && a.moves.length) li.appendChild(moveForms(a, titleId));
      return li;
    }

    // What the operator was doing in the panel survives a redraw: an open shelving form, a reason being
    // typed, the element with the focus.
    function remember() {
      var kept = { shelves: {}, focus: null, errors: [] };
      each(alarmList.querySelectorAll(".error[role=alert]"), function (e) {
        var li = closest(e, "[data-alarm-id]"), form = e.previousElementSibling;
        if (li && form && form.getAttribute("data-move")) kept.errors.push({ id: li.getAttribute("data-alarm-id"), move: form.getAttribute("data-move"), text: e.textContent });
      });
      each(alarmList.querySelectorAll(".cc-shelve"), function (d) {
        var li = closest(d, "[data-alarm-id]"), reason = d.querySelector("[name=reason]"), minutes = d.querySelector("[name=minutes]");
        if (li && (d.open || (reason && reason.value))) kept.shelves[li.getAttribute("data-alarm-id")] = { open: d.open, reason: reason ? reason.value : "", minutes: minutes ? minutes.value : "" };
      });
      var active = document.activeElement;
      if (active && alarmList.contains(active)) {
        var li = closest(active, "[data-alarm-id]"), form = closest(active, "form");
        if (li) kept.focus = { id: li.getAttribute("data-alarm-id"), move: form ? form.getAttribute("data-move") : null, name: active.name || null, tag: active.tagName };
        else if (active.tagName === "SUMMARY") kept.focus = { group: closest(active, "[data-group]") ? closest(active, "[data-group]").getAttribute("data-group") : null };
      }
      return kept;
    }
    function restore(kept) {
      Object.keys(kept.shelves).forEach(function (id) {
        var li = findAlarm(id), s = kept.shelves[id], d = li && li.querySelector(".cc-shelve");
        if (!d) return;
        d.open = s.open;
        var reason = d.querySelector("[name=reason]"), minutes = d.querySelector("[name=minutes]");
        if (reason) reason.value = s.reason;
        if (minutes && s.minutes) minutes.value = s.minutes;
      });
      // A refusal stays beside its form until the operator tries again.
      kept.errors.forEach(function (e) {
        var li = findAlarm(e.id), form = null;
        each(li ? li.querySelectorAll("form[data-move]") : [], function (x) { if (x.getAttribute("data-move") === e.move) form = x; });
        if (!form) return;
        var p = make("p", "error", e.text);
        p.setAttribute("role", "alert");
        form.parentNode.insertBefore(p, form.nextSibling);
      });
      var f = kept.focus;
      if (!f) return;
      if (f.group) {
        each(alarmList.querySelectorAll("[data-group]"), function (g) { if (g.getAttribute("data-group") === f.group) { var s = g.querySelector("summary"); if (s) s.focus(); } });
        return;
      }
      var li = findAlarm(f.id), target = null;
      if (!li) return;
      if (f.move) {
        each(li.querySelectorAll("form[data-move]"), function (form) {
          if (!target && form.getAttribute("data-move") === f.move) target = f.name ? form.querySelector("[name=" + f.name + "]") : form.querySelector("button");
        });
        if (!target && f.tag === "SUMMARY") target = li.querySelector(".cc-shelve summary");
      }
      if (!target && f.tag === "SUMMARY") target = li.querySelector(".cc-shelve summary");
      if (!target) target = li.querySelector("button, summary, a");
      if (target) target.focus();
    }

    function topPriority(list) {
      var best = null;
      list.forEach(function (a) { if (!best || (PRIORITY[a.priority] || 0) > (PRIORITY[best.priority] || 0)) best = a; });
      return best;
    }

    function drawAlarms() {
      if (!alarms || !alarmList) return;
      var kept = remember();
      alarmList.textContent = "";
      if (alarmCount) alarmCount.textContent = String(alarms.length);
      if (floodNote) floodNote.hidden = !flood;
      if (alarmEmpty) alarmEmpty.hidden = alarms.length > 0;
      if (!flood) {
        alarms.forEach(function (a) { alarmList.appendChild(alarmItem(a)); });
      } else {
        // A flood: one collapsible row per type, with its count, instead of a row per alarm.
        var byType = {}, order = [];
        alarms.forEach(function (a) { if (!byType[a.type]) { byType[a.type] = []; order.push(a.type); } byType[a.type].push(a); });
        var rows = groups.slice();
        order.forEach(function (type) { if (!rows.some(function (g) { return g.type === type; })) rows.push({ type: type, title: null, count: byType[type].length }); });
        rows.forEach(function (g) {
          var members = byType[g.type] || [], li = make("li", "cc-group");
          // The wall has nothing to open: its rows are the groups' headings alone.
          var details = make(wall ? "div" : "details"), summary = make(wall ? "div" : "summary", "cc-group-head");
          li.setAttribute("data-group", g.type);
          var top = topPriority(members);
          if (top) summary.appendChild(make("span", "badge cc-prio prio-" + top.priority, localized(top.priority_label, lang)));
          summary.appendChild(make("span", "cc-alarm-title", localized(g.title, lang) || (members[0] ? localized(members[0].title, lang) : g.type)));
          var count = make("span", "cc-count", String(g.count || members.length));
          count.appendChild(make("span", "visually-hidden", " " + w("alarm-group-count")));
          summary.appendChild(count);
          details.appendChild(summary);
          if (!wall) {
            details.open = !!openGroups[g.type];
            details.addEventListener("toggle", function () { openGroups[g.type] = details.open; });
            var inner = make("ul");
            members.forEach(function (a) { inner.appendChild(alarmItem(a)); });
            details.appendChild(inner);
          }
          li.appendChild(details);
          alarmList.appendChild(li);
        });
      }
      restore(kept);
    }

    function loadAlarms() {
      var address = url("alarms");
      if (!address || !alarmList) return;
      var seq = ++alarmSeq;
      getJSON(address).then(function (data) {
        if (seq !== alarmSeq || !data || !data.alarms) return;
        alarms = data.alarms; flood = !!data.flood; groups = data.groups || [];
        drawAlarms();
      }).catch(noop);
    }
    var refreshAlarms = coalesce(loadAlarms, 400);

    function clearErrors(scope) {
      each(scope.querySelectorAll(".error[role=alert]"), function (e) { e.parentNode.removeChild(e); });
      each(scope.querySelectorAll("[aria-invalid]"), function (e) { e.removeAttribute("aria-invalid"); });
    }
    function showError(form, error) {
      var message = make("p", "error", (error && error.message) || w("alarm-error"));
      message.setAttribute("role", "alert");
      message.id = "error-" + Math.random().toString(36).slice(2);
      each(error && error.fields, function (f) {
        if (f && f.message) message.appendChild(document.createTextNode(" " + f.message + "."));
        var input = f && f.field ? form.querySelector("[name=" + f.field.replace(/[^a-z_]/gi, "") + "]") : null;
        if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", message.id); }
      });
      form.parentNode.insertBefore(message, form.nextSibling);
    }
    function accepted(alarm) {
      var at = -1;
      alarms = alarms || [];
      alarms.forEach(function (a, i) { if (a.id === alarm.id) at = i; });
      if (alarm.state === "closed") { if (at >= 0) alarms.splice(at, 1); }
      else if (at >= 0) alarms[at] = alarm;
      else alarms.unshift(alarm);
    }

    if (alarmPanel && alarmList) {
      // A move: posted as the form would post it, answered with the alarm as it now is.
      alarmPanel.addEventListener("submit", function (ev) {
        var form = ev.target;
        if (!form || !form.classList || !form.classList.contains("cc-move") || typeof window.FormData !== "function") return;
        ev.preventDefault();
        var li = closest(form, "[data-alarm-id]"), button = form.querySelector("button[type=submit]");
        if (li) clearErrors(li);
        if (button) button.disabled = true;
        fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
          var type = r.headers.get("Content-Type") || "";
          if (type.indexOf("json") < 0) {
            // Not the JSON answer (a server that redirected, a session that expired): follow it as a page.
            if (r.redirected) { window.location.assign(r.url); return null; }
            return { ok: false, body: null };
          }
          return r.json().then(function (data) { return { ok: r.ok, body: data }; });
        }).then(function (answer) {
          if (button) button.disabled = false;
          if (!answer) return;
          var alarm = answer.body && (answer.body.alarm || answer.body);
          if (answer.ok && alarm && alarm.id) {
            alarmSeq++;  // a list asked for before this answer is older than it
            accepted(alarm);
            var focused = document.activeElement && alarmList.contains(document.activeElement);
            drawAlarms();
            if (focused || !document.activeElement || document.activeElement === body) {
              var again = findAlarm(alarm.id);
              var next = again && (again.querySelector("form[data-move] button") || again.querySelector("button, a"));
              if (next) next.focus();
            }
            refreshAlarms(); refreshKpis();
          } else {
            showError(form, answer.body && answer.body.error);
          }
        }).catch(function () {
          if (button) button.disabled = false;
          showError(form, null);
        });
      });
      alarmPanel.addEventListener("click", function (ev) {
        var b = closest(ev.target, ".cc-locate");
        if (b) flyTo(parseFloat(b.getAttribute("data-lat")), parseFloat(b.getAttribute("data-lon")));
      });
    }

    // ---------------- key figures ----------------
    function kpi(name) { return document.querySelector("#kpi-strip [data-kpi=" + name + "]"); }
    function setKpi(name, value) {
      var item = kpi(name), slot = item && item.querySelector(".cc-kpi-value");
      if (slot) slot.textContent = value === undefined || value === null ? "–" : String(value);
    }
    function duration(seconds) {
      if (seconds === undefined || seconds === null || !isFinite(seconds)) return "–";
      var s = Math.max(0, Math.round(seconds)), m = Math.floor(s / 60);
      return (m > 0 ? m + " " + w("unit-min") + " " : "") + (s % 60) + " " + w("unit-sec");
    }
    function drawKpis(k) {
      if (!k) return;
      setKpi("complaints_today", k.complaints_today);
      setKpi("waiting_verification", k.waiting_verification);
      setKpi("overdue", k.overdue_total);
      var overdue = kpi("overdue"), more = overdue && overdue.querySelector(".cc-kpi-more");
      if (more) {
        more.textContent = "";
        (k.overdue_by_agency || []).slice(0, 3).forEach(function (g) {
          var span = make("span", "cc-agency"), abbr = make("abbr", null, g.agency);
          if (g.name) abbr.title = g.name;
          span.appendChild(abbr); span.appendChild(document.createTextNode(" " + g.count));
          more.appendChild(span);
        });
      }
      var open = kpi("open_alarms");
      if (open && k.open_alarms) each(open.querySelectorAll("[data-priority]"), function (badge) {
        var n = badge.querySelector(".n"), v = k.open_alarms[badge.getAttribute("data-priority")];
        if (n) n.textContent = String(v || 0);
      });
      setKpi("mtta", duration(k.mean_time_to_acknowledge_seconds));
    }
    function loadKpis() { var address = url("kpis"); if (address) getJSON(address).then(drawKpis).catch(noop); }
    var refreshKpis = coalesce(loadKpis, 1500);

    // ---------------- the live feed ----------------
    var feed = byId("event-feed"), feedEmpty = byId("feed-empty"), feedLayer = byId("feed-layer"), feedSeverity = byId("feed-severity");
    var detail = byId("event-detail"), detailBody = byId("event-detail-body"), detailClose = byId("event-detail-close");
    var events = {}, chosen = null;

    function passes(li) {
      var layer = feedLayer ? feedLayer.value : "", least = feedSeverity ? feedSeverity.value : "";
      return (!layer || li.getAttribute("data-layer") === layer) &&
        (!least || (SEVERITY[li.getAttribute("data-severity")] || 0) >= (SEVERITY[least] || 0));
    }
    function filterFeed() { each(feed.children, function (li) { li.hidden = !passes(li); }); }

    function addEvent(ev) {
      if (!feed) return;
      var key = ev.id !== undefined && ev.id !== null ? String(ev.id) : "local-" + Math.random().toString(36).slice(2);
      if (events[key]) return;
      events[key] = ev;
      var severity = SEVERITY.hasOwnProperty(ev.severity) ? ev.severity : "info";
      var li = make("li", "cc-event is-new sev-" + severity), item = make(wall ? "div" : "button");
      if (!wall) item.type = "button";
      item.setAttribute("data-event-id", key);
      li.setAttribute("data-layer", ev.layer || ""); li.setAttribute("data-severity", severity);
      item.appendChild(make("span", "badge cc-sev sev-" + severity, w("severity-" + severity) || severity));
      var when = parseTime(ev.time);
      if (when) { var t = make("time", null, shortText(when, lang, months)); t.setAttribute("datetime", ev.time); item.appendChild(t); }
      var title = localized(ev.title, lang), ref = ev.subject && ev.subject.ref;
      if (ref && title.indexOf(ref) < 0) title = title ? title + " · " + ref : ref;
      item.appendChild(make("span", "cc-event-title", title));
      li.appendChild(item);
      li.hidden = !passes(li);
      feed.insertBefore(li, feed.firstChild);
      while (feed.children.length > FEED_CAP) {
        var last = feed.lastChild, gone = last.querySelector("[data-event-id]");
        if (gone) delete events[gone.getAttribute("data-event-id")];
        feed.removeChild(last);
      }
      if (feedEmpty) feedEmpty.hidden = true;
      setTimeout(function () { li.classList.remove("is-new"); }, 1600);
    }

    function fact(list, term, value) {
      list.appendChild(make("dt", null, term));
      var dd = make("dd");
      if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
      list.appendChild(dd);
    }
    function showDetail(ev, item) {
      if (!detail || !detailBody) return;
      detailBody.textContent = "";
      detailBody.appendChild(make("p", "cc-detail-title", localized(ev.title, lang)));
      var facts = make("dl", "facts"), when = parseTime(ev.time), severity = SEVERITY.hasOwnProperty(ev.severity) ? ev.severity : "info";
      if (when) fact(facts, w("detail-time"), longText(when, lang, months));
      fact(facts, w("detail-severity"), make("span", "badge cc-sev sev-" + severity, w("severity-" + severity)));
      if (ev.payload && typeof ev.payload.agency === "string" && ev.payload.agency) fact(facts, w("detail-agency"), ev.payload.agency);
      detailBody.appendChild(facts);
      var subject = ev.subject || {};
      if (subject.type === "complaint" && subject.ref) {
        var p = make("p"), a = make("a", "button cc-small-button", w("detail-console") + " — " + subject.ref);
        a.href = workspaceBase + encodeURIComponent(subject.ref);
        p.appendChild(a); detailBody.appendChild(p);
      }
      var place = ev.location && isFinite(ev.location.lat) && isFinite(ev.location.lon) ? ev.location : null;
      if (place) flyTo(place.lat, place.lon);
      else detailBody.appendChild(make("p", "help", w("detail-no-place")));
      if (chosen) chosen.classList.remove("is-chosen");
      chosen = item ? closest(item, "li") : null;
      if (chosen) chosen.classList.add("is-chosen");
      detail.hidden = false;
      if (!wall) detail.focus();
    }
    function hideDetail() {
      if (!detail) return;
      detail.hidden = true;
      var back = chosen && chosen.querySelector("[data-event-id]");
      if (back && back.focus) back.focus();
    }

    if (feed) {
      feed.addEventListener("click", function (ev) {
        var item = closest(ev.target, "[data-event-id]"), e = item && events[item.getAttribute("data-event-id")];
        if (e && !wall) showDetail(e, item);
      });
      var filters = byId("feed-filters");
      if (filters) filters.hidden = false;
      if (feedLayer) feedLayer.addEventListener("change", filterFeed);
      if (feedSeverity) feedSeverity.addEventListener("change", filterFeed);
    }
    if (detailClose) detailClose.addEventListener("click", hideDetail);
    if (detail) detail.addEventListener("keydown", function (ev) { if (ev.key === "Escape" || ev.key === "Esc") hideDetail(); });

    // ---------------- live ----------------
    loadAlarms();
    loadKpis();
    var streamURL = url("stream");
    if (canStream && streamURL) {
      stream(streamURL, show, {
        // After a drop, what changed meanwhile is read again (the stream resumes with Last-Event-ID too).
        open: function () { refreshAlarms(); refreshKpis(); },
        resync: function () { refreshAlarms(); refreshKpis(); loadLayers(); },
        event: function (ev) {
          addEvent(ev);
          layers.forEach(function (layer) { if (layer.event && layer.event === ev.layer) layer.refresh(); });
          refreshKpis();
          if (ev.layer === "alarms") refreshAlarms();
        }
      });
    } else {
      show("static");
      setInterval(function () { loadAlarms(); loadKpis(); loadLayers(); }, 60000);
    }
  }

  var liveFeed = byId("live-feed");
  if (body.getAttribute("data-page") === "command" || byId("command-map")) commandPage();
  else if (liveFeed) livePage(liveFeed);
})();
