// Click-to-load for YouTube: nothing is requested from YouTube until the
// visitor asks to play; the player is YouTube's privacy-enhanced (no-cookie) one.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-load-embed]");
  if (!link) return;
  var box = link.closest(".youtube-consent");
  if (!box) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = box.dataset.embed + "&autoplay=1";
  frame.title = box.dataset.title || "YouTube";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.className = "media-player";
  box.replaceWith(frame);
  frame.focus();
});
