/* Progressive enhancement for the accessibility toolbar. Every control also works as a plain link. */
(function () {
  "use strict";
  var YEAR = 60 * 60 * 24 * 365;
  var COOKIES = { font: "gk_font", contrast: "gk_contrast", elder: "gk_elder" };
  // Browser-only aids: remembered in cookies the server never reads, so cached pages stay shared.
  var TOGGLES = { guide: "gk_guide", cursor: "gk_cursor" };

  function getCookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? match[1] : "";
  }

  function setCookie(name, value) {
    document.cookie = name + "=" + value + "; Max-Age=" + YEAR + "; Path=/; SameSite=Lax";
  }

  function apply(pref, value) {
    var body = document.body;
    if (pref === "font") {
      body.classList.remove("font-s", "font-m", "font-l");
      body.classList.add("font-" + value);
    } else {
      body.classList.toggle(pref, value === "1");
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-pref]");
    if (!link) { return; }
    var pref = link.getAttribute("data-pref");
    var value = link.getAttribute("data-value");
    setCookie(COOKIES[pref], value);
    if (pref === "font") {
      // Switching size in place: update aria-current so screen readers hear the new state.
      document.querySelectorAll('a[data-pref="font"]').forEach(function (a) {
        if (a === link) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); }
      });
      apply(pref, value);
      event.preventDefault();
    }
    // Contrast and elder mode change the link labels too: follow the link so the server re-renders.
  });

  // Tables inside a document body: a labelled, keyboard-focusable box that scrolls sideways.
  document.querySelectorAll(".doc-body table").forEach(function (table, i) {
    if (table.parentElement && table.parentElement.classList.contains("table-wrap")) { return; }
    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "正文表格" + (i + 1) + "（可横向滚动）");
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
  });

  // 阅读辅助线 (a horizontal band following the pointer or the focused element) and 大鼠标.
  var guide = null;
  function moveGuide(y) { if (guide) { guide.style.top = y + "px"; } }
  function setToggle(name, on) {
    if (name === "guide") {
      if (!guide) {
        guide = document.createElement("div");
        guide.className = "reading-guide";
        guide.setAttribute("aria-hidden", "true");
        guide.style.top = "50%";
        document.body.appendChild(guide);
      }
      guide.hidden = !on;
    } else if (name === "cursor") {
      document.body.classList.toggle("big-cursor", on);
    }
    document.querySelectorAll('button[data-toggle="' + name + '"]').forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.querySelectorAll("button[data-toggle]").forEach(function (b) {
    var name = b.getAttribute("data-toggle");
    b.hidden = false;
    setToggle(name, getCookie(TOGGLES[name]) === "1");
    b.addEventListener("click", function () {
      var on = b.getAttribute("aria-pressed") !== "true";
      setCookie(TOGGLES[name], on ? "1" : "0");
      setToggle(name, on);
    });
  });
  document.addEventListener("mousemove", function (event) { moveGuide(event.clientY); });
  document.addEventListener("focusin", function (event) {
    var rect = event.target.getBoundingClientRect ? event.target.getBoundingClientRect() : null;
    if (rect) { moveGuide(rect.top + rect.height / 2); }
  });

  // 长者模式 on a phone: the toolbar and the navigation start folded into one control each.
  if (document.body.classList.contains("elder") && window.matchMedia("(max-width: 40em)").matches) {
    document.querySelectorAll("details.collapsible").forEach(function (d) { d.open = false; });
  }

  // Read selected text aloud where the browser offers speech synthesis.
  var button = document.querySelector(".read-aloud");
  if (button && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = String(window.getSelection ? window.getSelection() : "").trim();
      if (!text) {
        var main = document.getElementById("main");
        text = main ? main.innerText.slice(0, 2000) : "";
      }
      window.speechSynthesis.cancel();
      if (!text) { return; }
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "zh-CN";
      window.speechSynthesis.speak(utterance);
    });
  }

  function speak(text) {
    window.speechSynthesis.cancel();
    text = (text || "").trim();
    if (!text) { return; }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "zh-CN";
    window.speechSynthesis.speak(utterance);
  }
  if ("speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
    // 连读: the whole article (or the main content), from the title to the end.
    var readAll = document.querySelector(".read-all");
    if (readAll) {
      readAll.hidden = false;
      readAll.addEventListener("click", function () {
        var article = document.querySelector("main article") || document.getElementById("main");
        speak(article ? article.innerText : "");
      });
    }
    // 指读: while on, the element under the pointer (or the focused one) is read aloud.
    var point = document.querySelector(".read-point");
    var pointOn = false;
    var last = null;
    var READABLE = "h1, h2, h3, p, li, td, th, dt, dd, a, button, label, summary";
    function readElement(target) {
      var el = target && target.closest ? target.closest(READABLE) : null;
      if (!pointOn || !el || el === last || el === point) { return; }
      last = el;
      speak(el.innerText || el.getAttribute("aria-label") || "");
    }
    if (point) {
      point.hidden = false;
      point.addEventListener("click", function () {
        pointOn = !pointOn;
        last = null;
        point.setAttribute("aria-pressed", pointOn ? "true" : "false");
        if (!pointOn) { window.speechSynthesis.cancel(); }
      });
      document.addEventListener("mouseover", function (event) { readElement(event.target); });
      document.addEventListener("focusin", function (event) { readElement(event.target); });
    }
  }
})();
