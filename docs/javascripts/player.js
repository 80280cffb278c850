// The story player's extras: speed buttons and following the text while it is read.
// Progressive enhancement: without this script the native <audio> controls do everything.
(function () {
  "use strict";

  function setUpSpeed(audio, group) {
    var buttons = group.querySelectorAll("button[data-hbg-rate]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        audio.playbackRate = Number(button.getAttribute("data-hbg-rate"));
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
      });
    });
    group.hidden = false;
  }

  function followText(audio) {
    var track = audio.textTracks && audio.textTracks[0];
    if (!track) {
      return;
    }
    // "hidden" loads the cues without drawing captions: the page's own text is highlighted.
    track.mode = "hidden";
    track.addEventListener("cuechange", function () {
      document.querySelectorAll(".hbg-reading").forEach(function (element) {
        element.classList.remove("hbg-reading");
      });
      Array.prototype.forEach.call(track.activeCues || [], function (cue) {
        var sentence = document.getElementById(cue.id);
        if (sentence) {
          sentence.classList.add("hbg-reading");
        }
      });
    });
  }

  document.querySelectorAll("audio[data-hbg-player]").forEach(function (audio) {
    var group = audio.parentElement.querySelector(".hbg-speed");
    if (group) {
      setUpSpeed(audio, group);
    }
    followText(audio);
  });
})();
