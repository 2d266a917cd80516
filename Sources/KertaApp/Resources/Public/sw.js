// Pages the resident already visited open offline; assets come from the cache first.
var CACHE = "kerta-v1";
self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(["/css/kerta.css", "/js/kerta.js", "/icon.svg", "/manifest.webmanifest"]); }));
  self.skipWaiting();
});
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
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
