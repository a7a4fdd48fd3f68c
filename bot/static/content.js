/* Content editor: live preview (drawn by the chat widget's own code, so it looks exactly
 * as residents will see it) and readability while typing. Without JavaScript the form
 * still saves and the server shows the same preview after saving. */
(function () {
  "use strict";
  var form = document.getElementById("content-form");
  var previewBox = document.getElementById("preview");
  if (!form || !previewBox) { return; }
  var lang = form.getAttribute("data-lang");
  var csrf = document.querySelector("meta[name=csrf-token]").getAttribute("content");
  var score = document.getElementById("score");
  var warnings = document.getElementById("warnings");
  var timer = null;

  function draw(message) {
    if (window.FrontDoorPreview) { window.FrontDoorPreview(previewBox, message, lang); }
  }

  function values() {
    var links = [];
    for (var i = 0; i < 5; i++) {
      var ti = form.elements["link_title_" + i], ur = form.elements["link_url_" + i];
      if (ti && ur && (ti.value.trim() || ur.value.trim())) {
        links.push({ title: ti.value.trim(), url: ur.value.trim() });
      }
    }
    return { body: form.elements.body.value, links: links,
      next_step: form.elements.next_step.value, language: lang };
  }

  function list(items) {
    warnings.textContent = "";
    items.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      warnings.appendChild(li);
    });
  }

  function check() {
    fetch("/api/v1/content/check", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(values())
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) { return; }
      draw(data.preview);
      var r = data.readability;
      score.textContent = r.score == null ? "–" : r.score + (r.level ? " (" + r.level + ")" : "");
      var unknown = data.unknown_placeholders.map(function (p) {
        return "Onbekend gegeven {" + p + "}: kies er een uit de lijst.";
      });
      list(data.problems.concat(unknown, data.notices, r.warnings));
    }).catch(function () { /* offline: the server checks again when saving */ });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
  window.addEventListener("load", function () {
    var custom = {};
    try { custom = JSON.parse(previewBox.getAttribute("data-custom")); } catch (e) { /* keep {} */ }
    draw({ text: previewBox.getAttribute("data-text"), custom: custom });
  });
})();
