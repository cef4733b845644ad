/* Drillbook service worker: keeps routine, program and drill pages for use offline.
   Written into the site root by the build (generator/outputs/offline.py fills the version and
   the precache list). Network first, so a deploy shows at the next visit; the cache answers
   when the network fails or is too slow. Same-origin requests only. */
"use strict";

const VERSION = "__VERSION__";
const CACHE = "drillbook-" + VERSION;
const PRECACHE = [] /* __PRECACHE__ */;
const TIMEOUT_MS = 4000;
const PARALLEL = 4;

async function precache() {
  const cache = await caches.open(CACHE);
  const queue = PRECACHE.map((p) => new URL(p, self.location).href);
  async function worker() {
    while (queue.length) {
      const url = queue.shift();
      try {
        const response = await fetch(url, { cache: "no-cache" });
        if (response.ok) await cache.put(url, response);
      } catch (e) {
        /* one missing page must not stop the others */
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("drillbook-") && k !== CACHE).map((k) => caches.delete(k))
        )
      )
      .then(() => self.clients.claim())
  );
});

function fetchWithTimeout(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
    fetch(request).then(
      (r) => { clearTimeout(timer); resolve(r); },
      (e) => { clearTimeout(timer); reject(e); }
    );
  });
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetchWithTimeout(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === "navigate") {
      const home = await cache.match(new URL("./", self.location).href);
      if (home) return home;
    }
    return Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(networkFirst(request));
});
