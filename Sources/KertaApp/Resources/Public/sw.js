// Pages the resident already visited open offline; assets come from the cache first.
// A new name whenever the script or the stylesheet changes: assets are served cache-first, and the
// old cache is dropped on activation so a phone never keeps yesterday's script.
var CACHE = "kerta-v4";
self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(["/css/kerta.css", "/js/kerta.js", "/icon.svg", "/manifest.webmanifest"]); }));
  self.skipWaiting();
});
self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  // The command room is live or nothing: never an old copy of its page.
  if (/^\/command(\/|$)/.test(url.pathname)) return;
  // Nor the flood warnings: an old copy could say "no warning in force" while one is. The page, its gauges'
  // readings and the alerts always come from the network (the browser says so when it is offline).
  if (/^\/(banjir|alerts)(\/|\.|$)|^\/api\/v1\/flood\/|^\/sta\//.test(url.pathname)) return;
  if (/^\/(css|js|vendor)\/|\/icon\.svg$/.test(url.pathname)) {
    e.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (r) { var copy = r.clone(); caches.open(CACHE).then(function (c) { c.put(req, copy); }); return r; });
    }));
    return;
  }
  if (req.mode === "navigate" || /^\/api\/v1\/areas/.test(url.pathname)) {
    e.respondWith(fetch(req).then(function (r) {
      var copy = r.clone(); caches.open(CACHE).then(function (c) { c.put(req, copy); }); return r;
    }).catch(function () { return caches.match(req).then(function (hit) { return hit || caches.match("/"); }); }));
  }
});
