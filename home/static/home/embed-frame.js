/* Reports the embedded page's height to the host page (iframe mode of embed.js). */
(function () {
  "use strict";
  function report() {
    window.parent.postMessage({ type: "pbgdpl:height", height: document.documentElement.scrollHeight }, "*");
  }
  window.addEventListener("load", report);
  if (window.ResizeObserver) {
    new ResizeObserver(report).observe(document.body);
  }
})();
