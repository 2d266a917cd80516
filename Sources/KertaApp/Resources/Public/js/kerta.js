// Kerta's pages work without this script; it adds maps, the place picker, photo downscaling,
// offline drafts (sent once, with an Idempotency-Key, when the connection returns) and the chart.
(function () {
  "use strict";
  var DENPASAR = [-8.65, 115.22];
  var root = document.documentElement, body = document.body;
  // Parts meant for pages without the script (e.g. "answer only your category's questions") hide once it runs.
  root.classList.add("js");

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      for (var k in attrs) el[k] = attrs[k];
      el.onload = resolve; el.onerror = reject;
      document.head.appendChild(el);
    });
  }
  // The server names Debian's files it found (data-leaflet, data-chart); when they are missing it shows a
  // notice instead of the box, and nothing is requested.
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

  function dataURLToBlob(d) { var p = d.split(","), bin = atob(p[1]), a = new Uint8Array(bin.length); for (var i = 0; i < bin.length; i++) a[i] = bin.charCodeAt(i); return new Blob([a], { type: "image/jpeg" }); }

  // Posts a report draft (fields, downscaled photos) with its Idempotency-Key, so a resend is harmless.
  // Fields are [name, value] pairs, so questions with several answers keep them all (drafts saved by
  // the earlier script kept an object of single values; both are read).
  function send(draft) {
    var data = new FormData();
    var fields = Array.isArray(draft.fields) ? draft.fields : Object.keys(draft.fields).map(function (k) { return [k, draft.fields[k]]; });
    fields.forEach(function (f) { data.append(f[0], f[1]); });
    (draft.photos || []).forEach(function (d, i) { data.append("photos[]", dataURLToBlob(d), "foto-" + (i + 1) + ".jpg"); });
    return fetch("/report", { method: "POST", body: data, headers: { "Idempotency-Key": draft.key }, credentials: "same-origin" });
  }

  function cityMap(el) {
    return withLeaflet().then(function (L) {
      el.textContent = "";
      // No zoom animations: cheaper on low-end phones, and screenshots show the settled map.
      var map = L.map(el, { maxZoom: 18, minZoom: 11, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false }).setView(DENPASAR, 12);
      var tiles = document.documentElement.getAttribute("data-tiles");
      if (tiles) L.tileLayer(tiles, { maxZoom: 18, attribution: "© OpenStreetMap" }).addTo(map);
      fetch("/api/v1/areas?level=desa").then(function (r) { return r.json(); }).then(function (geo) {
        var layer = L.geoJSON(geo, { style: { color: "#7a1f1f", weight: 1, fillOpacity: 0.04 } }).addTo(map);
        if (!el.dataset.markers) map.fitBounds(layer.getBounds());
      }).catch(function () {});
      return map;
    });
  }

  // Maps with markers (home, map page).
  document.querySelectorAll(".map[data-markers]").forEach(function (el) {
    var markers = [];
    try { markers = JSON.parse(el.dataset.markers || "[]"); } catch (e) {}
    el.style.display = "block";
    cityMap(el).then(function (map) {
      var L = window.L, bounds = [];
      markers.forEach(function (m) {
        var p = [parseFloat(m.lat), parseFloat(m.lon)]; bounds.push(p);
        // The popup names the status in the page's language (m.label), built as elements, never as HTML text.
        var popup = document.createElement("div"), a = document.createElement("a"), badge = document.createElement("span");
        a.href = m.href; a.textContent = m.ticket;
        badge.className = "badge status-" + m.status; badge.setAttribute("data-status", m.status); badge.textContent = m.label || "";
        popup.appendChild(a); popup.appendChild(document.createTextNode(" ")); popup.appendChild(badge);
        if (m.category) { var c = document.createElement("div"); c.textContent = m.category; popup.appendChild(c); }
        L.circleMarker(p, { radius: 6, color: "#7a1f1f" }).addTo(map).bindPopup(popup);
      });
      if (bounds.length) map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
    }).catch(function () { el.style.display = "none"; });
  });

  // The report form: pick a place, see the area and similar reports, downscale photos, keep drafts offline.
  var form = document.getElementById("report-form");
  // A refused report comes back with the list of what to correct: take the reader there (and a screen reader to it).
  var errors = document.getElementById("errors");
  if (errors) { errors.setAttribute("tabindex", "-1"); errors.focus(); }
  if (form) {
    var lat = document.getElementById("lat"), lon = document.getElementById("lon");
    var areaName = document.getElementById("area-name"), dupes = document.getElementById("duplicates");
    var category = document.getElementById("category");
    // Only the chosen category's extra questions show; the others are disabled, so they are not sent.
    function showQuestions() {
      document.querySelectorAll("fieldset.questions[data-category]").forEach(function (set) {
        var mine = set.getAttribute("data-category") === category.value;
        set.hidden = !mine; set.disabled = !mine;
      });
    }
    category.addEventListener("change", showQuestions);
    showQuestions();
    function lookup() {
      if (!lat.value || !lon.value) return;
      fetch("/api/v1/areas/lookup?lat=" + lat.value + "&lon=" + lon.value).then(function (r) { return r.json(); }).then(function (a) {
        areaName.textContent = a.desa ? a.desa.name + ", " + a.kecamatan.name : (a.error ? a.error.message : "");
      }).catch(function () {});
      if (category.value) {
        fetch("/api/v1/complaints/nearby?lat=" + lat.value + "&lon=" + lon.value + "&category=" + category.value).then(function (r) { return r.json(); }).then(function (list) {
          dupes.innerHTML = "";
          if (!list.length) return;
          var h = document.createElement("h2"); h.textContent = form.dataset.dupes || "Laporan serupa di dekat lokasi ini"; dupes.appendChild(h);
          var ul = document.createElement("ul");
          list.forEach(function (c) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = form.dataset.complaintBase + encodeURIComponent(c.ticket); a.textContent = c.ticket + " · " + c.distance_m + " m · " + c.description;
            li.appendChild(a); ul.appendChild(li);
          });
          dupes.appendChild(ul);
        }).catch(function () {});
      }
    }
    var pick = document.getElementById("pick-map"), marker = null;
    if (pick) cityMap(pick).then(function (map) {
      map.on("click", function (e) {
        lat.value = e.latlng.lat.toFixed(6); lon.value = e.latlng.lng.toFixed(6);
        if (marker) marker.setLatLng(e.latlng); else marker = window.L.marker(e.latlng).addTo(map);
        lookup();
      });
    }).catch(function () {});
    lat.addEventListener("change", lookup); lon.addEventListener("change", lookup); category.addEventListener("change", lookup);
    var locate = document.getElementById("locate");
    if (navigator.geolocation && locate) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (p) {
          lat.value = p.coords.latitude.toFixed(6); lon.value = p.coords.longitude.toFixed(6); lookup();
        });
      });
    }

    function downscale(file) {
      return new Promise(function (resolve) {
        if (!/^image\//.test(file.type)) return resolve(file);
        var img = new Image(), url = URL.createObjectURL(file);
        img.onload = function () {
          var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
          var c = document.createElement("canvas");
          c.width = Math.round(img.width * scale); c.height = Math.round(img.height * scale);
          c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
          URL.revokeObjectURL(url);
          c.toBlob(function (b) { resolve(b || file); }, "image/jpeg", 0.82);
        };
        img.onerror = function () { resolve(file); };
        img.src = url;
      });
    }
    function blobToDataURL(b) { return new Promise(function (r) { var f = new FileReader(); f.onload = function () { r(f.result); }; f.readAsDataURL(b); }); }

    function drafts() { try { return JSON.parse(localStorage.getItem("kerta-drafts") || "[]"); } catch (e) { return []; } }
    function saveDrafts(list) { localStorage.setItem("kerta-drafts", JSON.stringify(list)); }

    form.addEventListener("submit", function (ev) {
      if (!window.fetch || !window.FormData) return;
      ev.preventDefault();
      var fields = [];
      new FormData(form).forEach(function (v, k) { if (typeof v === "string") fields.push([k, v]); });
      var files = Array.prototype.slice.call(document.getElementById("photos").files || [], 0, 5);
      Promise.all(files.map(downscale)).then(function (blobs) { return Promise.all(blobs.map(blobToDataURL)); }).then(function (photos) {
        var draft = { key: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()), fields: fields, photos: photos };
        return send(draft).then(function (r) {
          if (r.redirected || r.ok && /\/complaints\//.test(r.url)) { location.href = r.url; return; }
          return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
        }).catch(function () {
          var list = drafts(); list.push(draft); saveDrafts(list);
          var note = document.createElement("div"); note.className = "notice"; note.setAttribute("role", "status"); note.id = "draft-saved";
          note.textContent = body.getAttribute("data-offline") || "";
          form.parentNode.insertBefore(note, form);
        });
      });
    });
  }

  // Drafts kept offline are sent once the connection returns; the key makes a resend harmless.
  function flush() {
    var list; try { list = JSON.parse(localStorage.getItem("kerta-drafts") || "[]"); } catch (e) { return; }
    if (!list.length || !navigator.onLine) return;
    send(list[0]).then(function (r) {
      // Only a report the server took leaves the device; a refusal (a missing answer, an expired session)
      // keeps the draft, so nothing the resident wrote is lost.
      if (r.ok || r.redirected) {
        var rest = list.slice(1); localStorage.setItem("kerta-drafts", JSON.stringify(rest));
        if (r.redirected) {
          var n = document.createElement("div"), a = document.createElement("a");
          n.className = "notice"; n.id = "draft-sent"; n.setAttribute("role", "status");
          a.href = r.url; a.textContent = r.url.split("/").pop().split("?")[0];
          n.appendChild(document.createTextNode((body.getAttribute("data-draft-sent") || "") + " ")); n.appendChild(a);
          document.querySelector("main").prepend(n);
        }
        if (rest.length) flush();
      }
    }).catch(function () {});
  }
  window.addEventListener("online", flush);
  flush();

  // The performance chart.
  var chart = document.getElementById("chart"), chartScript = root.getAttribute("data-chart");
  if (chart && chartScript) {
    load("script", { src: chartScript }).then(function () {
      var rows = JSON.parse(chart.dataset.chart || "[]");
      new window.Chart(chart, { type: "bar", options: { animation: false, scales: { y: { min: 0, max: 100 } } },
        data: { labels: rows.map(function (r) { return r.agency; }), datasets: [{ label: "%", data: rows.map(function (r) { return parseFloat(r.within); }), backgroundColor: "#7a1f1f" }] } });
    }).catch(function () { chart.style.display = "none"; });
  }

  // Registered after the page settles, so installing it does not compete with the first load on a weak network.
  if ("serviceWorker" in navigator) window.addEventListener("load", function () {
    setTimeout(function () { navigator.serviceWorker.register("/sw.js").catch(function () {}); }, 3000);
  });
})();
