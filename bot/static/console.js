/* The loket console: the live queue (/staff) and one conversation
   (/staff/conversations/{id}). Everything a resident wrote is put on the page as
   text (textContent), never as HTML. Live updates come as server-sent events. */
(function () {
  "use strict";

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }
  var csrf = meta("csrf-token");
  var me = meta("staff-user");
  var L = JSON.parse((document.getElementById("labels") || {}).textContent || "{}");

  function label(group, key) {
    return (L[group] && L[group][key]) || key || "—";
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) {
        location.href = "/staff/login?next=" + encodeURIComponent(location.pathname);
        throw new Error("Uw sessie is verlopen. Log opnieuw in.");
      }
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (b) {
          throw new Error(typeof b.detail === "string" ? b.detail : "Fout " + r.status);
        });
      }
      return r.status === 204 ? null : r.json();
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function minutesSince(iso) {
    if (!iso) { return "—"; }
    var m = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
    return m < 60 ? m + " min" : Math.floor(m / 60) + " u " + (m % 60) + " min";
  }

  function time(iso) { return iso ? new Date(iso).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" }) : ""; }

  // Reconnects on its own; `onopen` after a drop reloads, so nothing missed stays missing.
  // An error also reloads: a session that ended then sends the page to the login form.
  function live(path, onEvent, onOpen) {
    var state = document.getElementById("live-state");
    var source = new EventSource(path);
    source.onopen = function () {
      if (state) { state.textContent = "Live"; }
      if (onOpen) { onOpen(); }
    };
    source.onerror = function () {
      if (state) { state.textContent = "Verbinding weg, opnieuw verbinden…"; }
      if (onOpen) { onOpen(); }
    };
    source.onmessage = function (ev) {
      try { onEvent(JSON.parse(ev.data)); } catch (e) { /* a bad event must not stop the view */ }
    };
    return source;
  }

  // ---- sound for a new P1 -------------------------------------------------------
  // Browsers allow sound only after the person touched the page once; until then a hint
  // says so, and the visible alert works anyway.
  var audio = null;
  var soundOn = true;
  function unlockSound() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") { audio.resume().then(showSoundHint); }
    } catch (e) { audio = null; }
    showSoundHint();
  }
  function soundReady() { return !!audio && audio.state === "running"; }
  function showSoundHint() {
    var hint = document.getElementById("sound-hint");
    if (hint) { hint.hidden = !soundOn || soundReady(); }
  }
  function beep(alertBox) {
    if (!soundOn || !soundReady()) { return; }
    [0, 0.35].forEach(function (at) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain); gain.connect(audio.destination);
      osc.start(audio.currentTime + at); osc.stop(audio.currentTime + at + 0.25);
    });
    if (alertBox) { alertBox.setAttribute("data-sounded", String(Number(alertBox.getAttribute("data-sounded") || 0) + 1)); }
  }

  // ---- queue ----------------------------------------------------------------------
  function queuePage(rows) {
    var alertBox = document.getElementById("p1-alert");
    var toggle = document.getElementById("sound-toggle");
    var seen = null; // conversation id -> number of P1 signals, after the first load
    var timer = null;
    var showAll = document.getElementById("show-all");
    var last = [];
    showAll.addEventListener("change", function () { render(last); });

    // A chat with the bot that no one flagged or asked a person about needs no one yet.
    function needsSomeone(q) {
      return q.priority !== "P3" || q.status !== "bot" || q.ticket_id || q.taken_over_by ||
        q.assigned_to;
    }

    function showSound() {
      toggle.textContent = "Geluid bij P1: " + (soundOn ? "aan" : "uit");
      toggle.setAttribute("aria-pressed", soundOn ? "true" : "false");
    }
    toggle.addEventListener("click", function () { soundOn = !soundOn; showSound(); showSoundHint(); });
    document.addEventListener("click", unlockSound);
    document.addEventListener("keydown", unlockSound);
    showSound();
    showSoundHint();

    function p1Count(item) {
      return item.signals.filter(function (s) { return s.priority === "P1" && !s.false_alarm; }).length;
    }

    function render(all) {
      last = all;
      var items = showAll.checked ? all : all.filter(needsSomeone);
      var hidden = all.length - items.length;
      document.getElementById("hidden-count").textContent = hidden ? "(" + hidden + " verborgen)" : "";
      clear(rows);
      if (!items.length) {
        rows.appendChild(el("tr", {}, [el("td", { colspan: "8", text: "Geen open gesprekken." })]));
      }
      var fresh = [];
      items.forEach(function (q) {
        var n = p1Count(q);
        if (seen && n > (seen[q.conversation_id] || 0)) { fresh.push(q); }
        var signals = q.signals.filter(function (s) { return !s.false_alarm; })
          .map(function (s) { return label("categories", s.category); });
        var who = q.taken_over_by ? q.taken_over_by + " (in gesprek)" : (q.assigned_to || "—");
        var link = el("a", { href: "/staff/conversations/" + encodeURIComponent(q.conversation_id),
                             text: "Openen" });
        link.setAttribute("aria-label", "Openen: gesprek " + q.priority + ", " + (signals.join(", ") || "geen signaal"));
        rows.appendChild(el("tr", { "class": "row-" + q.priority, "data-conversation": q.conversation_id }, [
          el("td", {}, [el("span", { "class": "priority-" + q.priority, text: q.priority })]),
          el("td", { text: signals.join(", ") || "—" }),
          el("td", { text: label("languages", q.language) }),
          el("td", { text: label("chat", q.status) + (q.handling !== "new" ? " · " + label("statuses", q.handling) : "") }),
          el("td", { "data-since": q.waiting_since || "", text: minutesSince(q.waiting_since) }),
          el("td", { text: who }),
          el("td", { text: q.ticket_id ? "ja" : "—" }),
          el("td", {}, [link])
        ]));
      });
      seen = {};
      all.forEach(function (q) { seen[q.conversation_id] = p1Count(q); });
      if (fresh.length) {
        var q = fresh[0];
        clear(alertBox);
        alertBox.appendChild(document.createTextNode("Nieuw P1-signaal: " + q.signals
          .filter(function (s) { return s.priority === "P1"; })
          .map(function (s) { return label("categories", s.category); }).join(", ") +
          " (" + label("languages", q.language) + "). "));
        alertBox.appendChild(el("a", { href: "/staff/conversations/" + encodeURIComponent(q.conversation_id),
                                       text: "Open het gesprek" }));
        alertBox.hidden = false;
        document.title = "(P1) Wachtrij – digitale voordeur";
        beep(alertBox);
      }
    }

    function load() {
      return api("GET", "/api/v1/staff/queue").then(render).catch(function (e) {
        clear(rows);
        rows.appendChild(el("tr", {}, [el("td", { colspan: "8", text: e.message })]));
      });
    }

    // Many events can come at once; one reload for all of them.
    function soon() {
      if (timer) { return; }
      timer = setTimeout(function () { timer = null; load(); }, 150);
    }

    setInterval(function () {
      rows.querySelectorAll("td[data-since]").forEach(function (td) {
        td.textContent = minutesSince(td.getAttribute("data-since"));
      });
    }, 30000);
    load().then(function () { live("/api/v1/staff/events", soon, soon); });
  }

  // ---- one conversation ------------------------------------------------------------
  function conversationPage(root) {
    var id = root.getAttribute("data-conversation");
    var base = "/api/v1/staff/conversations/" + encodeURIComponent(id);
    var transcript = document.getElementById("transcript");
    var alertBox = document.getElementById("conv-alert");
    var composer = document.getElementById("composer");
    var text = document.getElementById("composer-text");
    var takeover = document.getElementById("takeover");
    var handback = document.getElementById("handback");
    var current = null;

    function problem(e) {
      alertBox.textContent = e.message;
      alertBox.hidden = false;
    }

    function act(promise) {
      alertBox.hidden = true;
      return promise.then(reload).catch(problem);
    }

    function message(m) {
      var custom = m.custom || {};
      var who = m.from === "resident" ? "Inwoner" :
        m.from === "staff" ? (custom.staff_name || "Medewerker") + " (medewerker)" : "Chat";
      var body = el("p", { "class": "msg-text", text: m.text });
      if (m.from === "resident") {
        body.setAttribute("lang", current ? current.language : "");
        body.setAttribute("dir", "auto");
      }
      var extra = [];
      if (custom.safety) {
        extra.push(el("p", { "class": "msg-flag", text: "Veiligheidsbericht: " + label("categories", custom.safety.category) + " (" + custom.safety.priority + ")" }));
      }
      if (m.buttons && m.buttons.length) {
        extra.push(el("p", { "class": "msg-buttons", text: "Knoppen: " + m.buttons.map(function (b) { return b.title; }).join(" · ") }));
      }
      return el("div", { "class": "msg msg-" + m.from }, [
        el("p", { "class": "msg-who", text: who + " · " + time(m.at) }), body].concat(extra));
    }

    function renderTranscript(messages) {
      clear(transcript);
      messages.forEach(function (m) { transcript.appendChild(message(m)); });
      transcript.scrollTop = transcript.scrollHeight;
    }

    function renderSignals(c) {
      var list = document.getElementById("signals");
      clear(list);
      if (!c.signals.length) { list.appendChild(el("li", { text: "Geen signalen." })); }
      c.signals.forEach(function (s) {
        var item = el("li", {}, [
          el("span", { "class": "priority-" + s.priority, text: s.priority }),
          document.createTextNode(" " + label("categories", s.category) + " · " + time(s.at) + " · laag: " + (s.layer || "—")),
          el("q", { "class": "own-words", text: s.excerpt || "" })
        ]);
        if (s.false_alarm) {
          item.appendChild(el("p", { "class": "false-alarm", text: "Vals alarm volgens " + s.false_alarm.by + ": " + s.false_alarm.reason }));
        } else {
          var reasonId = "fa-" + s.index;
          var reason = el("input", { id: reasonId, maxlength: "500", required: "required" });
          var form = el("form", { "class": "false-alarm-form" }, [
            el("label", { "for": reasonId, text: "Waarom vals alarm?" }), reason,
            el("button", { type: "submit", "class": "danger", text: "Markeer als vals alarm" })
          ]);
          form.addEventListener("submit", function (ev) {
            ev.preventDefault();
            act(api("POST", base + "/signals/" + s.index + "/false-alarm", { reason: reason.value }));
          });
          item.appendChild(form);
        }
        list.appendChild(item);
      });
    }

    function renderTicket(t) {
      var box = document.getElementById("ticket");
      clear(box);
      if (!t) { box.appendChild(el("p", { text: "Nog geen melding." })); return; }
      var consent = t.consent || {};
      var req = t.requester || {};
      var route = t.suggested_route || {};
      var dl = el("dl", {});
      function v(x) { return x === undefined || x === null ? "—" : label("values", String(x)); }
      [["Kenmerk", t.reference], ["Prioriteit", t.priority],
       ["Voorgestelde route", label("routes", route.route)],
       ["Waarom", (route.reasons || []).join("; ")],
       ["Vraag", t.question], ["Voor wie", label("roles", req.role) + (req.relation ? " (" + req.relation + ")" : "")],
       ["Weet de persoon ervan", req.role && req.role !== "self" ? v(t.subject_aware) : ""],
       ["Leefgebieden", (t.life_domains || []).map(function (d) { return label("domains", d); }).join(", ")],
       ["Al geprobeerd", t.already_tried], ["Al contact met gemeente", v(t.known_to_municipality)],
       ["Naam", req.name], ["Telefoon", req.phone], ["E-mail", req.email],
       ["Voorkeur", v(req.preferred_channel)], ["Bereikbaar", req.reachable],
       ["Snel nodig", v(t.urgent)], ["Veilig thuis", v(t.safe_at_home)],
       ["Toestemming delen", v(consent.share_with_municipality)],
       ["Gesprek meesturen", v(consent.attach_transcript)],
       ["Toestemming gegeven", (consent.at || "").slice(0, 16).replace("T", " ") + " UTC"],
       ["Getoonde tekst", consent.text]].forEach(function (row) {
        dl.appendChild(el("dt", { text: row[0] }));
        dl.appendChild(el("dd", { text: row[1] === undefined || row[1] === null || row[1] === "" ? "—" : String(row[1]) }));
      });
      box.appendChild(dl);
      box.appendChild(el("p", {}, [
        el("a", { href: "/staff/tickets/" + encodeURIComponent(t.id), text: "Melding afdrukken" }),
        document.createTextNode(" · "),
        el("a", { href: "/api/v1/tickets/" + encodeURIComponent(t.id) + "/export", text: "Exporteren (JSON)" })
      ]));
    }

    function renderWork(c) {
      document.getElementById("conv-priority").className = "priority-" + c.priority;
      document.getElementById("conv-priority").textContent = c.priority;
      document.getElementById("conv-meta").textContent = "Taal: " + label("languages", c.language) +
        " · status: " + label("chat", c.status) + " · begonnen " + time(c.created_at);
      document.getElementById("status-select").value = c.handling;
      document.getElementById("assigned").textContent = "Toegewezen aan: " + (c.assigned_to || "niemand");
      var notes = document.getElementById("notes");
      clear(notes);
      c.notes.forEach(function (n) {
        notes.appendChild(el("li", {}, [el("span", { "class": "note-by", text: n.by + ", " + time(n.at) + ": " }),
                                        el("span", { text: n.text })]));
      });
      var mine = c.taken_over_by === me;
      takeover.hidden = mine;
      takeover.disabled = !!c.taken_over_by && !mine;
      takeover.textContent = c.taken_over_by && !mine ? c.taken_over_by + " heeft dit gesprek" : "Gesprek overnemen";
      handback.hidden = !mine;
      composer.hidden = !mine;
      renderSignals(c);
      renderTicket(c.ticket);
    }

    function reload(all) {
      return api("GET", base).then(function (c) {
        current = c;
        if (all) { renderTranscript(c.messages); }
        renderWork(c);
      }).catch(problem);
    }

    takeover.addEventListener("click", function () {
      act(api("POST", base + "/takeover")).then(function () { if (!composer.hidden) { text.focus(); } });
    });
    handback.addEventListener("click", function () { act(api("POST", base + "/handback")); });
    composer.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!text.value.trim()) { return; }
      api("POST", base + "/messages", { text: text.value }).then(function () {
        text.value = ""; text.focus();
      }).catch(problem);
    });
    text.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); composer.requestSubmit(); }
    });
    document.getElementById("status-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      act(api("POST", base + "/status", { status: document.getElementById("status-select").value }));
    });
    document.getElementById("assign").addEventListener("click", function () { act(api("POST", base + "/assign")); });
    document.getElementById("note-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var note = document.getElementById("note-text");
      act(api("POST", base + "/notes", { text: note.value }).then(function () { note.value = ""; }));
    });

    reload(true).then(function () {
      live(base + "/events", function (ev) {
        if (ev.type === "messages") {
          ev.messages.forEach(function (m) { transcript.appendChild(message(m)); });
          transcript.scrollTop = transcript.scrollHeight;
          reload(false);
        } else {
          reload(false);
        }
      }, function () { reload(true); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var rows = document.getElementById("queue-rows");
    if (rows) { queuePage(rows); }
    var root = document.querySelector("[data-conversation]");
    if (root && root.classList.contains("console")) { conversationPage(root); }
  });
}());
