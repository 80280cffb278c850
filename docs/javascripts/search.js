// The search page (/sok/): Pagefind's interface over the published stories in every language.
// Pagefind splits its index by each page's language and loads the one of this page (Swedish, or
// the largest when there is none); every other language is merged in. A merge must name the
// bundle differently from the first index (Pagefind skips its own path), hence its full address.
(function () {
  "use strict";

  var bundle = new URL("../pagefind/", document.currentScript.src);
  var element = document.getElementById("sok");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }

  // The language Pagefind itself chooses for the first index: the page's, else the largest.
  function firstLanguage(languages) {
    var own = document.documentElement.lang.toLowerCase();
    if (languages[own]) {
      return own;
    }
    return Object.keys(languages).sort(function (a, b) {
      return languages[b].page_count - languages[a].page_count;
    })[0];
  }

  fetch(new URL("pagefind-entry.json", bundle))
    .then(function (response) {
      return response.json();
    })
    .then(function (entry) {
      var first = firstLanguage(entry.languages);
      var site = new URL("../", bundle).pathname;
      element.replaceChildren();
      new PagefindUI({
        element: element,
        bundlePath: bundle.pathname,
        baseUrl: site,
        showImages: false,
        showSubResults: false,
        mergeIndex: Object.keys(entry.languages)
          .filter(function (language) {
            return language !== first;
          })
          .map(function (language) {
            return { bundlePath: bundle.href, language: language, baseUrl: site };
          }),
      });
    });
})();
