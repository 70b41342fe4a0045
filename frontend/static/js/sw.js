/* Innsteg's service worker: the pages a person looked at (listings) and their applications open
   without a connection, and any other page then says that the phone is offline.

   Served at /sw.js (scope /) by common.views.service_worker, which puts self.INNSTEG (the
   static files and the offline page, with their hashed names, and a version) before this code.

   Whose pages: every page the server sends to a signed-in person carries the header
   Innsteg-Page-Owner, an opaque value per person (the same as the drafts' owner in app.js).
   Pages are kept in a cache of that person only ("innsteg-pages-<owner>"). When a page comes
   from the network for someone else, or for nobody (signed out), every other person's cache is
   wiped before anything is kept; app.js wipes them all at logout. So a shared phone never shows
   one person's kept pages to another. */
"use strict";

var CONFIG = self.INNSTEG || { version: "dev", precache: [], offline: "/offline/", keep: [] };
var STATIC_CACHE = "innsteg-static-" + CONFIG.version;
var PAGES_PREFIX = "innsteg-pages-";
var META_CACHE = "innsteg-meta";
var OWNER_KEY = "/__innsteg/owner";
var KEEP = CONFIG.keep.map(function (pattern) { return new RegExp(pattern); });

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(CONFIG.precache.concat([CONFIG.offline])); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("innsteg-static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function rememberedOwner() {
  return caches.open(META_CACHE)
    .then(function (cache) { return cache.match(OWNER_KEY); })
    .then(function (response) { return response ? response.text() : ""; });
}

/* The person whose page just came from the network: wipe every other person's kept pages
   first, then remember them. */
function becomeOwner(owner) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PAGES_PREFIX) === 0 && name !== PAGES_PREFIX + owner;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return caches.open(META_CACHE);
  }).then(function (cache) {
    return cache.put(OWNER_KEY, new Response(owner, { headers: { "Content-Type": "text/plain" } }));
  });
}

function kept(url) {
  var path = new URL(url).pathname;
  return KEEP.some(function (pattern) { return pattern.test(path); });
}

function fromNetwork(request) {
  return fetch(request).then(function (response) {
    var owner = response.headers.get("Innsteg-Page-Owner") || "";
    var work = becomeOwner(owner).then(function () {
      if (owner && response.ok && !response.redirected && kept(request.url)) {
        var copy = response.clone();
        return caches.open(PAGES_PREFIX + owner).then(function (cache) {
          return cache.put(request.url, copy);
        });
      }
      return undefined;
    });
    return work.then(function () { return response; }, function () { return response; });
  });
}

function fromCache(request) {
  return rememberedOwner().then(function (owner) {
    var mine = owner && kept(request.url)
      ? caches.open(PAGES_PREFIX + owner).then(function (cache) {
          return cache.match(request.url, { ignoreVary: true });
        })
      : Promise.resolve(undefined);
    return mine.then(function (page) {
      return page || caches.match(CONFIG.offline, { cacheName: STATIC_CACHE });
    });
  }).then(function (page) { return page || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    /* Network first: a page is always as fresh as the connection allows. */
    event.respondWith(fromNetwork(request).catch(function () { return fromCache(request); }));
    return;
  }
  if (CONFIG.precache.indexOf(new URL(request.url).pathname) !== -1) {
    /* The style sheet, the script and the icons have their content's hash in their name. */
    event.respondWith(
      caches.match(request, { cacheName: STATIC_CACHE }).then(function (hit) { return hit || fetch(request); })
    );
  }
});

/* app.js asks for this at logout (and when a page is shown to somebody else). */
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "forget-pages") {
    event.waitUntil(becomeOwner(event.data.owner || ""));
  }
});
