/* Innsteg: small enhancements on top of pages that work without JavaScript. */
"use strict";

/* "Read aloud": the browser's own speech synthesis reads the structured facts in the page's
   language. The button is rendered hidden and shown only where the browser has a voice for that
   language (without JavaScript, or with no such voice, it would do nothing). Voices may arrive
   after the page: the button appears when they do. */
(function () {
  var button = document.querySelector("[data-read-aloud]");
  var source = document.querySelector("[data-read-aloud-text]");
  if (!button || !source || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) return;
  var synth = window.speechSynthesis;
  var language = (document.documentElement.lang || "").toLowerCase();

  function voiceFor(lang) {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var code = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === lang || code.indexOf(lang + "-") === 0) return voices[i];
    }
    return null;
  }

  function offer() {
    var voice = voiceFor(language);
    button.hidden = !voice;
    return voice;
  }

  button.addEventListener("click", function () {
    if (synth.speaking) { synth.cancel(); return; }
    var voice = offer();
    if (!voice) return;
    var parts = [];
    source.querySelectorAll("dt, dd").forEach(function (node) { parts.push(node.textContent.trim()); });
    var utterance = new SpeechSynthesisUtterance(parts.join(". "));
    utterance.lang = voice.lang;
    utterance.voice = voice;
    synth.speak(utterance);
  });
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);
})();

/* Drafts belong to the person who wrote them. The page names its signed-in person by an opaque
   value (data-draft-owner, empty for a visitor who is not signed in); drafts are kept under it.
   Drafts of anyone else are wiped, and all of them at logout and on any page for a visitor. */
var DRAFT_PREFIX = "innsteg-draft";

function draftOwner() {
  return (document.body && document.body.dataset.draftOwner) || "";
}

function clearDrafts(keep) {
  if (!window.localStorage) return;
  try {
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var key = localStorage.key(i);
      if (key && key.indexOf(DRAFT_PREFIX) === 0 && (!keep || key.indexOf(keep) !== 0)) {
        localStorage.removeItem(key);
      }
    }
  } catch (e) { /* storage unavailable */ }
}

/* The pages kept for offline use (sw.js) are kept per person too, in caches named after the
   same opaque value: anyone else's are wiped on every page, and all of them at logout. */
var PAGES_PREFIX = "innsteg-pages-";

function forgetPages(keepOwner) {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    navigator.serviceWorker.controller.postMessage({ type: "forget-pages", owner: keepOwner });
  }
  if (!window.caches) return;
  caches.keys().then(function (names) {
    names.forEach(function (name) {
      if (name.indexOf(PAGES_PREFIX) === 0 && (!keepOwner || name !== PAGES_PREFIX + keepOwner)) {
        caches.delete(name);
      }
    });
  }).catch(function () { /* storage unavailable */ });
}

(function () {
  /* The offline page names nobody: it must not wipe the person's drafts and kept pages. */
  if (!document.body || document.body.hasAttribute("data-offline-page")) return;
  var owner = draftOwner();
  clearDrafts(owner ? DRAFT_PREFIX + ":" + owner + ":" : "");
  forgetPages(owner);
  var logoutUrl = document.body && document.body.dataset.logoutUrl;
  document.querySelectorAll("form").forEach(function (form) {
    var action = form.getAttribute("action");
    if (form.hasAttribute("data-clear-drafts") || (logoutUrl && action === logoutUrl)) {
      form.addEventListener("submit", function () { clearDrafts(""); forgetPages(""); });
    }
  });
})();

/* The service worker that opens a person's visited listings and applications without a
   connection. It keeps pages only for a signed-in person, so it is installed for them only,
   and once the page has loaded so that it never slows the page down. */
(function () {
  var url = document.body && document.body.dataset.serviceWorker;
  if (!url || !draftOwner() || !("serviceWorker" in navigator)) return;
  function register() {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () { /* not offered */ });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();

/* A draft application is kept on the phone while it is written, and when the connection is
   gone at the moment of sending it waits and goes as soon as the phone is online again. */
(function () {
  var form = document.querySelector("form[data-draft]");
  var owner = draftOwner();
  if (!form || !owner || !window.fetch || !window.localStorage || !window.FormData) return;
  var key = DRAFT_PREFIX + ":" + owner + ":" + form.dataset.draft;
  var status = form.querySelector(".draft-status");
  var sending = false;

  function say(text) { if (status) status.textContent = text; }

  function read() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function save(pending) {
    var fields = {};
    form.querySelectorAll("textarea, input[type=radio]:checked, input[type=text]").forEach(function (el) {
      if (el.name && el.name !== "csrfmiddlewaretoken") fields[el.name] = el.value;
    });
    try { localStorage.setItem(key, JSON.stringify({ fields: fields, pending: !!pending })); } catch (e) { /* storage full */ }
  }

  function restore(draft) {
    Object.keys(draft.fields).forEach(function (name) {
      var value = draft.fields[name];
      form.querySelectorAll("[name='" + name + "']").forEach(function (el) {
        if (el.type === "radio") el.checked = el.value === value;
        else if (!el.value) el.value = value;
      });
    });
  }

  function send() {
    if (sending) return;
    sending = true;
    save(true);
    say(form.dataset.sending);
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        sending = false;
        if (response.redirected && response.ok) {
          localStorage.removeItem(key);
          window.location.assign(response.url);
        } else {
          /* The server has something to say about the form: show its page the usual way. */
          save(false);
          form.submit();
        }
      })
      .catch(function () {
        sending = false;
        say(form.dataset.offline);
        waitForConnection();
      });
  }

  /* Send only a draft that is still on the phone: a logout, or another person's page in another
     tab, may have wiped it since this page was opened. */
  function resume() {
    var draft = read();
    if (draft && draft.pending) send();
  }

  function waitForConnection() {
    window.addEventListener("online", resume, { once: true });
  }

  /* A page the browser keeps for "back" sends nothing while it is not shown. */
  window.addEventListener("pagehide", function () { window.removeEventListener("online", resume); });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    if (navigator.onLine) resume();
    else waitForConnection();
  });

  var draft = read();
  if (draft) {
    restore(draft);
    say(form.dataset.restored);
    if (draft.pending) {
      if (navigator.onLine) send();
      else { say(form.dataset.offline); waitForConnection(); }
    }
  }
  form.addEventListener("input", function () { save(false); });
  form.addEventListener("change", function () { save(false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!navigator.onLine) {
      save(true);
      say(form.dataset.offline);
      waitForConnection();
      return;
    }
    send();
  });
})();
