/* The language switch: remembers the reader's choice (the root page sends them there
   next time) and keeps their place: the #anchor, and the ?q= query of a search. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.lang-switch, a.lang-choice");
    if (!link) return;
    try { localStorage.setItem("language", link.hreflang); } catch (e) { /* private mode */ }
    if (link.classList.contains("lang-switch")) {
      var url = new URL(link.href);
      url.search = location.search;
      url.hash = location.hash;
      link.href = url.href;
    }
  });
})();
