// "Copy link" on a story page: the page's address to the clipboard, no share widget, no other host.
// Progressive enhancement: without this script (or a clipboard) the button stays hidden and the
// address written above it is there to select and copy.
(function () {
  "use strict";

  function say(status, text) {
    // Emptied first, so that a second click announces the same words again.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function setUpCopy(button) {
    var section = button.closest(".hbg-share");
    var status = section && section.querySelector("[role=status]");
    if (!status) {
      return;
    }
    // The published address when the page knows it, else the one it was opened at.
    var address = button.getAttribute("data-hbg-copy") || window.location.href.split("#")[0];
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(address).then(
        function () {
          say(status, button.getAttribute("data-hbg-copied"));
        },
        function () {
          say(status, button.getAttribute("data-hbg-copy-failed"));
        }
      );
    });
    button.hidden = false;
  }

  if (navigator.clipboard && navigator.clipboard.writeText) {
    document.querySelectorAll("button[data-hbg-copy]").forEach(setUpCopy);
  }
})();
