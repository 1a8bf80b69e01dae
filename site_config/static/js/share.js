/* Sharing to Zalo, Messenger and any other app without their scripts: the
   phone's own share sheet (Web Share API), else copying the link to paste
   into a chat. Loaded deferred; the buttons stay hidden without JavaScript. */
(function () {
  "use strict";
  document.querySelectorAll("[data-share-url]").forEach(function (button) {
    var url = button.getAttribute("data-share-url");
    var title = button.getAttribute("data-share-title") || document.title;
    var status = button.parentNode.querySelector("[data-share-status]");
    var canShare = typeof navigator.share === "function";
    var canCopy = navigator.clipboard && typeof navigator.clipboard.writeText === "function";
    if (button.hasAttribute("data-share-native") ? !canShare : !canCopy) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (button.hasAttribute("data-share-native")) {
        navigator.share({ title: title, url: url }).catch(function () {});
        return;
      }
      navigator.clipboard.writeText(url).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-share-done");
        }
      });
    });
  });
})();
