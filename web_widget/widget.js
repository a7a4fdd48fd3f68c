/* Placeholder chat for the demo page: talks to the resident API. The full,
   accessible, themeable widget is its own issue. No inline scripts (CSP). */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = (script && script.getAttribute("data-server-url")) || "";
  var locale = (script && script.getAttribute("data-locale")) || "nl";
  var conversationId = null;

  var box = document.createElement("section");
  box.className = "fd-chat";
  box.setAttribute("aria-label", "Chat met de digitale assistent");
  var log = document.createElement("div");
  log.className = "fd-log";
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  var form = document.createElement("form");
  form.className = "fd-form";
  var label = document.createElement("label");
  label.textContent = "Uw bericht";
  label.htmlFor = "fd-input";
  var input = document.createElement("input");
  input.id = "fd-input";
  input.autocomplete = "off";
  input.maxLength = 2000;
  var send = document.createElement("button");
  send.type = "submit";
  send.textContent = "Verstuur";
  form.append(label, input, send);
  box.append(log, form);
  (document.getElementById("main") || document.body).appendChild(box);

  function add(text, who, kind) {
    var p = document.createElement("p");
    p.className = "fd-msg fd-" + who + (kind === "safety" ? " fd-safety" : "");
    p.textContent = text;
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
    return p;
  }

  function show(messages) {
    messages.forEach(function (m) {
      var custom = m.custom || {};
      add(m.text, "bot", custom.kind);
      if (m.buttons && m.buttons.length) {
        var row = document.createElement("div");
        row.className = "fd-buttons";
        m.buttons.forEach(function (b) {
          var btn = document.createElement("button");
          btn.type = "button";
          btn.textContent = b.title;
          btn.addEventListener("click", function () { post(b.payload, b.title); });
          row.appendChild(btn);
        });
        log.appendChild(row);
      }
    });
  }

  function request(path, body) {
    return fetch(server + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.detail || "Er ging iets mis."); }
        return data;
      });
    });
  }

  function post(text, shown) {
    add(shown || text, "resident");
    request("/api/v1/conversations/" + conversationId + "/messages", { text: text })
      .then(function (data) { show(data.messages); })
      .catch(function (e) { add(e.message, "bot"); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text || !conversationId) { return; }
    input.value = "";
    post(text);
  });

  request("/api/v1/conversations", { language: locale })
    .then(function (data) { conversationId = data.id; show(data.messages); })
    .catch(function () { add("De chat werkt nu even niet. Bent u in gevaar? Bel 112.", "bot"); });
})();
