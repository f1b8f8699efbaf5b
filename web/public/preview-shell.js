/*
 * Sandlot preview shell. Runs inside the studio's <iframe sandbox="allow-scripts allow-forms"> (opaque origin)
 * and must be served with the preview CSP (docs/preview.md). It:
 *   1. reads this load's nonce from #sandlot-preview=<nonce>,
 *   2. says hello to the studio (window.parent, target origin = the studio origin),
 *   3. accepts exactly one "run" message — from window.parent, with the studio's origin and the
 *      nonce — and runs the built app: the template's body markup, its CSS as a constructed
 *      stylesheet, its JS as a blob: module,
 *   4. reports load errors and uncaught errors back to the studio.
 * It never evaluates strings (no eval, no new Function) and never touches the studio: it can't.
 */
(function () {
  "use strict";
  var NONCE_RE = /^[A-Za-z0-9_-]{16,128}$/;
  var MAX = 20 * 1024 * 1024;

  function readNonce() {
    var h = location.hash.charAt(0) === "#" ? location.hash.slice(1) : location.hash;
    var parts = h.split("&");
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (eq > 0 && parts[i].slice(0, eq) === "sandlot-preview") {
        var v = parts[i].slice(eq + 1);
        return NONCE_RE.test(v) ? v : null;
      }
    }
    return null;
  }

  var nonce = readNonce();
  // location.href is the shell's real URL even though our origin is opaque: the studio's origin.
  var studioOrigin = new URL(location.href).origin;
  var inFrame = false;
  try {
    inFrame = window.parent !== window;
  } catch (e) {
    inFrame = true;
  }

  function setStatus(text) {
    var el = document.getElementById("sandlot-shell-status");
    if (el) el.textContent = text;
  }

  if (!nonce || !inFrame) {
    document.addEventListener("DOMContentLoaded", function () {
      setStatus("This page only works inside Sandlot Studio's preview.");
    });
    return;
  }

  function post(msg) {
    try {
      window.parent.postMessage(msg, studioOrigin);
    } catch (e) {
      /* the studio is gone */
    }
  }

  // The stack names the app script's blob: line and column; the studio maps them through the
  // build's source maps to blank:line.
  function reportError(message, stack) {
    var msg = { type: "sandlot-shell:error", nonce: nonce, message: String(message).slice(0, 10000) };
    if (typeof stack === "string" && stack) msg.stack = stack.slice(0, 10000);
    post(msg);
  }

  window.addEventListener("error", function (e) {
    var stack = e.error && typeof e.error.stack === "string" ? e.error.stack : "";
    if (!stack && e.filename && e.lineno) stack = "at " + e.filename + ":" + e.lineno + ":" + (e.colno || 1);
    reportError(e.message || "Script error", stack);
  });
  window.addEventListener("unhandledrejection", function (e) {
    var r = e.reason;
    reportError(r && r.message ? r.message : String(r), r && typeof r.stack === "string" ? r.stack : "");
  });

  function applyHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var drop = doc.querySelectorAll("script, link, base, meta[http-equiv], iframe, object, embed");
    for (var i = 0; i < drop.length; i++) drop[i].remove();
    if (doc.title) document.title = doc.title;
    var lang = doc.documentElement.getAttribute("lang");
    if (lang) document.documentElement.setAttribute("lang", lang);
    var bodyClass = doc.body.getAttribute("class");
    if (bodyClass) document.body.setAttribute("class", bodyClass);
    var nodes = [];
    var kids = doc.body.childNodes;
    for (var j = 0; j < kids.length; j++) nodes.push(document.importNode(kids[j], true));
    document.body.replaceChildren.apply(document.body, nodes);
  }

  function applyCss(css) {
    if (!css) return;
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    } catch (e) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = URL.createObjectURL(new Blob([css], { type: "text/css" }));
      document.head.appendChild(link);
    }
  }

  function runJs(js) {
    var url = URL.createObjectURL(new Blob([js], { type: "text/javascript" }));
    var s = document.createElement("script");
    s.type = "module";
    s.src = url;
    s.onload = function () {
      post({ type: "sandlot-shell:ran", nonce: nonce });
    };
    s.onerror = function () {
      reportError("The app's code could not be loaded in the preview.");
    };
    document.head.appendChild(s);
  }

  var ran = false;
  window.addEventListener("message", function (e) {
    if (ran || e.source !== window.parent || e.origin !== studioOrigin) return;
    var d = e.data;
    if (!d || typeof d !== "object" || d.type !== "sandlot-shell:run" || d.nonce !== nonce) return;
    if (typeof d.js !== "string" || typeof d.css !== "string" || typeof d.html !== "string") return;
    if (d.js.length + d.css.length + d.html.length > MAX) return;
    ran = true;
    try {
      applyHtml(d.html);
      applyCss(d.css);
      runJs(d.js);
    } catch (err) {
      reportError(err && err.message ? err.message : String(err));
    }
  });

  function hello() {
    post({ type: "sandlot-shell:hello", nonce: nonce });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hello);
  else hello();
})();
