/* Progressive enhancement for the accessibility toolbar. Every control also works as a plain link. */
(function () {
  "use strict";
  var YEAR = 60 * 60 * 24 * 365;
  var COOKIES = { font: "gk_font", contrast: "gk_contrast", elder: "gk_elder" };

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
})();
