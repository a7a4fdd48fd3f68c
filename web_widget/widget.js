/* Chat widget of the digital front door (digitale voordeur sociaal domein).
 *
 * Embed:  <script src="https://…/widget/widget.js" data-server-url="https://…"
 *                 data-locale="nl" async></script>
 * Options (all optional): data-server-url (default: the script's own origin),
 * data-locale (nl en ar tr pl uk; default: the page's lang), data-theme-class (a class
 * that carries the municipality's design tokens, when they are not on <body>),
 * data-css (the style sheet; default: widget.css beside this script).
 *
 * Plain ES5 for old phones, no framework, no third-party requests, no inline script
 * or style (strict CSP). Texts come from GET /api/v1/widget/strings (gettext catalogs);
 * FALLBACK is only for a server that cannot be reached and must equal the Dutch msgids
 * (tests/bot/api/test_widget_strings.py checks it).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  // data-mode="preview": no chat, only window.FrontDoorPreview for the content editor.
  var preview = !!script && script.getAttribute("data-mode") === "preview";
  if (!script || (!preview && window.__frontdoorWidget)) { return; }
  if (!preview) { window.__frontdoorWidget = true; }
  var fbCount = 0;
  var attr = function (n) { var v = script.getAttribute("data-" + n); return v && v.trim(); };
  var server = (attr("server-url") || new URL(script.src, location.href).origin).replace(/\/$/, "");
  var LANGS = ["nl", "en", "ar", "tr", "pl", "uk"];
  var FALLBACK = {
    launcher: "Chat met de digitale assistent", title: "Digitale assistent",
    close: "Chat sluiten", emergency: "Direct hulp nodig? Bel 112", input: "Uw bericht",
    send: "Verstuur", retry: "Opnieuw proberen", you: "U", bot: "Assistent",
    not_sent: "Niet verstuurd.",
    offline: "Er is geen internet. Uw bericht is nog niet verstuurd.",
    helpful: "Heeft dit antwoord u geholpen?", helpful_yes: "Ja, dit helpt",
    helpful_no: "Nee, dit helpt niet", feedback_thanks: "Dank u wel. Zo maken we de antwoorden beter.",
    links: "Meer informatie", new_window: "(opent in een nieuw venster)"
  };
  var KEY = "frontdoor-chat:" + server;
  var uid = "fd" + Math.random().toString(36).slice(2, 8);

  function pickLang(l) {
    l = (l || "").toLowerCase().split(/[-_]/)[0];
    return LANGS.indexOf(l) >= 0 ? l : null;
  }
  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  var state = preview ? {} : load();
  state.entries = state.entries || [];
  state.lang = pickLang(state.lang) || pickLang(attr("locale")) ||
    pickLang(document.documentElement.lang) || "nl";
  state.strings = state.strings || {};
  function save() {
    if (preview) { return; }
    if (state.entries.length > 300) { state.entries = state.entries.slice(-300); }
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state, function (k, v) {
        return k === "node" ? undefined : v; // DOM nodes stay out of storage
      }));
    } catch (e) { /* private mode or full: the chat still works, it is just not kept */ }
  }
  function t(k) { var s = state.strings[state.lang] || {}; return s[k] || FALLBACK[k] || ""; }

  // ---- DOM helpers --------------------------------------------------------------------
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text != null) { n.textContent = text; }
    return n;
  }
  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    if (onClick) { b.addEventListener("click", onClick); }
    return b;
  }

  if (!document.querySelector("link[data-frontdoor]")) {
    var css = el("link");
    css.rel = "stylesheet";
    css.href = attr("css") || new URL("widget.css", script.src).href;
    css.setAttribute("data-frontdoor", "");
    document.head.appendChild(css);
  }

  if (preview) {
    // The content editor shows an answer exactly as residents will see it.
    window.FrontDoorPreview = function (container, message, lang) {
      state.lang = pickLang(lang) || "nl";
      var ready = state.strings[state.lang] ? Promise.resolve() : loadStrings(state.lang);
      return ready.catch(function () {}).then(function () {
        var frame = el("div", "fd-widget fd-preview");
        frame.lang = state.lang;
        frame.dir = (state.strings[state.lang] || {}).dir || (state.lang === "ar" ? "rtl" : "ltr");
        var box = frame.appendChild(el("div", "fd-log"));
        box.appendChild(renderEntry({ from: "bot", text: message.text || "",
          custom: message.custom || {} }, false));
        container.textContent = "";
        container.appendChild(frame);
      });
    };
    return;
  }

  var root = el("div", "fd-widget" + (attr("theme-class") ? " " + attr("theme-class") : ""));
  var launcher = button("fd-launcher");
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", uid + "-panel");
  var launcherIcon = el("span", "fd-launcher-icon");
  launcherIcon.setAttribute("aria-hidden", "true");
  var launcherText = el("span");
  launcher.appendChild(launcherIcon);
  launcher.appendChild(launcherText);

  var panel = el("section", "fd-panel");
  panel.id = uid + "-panel";
  panel.hidden = true;
  panel.setAttribute("aria-labelledby", uid + "-title");
  var header = el("div", "fd-header");
  var titleBox = el("div", "fd-titlebox");
  var title = el("h2", "fd-title");
  title.id = uid + "-title";
  var intro = el("p", "fd-intro");
  titleBox.appendChild(title);
  titleBox.appendChild(intro);
  var closeBtn = button("fd-close", null, close);
  var closeIcon = el("span", null, "\u00d7");
  closeIcon.setAttribute("aria-hidden", "true");
  closeBtn.appendChild(closeIcon);
  header.appendChild(titleBox);
  header.appendChild(closeBtn);

  var tools = el("div", "fd-tools");
  var langLabel = el("label", "fd-lang-label");
  langLabel.htmlFor = uid + "-lang";
  var langSelect = el("select", "fd-lang");
  langSelect.id = uid + "-lang";
  var clearBtn = button("fd-clear", null, clearConversation);
  tools.appendChild(langLabel);
  tools.appendChild(langSelect);
  tools.appendChild(clearBtn);

  var help = el("div", "fd-help");
  var humanBtn = button("fd-human", null, function () { send("/human_handoff", t("human")); });
  var emergency = el("a", "fd-112");
  emergency.href = "tel:112";
  help.appendChild(humanBtn);
  help.appendChild(emergency);

  var log = el("div", "fd-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.tabIndex = 0;
  var typing = el("div", "fd-typing");
  typing.setAttribute("role", "status");
  var notice = el("div", "fd-notice");
  notice.setAttribute("role", "status");

  var form = el("form", "fd-form");
  form.noValidate = true; // "sla over" is a fine answer to the e-mail question
  var inputLabel = el("label", "fd-vh");
  inputLabel.htmlFor = uid + "-input";
  var input = el("input", "fd-input");
  input.id = uid + "-input";
  input.maxLength = 2000;
  input.autocomplete = "off";
  var sendBtn = el("button", "fd-send");
  sendBtn.type = "submit";
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(sendBtn);

  panel.appendChild(header);
  panel.appendChild(tools);
  panel.appendChild(help);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(notice);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  // ---- texts and language -------------------------------------------------------------
  // Under the title: "this is a computer", or who the resident talks with after a takeover.
  function showWho() {
    intro.textContent = state.staffName ? t("staff").replace("{name}", state.staffName)
      : t("intro");
  }

  function applyStrings() {
    root.lang = state.lang;
    root.dir = state.lang === "ar" ? "rtl" : "ltr";
    var s = state.strings[state.lang];
    if (s && s.dir) { root.dir = s.dir; }
    launcherText.textContent = t("launcher");
    title.textContent = t("title");
    showWho();
    panel.setAttribute("aria-label", t("region") || t("title"));
    panel.removeAttribute("aria-labelledby");
    closeBtn.setAttribute("aria-label", t("close"));
    langLabel.textContent = t("language") || "Taal / Language";
    clearBtn.textContent = t("clear");
    clearBtn.hidden = !t("clear");
    humanBtn.textContent = t("human");
    humanBtn.hidden = !t("human");
    emergency.textContent = t("emergency");
    log.setAttribute("aria-label", t("log") || t("title"));
    inputLabel.textContent = t("input");
    sendBtn.textContent = t("send");
    var langs = (state.strings[state.lang] || {}).languages;
    if (langs && langSelect.options.length !== langs.length) {
      langSelect.textContent = "";
      langs.forEach(function (l) {
        var o = el("option", null, l.name);
        o.value = l.code;
        o.lang = l.code;
        langSelect.appendChild(o);
      });
    }
    langSelect.value = state.lang;
    tools.hidden = !langs;
  }

  function loadStrings(lang) {
    return fetch(server + "/api/v1/widget/strings?language=" + lang)
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        var s = data.strings;
        s.dir = data.dir;
        s.languages = data.languages;
        s.events = data.events;
        state.strings[lang] = s;
        save();
        return s;
      });
  }

  // The widget's own texts (labels, sender names, "Important") in `lang`.
  function useLanguage(lang) {
    var ready = state.strings[lang] ? Promise.resolve() : loadStrings(lang);
    return ready.catch(function () {}).then(function () {
      state.lang = lang;
      save();
      applyStrings();
      refreshOptions();
    });
  }

  langSelect.addEventListener("change", function () {
    var lang = pickLang(langSelect.value) || "nl";
    if (lang === state.lang) { return; }
    useLanguage(lang).then(function () {
      // The server answers in the new language and asks the pending question again.
      if (state.id) { send('/language{"code":"' + lang + '"}', null); }
    });
  });

  // ---- rendering ----------------------------------------------------------------------
  function choiceOf(payload) {
    var m = /^\/inform(\{.*\})$/.exec(payload || "");
    if (!m) { return null; }
    try { return JSON.parse(m[1]).choice; } catch (e) { return null; }
  }

  function inputFor(slot) {
    var kinds = {
      contact_phone: ["tel", "tel", "tel"],
      contact_email: ["email", "email", "email"],
      contact_name: ["text", "name", "text"]
    };
    var k = kinds[slot] || ["text", "off", "text"];
    input.type = k[0];
    input.autocomplete = k[1];
    input.inputMode = k[2];
  }

  function renderOptions(box, entry) {
    var buttons = entry.buttons || [];
    if (!buttons.length) { return; }
    var custom = entry.custom || {};
    var wrap = el("div", "fd-options");
    if (custom.multiple) {
      var fs = el("fieldset", "fd-multi");
      var legend = el("legend", "fd-vh", entry.text);
      fs.appendChild(legend);
      var boxes = [];
      buttons.forEach(function (b) {
        var value = choiceOf(b.payload);
        if (typeof value !== "string" || value === "skip") { return; }
        var label = el("label", "fd-check");
        var cb = el("input");
        cb.type = "checkbox";
        cb.value = value;
        cb.setAttribute("data-title", b.title);
        label.appendChild(cb);
        label.appendChild(el("span", null, b.title));
        fs.appendChild(label);
        boxes.push(cb);
      });
      var err = el("p", "fd-error");
      err.id = uid + "-err" + state.entries.indexOf(entry);
      var go = button("fd-option fd-primary", t("choose_send"), function () {
        var chosen = boxes.filter(function (c) { return c.checked; });
        if (!chosen.length) {
          err.textContent = t("choose_none");
          err.setAttribute("role", "alert");
          go.setAttribute("aria-describedby", err.id);
          if (boxes[0]) { boxes[0].focus(); }
          return;
        }
        send('/inform{"choice": ' + JSON.stringify(chosen.map(function (c) { return c.value; })) + "}",
          chosen.map(function (c) { return c.getAttribute("data-title"); }).join(", "));
      });
      fs.appendChild(go);
      fs.appendChild(err);
      wrap.appendChild(fs);
      buttons = buttons.filter(function (b) { return choiceOf(b.payload) === "skip"; });
    }
    buttons.forEach(function (b) {
      wrap.appendChild(button("fd-option", b.title, function () { send(b.payload, b.title); }));
    });
    box.appendChild(wrap);
  }

  function renderEntry(entry, live) {
    var custom = entry.custom || {};
    var box = el("div", "fd-msg fd-from-" + entry.from);
    if (custom.slot) { box.setAttribute("data-slot", custom.slot); } // for host pages and tests
    var who;
    if (entry.from === "staff") {
      who = custom.staff_name ? t("staff").replace("{name}", custom.staff_name) : t("staff_unknown");
      box.appendChild(el("p", "fd-who", who));
    } else {
      box.appendChild(el("span", "fd-vh", (entry.from === "you" ? t("you") : t("bot")) + ": "));
    }
    if (custom.safety || custom.kind === "safety") {
      box.className += " fd-safety";
      // Announced at once, ahead of the polite log (only when it arrives, not on reload).
      if (live) { box.setAttribute("role", "alert"); }
      box.appendChild(el("p", "fd-important", t("important")));
    }
    var text = custom.format === "markdown" ? rich(entry.text) : el("p", "fd-text", entry.text);
    text.dir = "auto"; // a Dutch answer stays left-to-right inside the Arabic layout
    box.appendChild(text);
    if (custom.links && custom.links.length) { box.appendChild(linkList(custom.links)); }
    if (custom.topic && custom.topic !== "out_of_scope" && entry.from === "bot") {
      box.appendChild(feedbackRow(entry, box));
    }
    if (entry.failed) {
      box.className += " fd-failed";
      var row = el("p", "fd-failed-row", t("not_sent") + " ");
      row.appendChild(button("fd-retry", t("retry"), function () { retry(entry, box); }));
      box.appendChild(row);
    }
    renderOptions(box, entry);
    entry.node = box;
    return box;
  }

  // Answers from the content store use a small Markdown subset: paragraphs, "- " lists,
  // **bold** and [links](…) to https pages. Built from text nodes only, so HTML or a script
  // tag in content shows as text; a link that is not https stays text.
  function safeHref(url) { return /^https:\/\/[^\/\s?#]+\.[^\/\s?#]+/i.test(url); }
  function link(title, url) {
    var a = el("a", "fd-link", title);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.appendChild(el("span", "fd-vh", " " + t("new_window")));
    return a;
  }
  function inline(parent, text) {
    var re = /\*\*(.+?)\*\*|\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)/g, last = 0, m;
    while ((m = re.exec(text))) {
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      if (m[1] != null) { parent.appendChild(el("strong", null, m[1])); }
      else if (safeHref(m[3])) { parent.appendChild(link(m[2], m[3])); }
      else { parent.appendChild(document.createTextNode(m[0])); }
      last = re.lastIndex;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }
  function rich(text) {
    var box = el("div", "fd-text fd-rich");
    String(text).split(/\n\s*\n/).forEach(function (block) {
      var list = null, para = null;
      block.split("\n").forEach(function (line) {
        var item = /^\s*[-*]\s+(.*)$/.exec(line);
        if (item) {
          para = null;
          if (!list) { list = box.appendChild(el("ul")); }
          inline(list.appendChild(el("li")), item[1]);
        } else if (line.trim()) {
          list = null;
          if (para) { para.appendChild(el("br")); } else { para = box.appendChild(el("p")); }
          inline(para, line);
        }
      });
    });
    return box;
  }
  function linkList(links) {
    var nav = el("div", "fd-links");
    nav.appendChild(el("p", "fd-links-title", t("links")));
    var ul = nav.appendChild(el("ul"));
    links.forEach(function (l) {
      if (l && l.title && safeHref(l.url)) { ul.appendChild(el("li")).appendChild(link(l.title, l.url)); }
    });
    return nav;
  }
  function feedbackRow(entry, box) {
    var row = el("div", "fd-feedback");
    if (entry.feedback != null) {
      row.appendChild(el("p", "fd-feedback-thanks", t("feedback_thanks")));
      return row;
    }
    var group = el("div", "fd-feedback-group");
    group.setAttribute("role", "group");
    var label = el("p", "fd-feedback-q", t("helpful"));
    label.id = uid + "-fb-" + (++fbCount);
    group.setAttribute("aria-labelledby", label.id);
    group.appendChild(label);
    // Words, not emoji: not every phone or screen reader has the glyphs.
    [[true, "helpful_yes"], [false, "helpful_no"]].forEach(function (o) {
      group.appendChild(button("fd-thumb", t(o[1]), function () { giveFeedback(entry, o[0]); }));
    });
    row.appendChild(group);
    return row;
  }
  function giveFeedback(entry, helpful) {
    entry.feedback = helpful;
    replace(entry);
    var thanks = entry.node && entry.node.querySelector(".fd-feedback-thanks");
    if (thanks) { // keyboard users keep their place; the panel must not jump
      thanks.tabIndex = -1;
      try { thanks.focus({ preventScroll: true }); } catch (e) { thanks.focus(); }
    }
    save();
    if (!state.id || preview) { return; }
    fetch(server + "/api/v1/conversations/" + state.id + "/feedback", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ topic: entry.custom.topic, helpful: helpful })
    }).catch(function () { /* a lost thumb is not worth bothering the resident */ });
  }

  function append(entry, live) {
    var node = renderEntry(entry, live);
    log.appendChild(node);
    var reduce = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (log.scrollTo && !reduce) { log.scrollTo({ top: log.scrollHeight, behavior: "smooth" }); }
    else { log.scrollTop = log.scrollHeight; }
    return node;
  }

  function replace(entry) {
    var old = entry.node;
    var node = renderEntry(entry, false);
    if (old && old.parentNode) { old.parentNode.replaceChild(node, old); }
  }

  function clearOptions() {
    state.entries.forEach(function (e) {
      if (e.buttons && e.buttons.length) { delete e.buttons; replace(e); }
    });
  }

  function refreshOptions() { // new language: option labels and sender names
    state.entries.forEach(function (e) { if (e.node) { replace(e); } });
  }

  var persist = save;

  function showBot(messages) {
    var slot = null;
    (messages || []).forEach(function (m) {
      var custom = m.custom || {};
      var entry = { from: custom.kind === "staff" ? "staff" : "bot", text: m.text || "",
        buttons: m.buttons || [], custom: custom };
      if (custom.kind === "question") { slot = custom.slot; }
      if (custom.takeover || custom.handback) {
        state.staffName = custom.takeover ? custom.staff_name || null : null;
        showWho();
      }
      state.entries.push(entry);
      append(entry, true);
    });
    if (messages && messages.length) { inputFor(slot); state.slot = slot; }
    persist();
  }

  // ---- talking to the server ----------------------------------------------------------
  var busy = false;

  function request(path, body) {
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl && setTimeout(function () { ctrl.abort(); }, 45000);
    return fetch(server + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: ctrl ? ctrl.signal : undefined
    }).then(function (r) {
      clearTimeout(timer);
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var e = new Error(data.detail || t("unavailable"));
          e.status = r.status;
          throw e;
        }
        return data;
      });
    }, function (e) {
      clearTimeout(timer);
      e.offline = true;
      throw e;
    });
  }

  function setTyping(on) {
    typing.textContent = "";
    if (on) {
      var dots = el("span", "fd-dots");
      dots.setAttribute("aria-hidden", "true");
      dots.appendChild(el("span"));
      dots.appendChild(el("span"));
      dots.appendChild(el("span"));
      typing.appendChild(dots);
      typing.appendChild(el("span", "fd-vh", t("typing")));
    }
  }

  function say(text) { notice.textContent = text || ""; }

  function start() {
    if (state.id || busy) { return Promise.resolve(); }
    busy = true;
    setTyping(true);
    return request("/api/v1/conversations", { language: state.lang }).then(function (data) {
      state.id = data.id;
      say("");
      showBot(data.messages);
      listen();
    }, function (e) {
      say(e.offline ? t("offline") : e.message);
      if (!notice.querySelector("button")) {
        notice.appendChild(document.createTextNode(" "));
        notice.appendChild(button("fd-retry", t("retry"), function () { say(""); start(); }));
      }
    }).then(function () { busy = false; setTyping(false); flush(); });
  }

  // Text typed before the conversation existed, or while a send was under way.
  function flush() {
    var waiting = state.entries.filter(function (e) { return e.failed && e.auto; })[0];
    if (waiting && state.id && !busy) { retry(waiting, waiting.node); }
  }

  function send(text, shown) {
    if (busy) { return false; }
    clearOptions();
    var entry = { from: "you", text: shown || text, payload: text, hidden: shown === null };
    if (!entry.hidden) {
      state.entries.push(entry);
      append(entry, true);
    }
    persist();
    deliver(entry);
    input.focus();
    return true;
  }

  function retry(entry, node) {
    if (busy) { return; }
    delete entry.failed;
    delete entry.auto;
    replace(entry);
    if (node && document.activeElement && node.contains(document.activeElement)) { input.focus(); }
    deliver(entry);
  }

  function deliver(entry) {
    if (!state.id) {
      markFailed(entry, true);
      start();
      return;
    }
    busy = true;
    setTyping(true);
    var body = { text: entry.payload };
    var code = /^\/language\{"code":"(\w+)"\}$/.exec(entry.payload);
    if (code) {
      body.language = code[1];
      // The bot's offer ("Türkçe devam etmek…?") chosen: the widget follows too.
      if (pickLang(code[1]) && code[1] !== state.lang) { useLanguage(code[1]); }
    }
    request("/api/v1/conversations/" + state.id + "/messages", body).then(function (data) {
      say("");
      retryDelay = 5000;
      showBot(data.messages);
    }, function (e) {
      if (e.status === 422 || e.status === 413) { // the text itself: give it back to edit
        var i = state.entries.indexOf(entry);
        if (i >= 0) { state.entries.splice(i, 1); }
        if (entry.node && entry.node.parentNode) { entry.node.parentNode.removeChild(entry.node); }
        if (!entry.hidden) { input.value = entry.payload; }
        persist();
        say(e.message);
        return;
      }
      if (e.status === 404) { state.id = null; listen(); } // gone: a new one on retry
      say(e.offline ? t("offline") : e.message);
      markFailed(entry, e.offline || e.status === 404);
    }).then(function () { busy = false; setTyping(false); });
  }

  // After a network drop: try again by itself (online event, or after 5, 10, 20… s).
  var retryTimer = null, retryDelay = 5000;
  function markFailed(entry, auto) {
    if (entry.hidden) { return; } // a language switch: the select already shows it
    entry.failed = true;
    entry.auto = !!auto;
    replace(entry);
    persist();
    if (auto && !retryTimer) {
      retryTimer = setTimeout(function () {
        retryTimer = null;
        retryDelay = Math.min(retryDelay * 2, 60000);
        if (!state.id) { start(); } else { flush(); }
      }, retryDelay);
    }
  }

  window.addEventListener("online", function () {
    if (!state.entries.some(function (e) { return e.failed; })) { return; }
    say(t("online"));
    if (!state.id) { start(); } else { flush(); }
  });

  // Messages pushed later (staff after a takeover), when the server offers the stream.
  var events = null;
  function listen() {
    if (events) { events.close(); events = null; }
    var s = state.strings[state.lang] || {};
    if (!state.id || !s.events || !window.EventSource) { return; }
    events = new EventSource(server + "/api/v1/conversations/" + state.id + "/events");
    events.onmessage = function (ev) {
      var data;
      try { data = JSON.parse(ev.data); } catch (e) { return; }
      showBot(data.messages || [data]);
    };
    var mine = events;
    events.onerror = function () {
      // The browser gives up on an error answer (a restart, a limit): try again later.
      if (mine.readyState === 2 && events === mine) { setTimeout(listen, 10000); }
    };
  }

  // ---- open, close, clear -------------------------------------------------------------
  function open(focus) {
    panel.hidden = false;
    root.className = root.className.replace(" fd-open", "") + " fd-open";
    launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    save();
    if (focus !== false) { input.focus(); }
    start();
  }
  function close() {
    panel.hidden = true;
    root.className = root.className.replace(" fd-open", "");
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    launcher.focus();
  }
  function clearConversation() {
    if (!window.confirm(t("clear_confirm"))) { return; }
    if (events) { events.close(); events = null; }
    state.entries = [];
    state.id = null;
    state.slot = null;
    input.value = "";
    state.draft = "";
    log.textContent = "";
    inputFor(null);
    save();
    say(t("cleared"));
    input.focus();
    start();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  panel.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" || ev.key === "Esc") { ev.preventDefault(); close(); }
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    if (send(text)) { input.value = ""; state.draft = ""; save(); }
  });
  input.addEventListener("input", function () { state.draft = input.value; save(); });

  // ---- start --------------------------------------------------------------------------
  function mount() {
    document.body.appendChild(root);
    applyStrings();
    state.entries.forEach(function (e) { append(e, false); });
    inputFor(state.slot);
    input.value = state.draft || "";
    if (state.open) { open(false); }
    listen();
    loadStrings(state.lang).then(function () { applyStrings(); refreshOptions(); listen(); },
      function () {});
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
