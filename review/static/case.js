// case.js: on the case page, selecting a field shows its page and evidence
// without reloading, and keyboard shortcuts move between fields (j next,
// k previous, n next field that needs a look). The page works without it:
// every field is a link that shows the same evidence from the server.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a.fieldlink"));
  var panel = document.getElementById("bevis");
  if (!links.length || !panel) { return; }
  document.documentElement.className += " js";
  var svg = panel.querySelector("[data-slot=svg]");
  var toggle = document.getElementById("shortcuts");
  var stored = null;
  try { stored = window.localStorage.getItem("arsflow.shortcuts"); } catch (e) { stored = null; }
  if (toggle && stored === "off") { toggle.checked = false; }
  if (toggle) {
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem("arsflow.shortcuts", toggle.checked ? "on" : "off"); } catch (e) { /* private mode */ }
    });
  }
  function slots(name) { return Array.prototype.slice.call(panel.querySelectorAll("[data-slot=" + name + "]")); }
  function setText(name, text) { slots(name).forEach(function (el) { el.textContent = text; }); }
  var current = 0;
  links.forEach(function (a, i) { if (a.getAttribute("aria-current") === "true") { current = i; } });

  function showPage(d) {
    var url = "/dokument/" + d.doc + "/sida/" + d.page;
    var dpi = parseFloat(svg.getAttribute("data-dpi")) || 110;
    var img = new Image();
    img.onload = function () {
      var w = img.naturalWidth * 72 / dpi, h = img.naturalHeight * 72 / dpi;
      svg.setAttribute("viewBox", "0 0 " + w.toFixed(1) + " " + h.toFixed(1));
      var image = svg.querySelector("[data-slot=image]");
      image.setAttribute("href", url);
      image.setAttribute("width", w.toFixed(1));
      image.setAttribute("height", h.toFixed(1));
      var box = svg.querySelector("[data-slot=box]");
      var b = (d.bbox || "").split(",").map(parseFloat);
      if (b.length === 4 && b[2] > b[0] && b[3] > b[1]) {
        box.setAttribute("x", (b[0] - 3).toFixed(1));
        box.setAttribute("y", (h - b[3] - 3).toFixed(1));
        box.setAttribute("width", (b[2] - b[0] + 6).toFixed(1));
        box.setAttribute("height", (b[3] - b[1] + 6).toFixed(1));
        box.removeAttribute("visibility");
      } else {
        box.setAttribute("visibility", "hidden");
      }
    };
    img.src = url;
    slots("imagelink").forEach(function (a) { a.href = url; });
    slots("pdflink").forEach(function (a) { a.href = "/dokument/" + d.doc + "/pdf#page=" + d.page; });
    svg.querySelector("title").textContent = "Sidan " + d.page + " ur " + d.docname + ", raden med " + d.label + " är markerad";
  }

  function select(i, focus) {
    if (i < 0 || i >= links.length) { return; }
    var a = links[i], d = a.dataset;
    if (d.doc === "0" || d.page === "0") { window.location.href = a.href; return; }
    current = i;
    links.forEach(function (l) { l.removeAttribute("aria-current"); l.parentNode.parentNode.classList.remove("selected"); });
    a.setAttribute("aria-current", "true");
    a.parentNode.parentNode.classList.add("selected");
    setText("label", d.label);
    setText("quote", d.quote);
    setText("status", "Visar " + d.label + ": " + d.docname + ", sida " + d.page);
    slots("key").forEach(function (el) { el.value = d.key; });
    slots("value").forEach(function (el) { el.value = d.value; });
    showPage(d);
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", a.href); }
    if (focus) { a.focus(); }
  }

  if (!svg) { return; } // no page image to update: links reload the page
  links.forEach(function (a, i) {
    a.addEventListener("click", function (e) { e.preventDefault(); select(i, false); });
  });
  Array.prototype.slice.call(document.querySelectorAll("a[data-field]")).forEach(function (a) {
    a.addEventListener("click", function (e) {
      links.forEach(function (l, i) {
        if (l.dataset.key === a.getAttribute("data-field")) { e.preventDefault(); select(i, true); }
      });
    });
  });
  document.addEventListener("keydown", function (e) {
    if ((toggle && !toggle.checked) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || e.target.isContentEditable) { return; }
    if (e.key === "j") { select(Math.min(current + 1, links.length - 1), true); }
    else if (e.key === "k") { select(Math.max(current - 1, 0), true); }
    else if (e.key === "n") {
      for (var s = 1; s <= links.length; s++) {
        var i = (current + s) % links.length;
        if (links[i].dataset.low === "true") { select(i, true); return; }
      }
    }
  });
})();
