// The search page (/sok/): Pagefind's interface over the published stories in every language
// (one index, generator/site/search.py), loaded on this page only (overrides/sok.html).
(function () {
  "use strict";

  var bundle = new URL("../pagefind/", document.currentScript.src);
  var element = document.getElementById("sok");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  // The text for a browser without JavaScript makes way for the search.
  element.replaceChildren();
  new PagefindUI({
    element: element,
    bundlePath: bundle.pathname,
    // Results link into the site wherever it is published, a sub-folder included.
    baseUrl: new URL("../", bundle).pathname,
    showImages: false,
    showSubResults: false,
  });
  // A label that stays visible (Pagefind's field has only a placeholder and a title).
  var input = element.querySelector(".pagefind-ui__search-input");
  var label = document.createElement("label");
  input.id = "sok-ord";
  label.htmlFor = input.id;
  label.className = "hbg-search-label";
  label.textContent = "Ord att söka efter";
  element.before(label);
})();
