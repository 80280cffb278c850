// Narrowing the list of all stories on the page itself: the lists of links under the form lead to
// the same choices as static pages, so without this script nothing is lost, only a page load.
// Each card carries its grounds, arenas, experiences and languages in data-hbg-* attributes; a
// card is shown when it has every chosen value, and the live region says how many are shown.
(function () {
  "use strict";

  var form = document.querySelector("form[data-hbg-narrow]");
  var list = document.querySelector("[data-hbg-cards]");
  var status = document.querySelector("[data-hbg-narrow-status]");
  if (!form || !list || !status) {
    return;
  }
  var selects = form.querySelectorAll("select[data-hbg-narrow-by]");
  var cards = list.querySelectorAll(".hbg-card");

  function matches(card) {
    return Array.prototype.every.call(selects, function (select) {
      var wanted = select.value;
      var values = (card.getAttribute("data-hbg-" + select.getAttribute("data-hbg-narrow-by")) || "").split(" ");
      return !wanted || values.indexOf(wanted) !== -1;
    });
  }

  function narrow() {
    var shown = 0;
    cards.forEach(function (card) {
      var match = matches(card);
      card.hidden = !match;
      shown += match ? 1 : 0;
    });
    status.textContent = status.getAttribute("data-hbg-template").replace("{shown}", String(shown));
  }

  selects.forEach(function (select) {
    select.addEventListener("change", narrow);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
})();
