{% autoescape off %}/* thuvien service worker: the static shell cached, pages from the network, an offline notice. */
const CACHE = "thuvien-{{ version }}";
const SHELL = {{ shell_json }};
const OFFLINE_URL = "/offline/";

self.addEventListener("install", (event) => {
  // Fetched without cookies: the cached offline page must not name whoever is logged in.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) =>
        fetch(url, { credentials: "omit" }).then((response) => response.ok && cache.put(url, response)))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("thuvien-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    // Stale-while-revalidate: fast from the cache, refreshed in the background.
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(request).then((hit) => {
        const fresh = fetch(request).then((response) => {
          if (response.ok) cache.put(request, response.clone());
          return response;
        });
        if (hit) {
          event.waitUntil(fresh.catch(() => undefined));
          return hit;
        }
        return fresh;
      }))
    );
    return;
  }
  if (request.mode === "navigate") {
    // Pages are never cached (they may name the person logged in); offline, show the notice.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
  }
});
{% endautoescape %}
