/* Drillbook service worker: keeps routine, program and drill pages for use offline.
   Written into the site root by the build (generator/outputs/offline.py fills the version and
   the precache list). Installing stores nothing, so a first view of any page pays only for the
   page itself; a routine page asks for the scripts, styles and every listed page
   ("drillbook-precache" message), and
   after a deploy the new worker fetches them again for a device that had them. Network first,
   so a deploy shows at the next visit; the cache answers when the network fails or is too slow.
   Every page opened is kept, and every search file a query fetched (pagefind/), so search works
   offline for what was searched; keeping the pages offline keeps the whole search index too.
   Same-origin requests only. */
"use strict";

const VERSION = "__VERSION__";
const CACHE = "drillbook-" + VERSION;
const PRECACHE = [] /* __PRECACHE__ */;
const TIMEOUT_MS = 4000;
const PARALLEL = 4;
const SHELL = PRECACHE.filter((p) => !p.endsWith("/") || p === "./");
const PAGES = PRECACHE.filter((p) => p.endsWith("/") && p !== "./");
const WANTED = new URL("./?drillbook-offline", self.location).href; // marker: pages wanted
const SEARCH_FILES = "pagefind/drillbook-offline.json";

async function precache(paths, skipCached) {
  const cache = await caches.open(CACHE);
  const queue = paths.map((p) => new URL(p, self.location).href);
  async function worker() {
    while (queue.length) {
      const url = queue.shift();
      try {
        if (skipCached && (await cache.match(url))) continue;
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
  event.waitUntil(self.skipWaiting());
});

async function precachePages() {
  const cache = await caches.open(CACHE);
  await cache.put(WANTED, new Response("1"));
  await precache([...SHELL, ...PAGES], true);
  await precacheSearch();
}

/* Search for any query offline: the files of Pagefind's index that the build listed (only when
   the pages are kept; otherwise each query's own files are kept as it fetches them). */
async function precacheSearch() {
  try {
    const response = await fetch(new URL(SEARCH_FILES, self.location).href, { cache: "no-cache" });
    if (response.ok) await precache(await response.json(), true);
  } catch (e) {
    /* a site without a search index */
  }
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "drillbook-precache") event.waitUntil(precachePages());
});

async function activate() {
  const old = (await caches.keys()).filter((k) => k.startsWith("drillbook-") && k !== CACHE);
  let wanted = false;
  for (const name of old) {
    if (await (await caches.open(name)).match(WANTED)) wanted = true;
    await caches.delete(name);
  }
  await self.clients.claim();
  return wanted;
}

self.addEventListener("activate", (event) => {
  const done = activate();
  event.waitUntil(done);
  // After a deploy, a device that kept the pages gets the new ones (not blocking activation).
  done.then((wanted) => wanted && precachePages());
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

/* Pagefind asks for its entry file with a fresh ?ts= each time: one copy is kept. */
function cacheKey(request) {
  const url = new URL(request.url);
  return url.pathname.endsWith("/pagefind/pagefind-entry.json") ? url.origin + url.pathname : request;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetchWithTimeout(request);
    if (response.ok && response.type === "basic") await cache.put(cacheKey(request), response.clone());
    return response;
  } catch (e) {
    const hit = await cache.match(cacheKey(request), { ignoreSearch: true });
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
