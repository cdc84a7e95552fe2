// batches.js: the administrator's console uploads without leaving the page
// and follows every document of the newest batches (stage, status, error)
// until it is done. Without it, the form posts and the page shows the state.
(function () {
  "use strict";
  var main = document.getElementById("main");
  function follow() {
    Array.prototype.slice.call(document.querySelectorAll("[data-batch]"), 0, 3).forEach(function (sec) {
      var id = sec.getAttribute("data-batch");
      function poll() {
        fetch("/admin/batcher/" + id + "/status", { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (s) {
            if (!s) { return; }
            (s.documents || []).forEach(function (d) {
              var row = sec.querySelector("[data-doc='" + d.id + "']");
              if (!row) { return; }
              row.querySelector("[data-slot=state]").textContent = (d.failed ? "Fel: " : "") + d.state + (d.case_id ? " (ärende " + d.case_id + ")" : "");
              row.querySelector("[data-slot=error]").textContent = d.error;
              row.className = d.failed ? "failed" : "";
            });
            if (!s.done) { window.setTimeout(poll, 1000); }
          });
      }
      poll();
    });
  }
  var form = document.getElementById("upload");
  if (form && window.fetch && window.FormData && window.DOMParser) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = document.getElementById("upload-status");
      status.textContent = "Läser in…";
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var next = doc.getElementById("main");
          if (!next) { status.textContent = "Inläsningen misslyckades. Ladda om sidan."; return; }
          main.innerHTML = next.innerHTML;
          var msg = main.querySelector("[role=status], [role=alert]");
          if (msg) { msg.setAttribute("tabindex", "-1"); msg.focus(); }
          form = document.getElementById("upload");
          follow();
        })
        .catch(function () { status.textContent = "Inläsningen misslyckades. Försök igen."; });
    });
  }
  follow();
})();
