/* Drillbook search: a dialog over Pagefind's index (pagefind/, written by the build).
   Loaded by the header's search button on the first wish to search (overrides/main.html), so a
   page's first view pays nothing for search. A query fetches Pagefind's engine, the index chunks
   holding its words and the fragments of the results shown, never the whole index.
   Spelling: Pagefind has no typo tolerance, so a query word of five letters or more that is not
   in search-words.json (drill names, aliases, regions, runners' synonyms, labels) is replaced by
   the one listed word a single edit away, and the dialog says so ("hamstrng" searches
   "hamstring"). No dependencies besides Pagefind. */
(function () {
  "use strict";
  if (window.drillbookSearch) return;
  var script = document.currentScript;
  var root = new URL("../../", script.src); // the site root: this file is assets/drillbook/
  var PAGE_SIZE = 10;
  var MIN_LETTERS = 5;

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("assets/drillbook/search.css", root).href;
  document.head.appendChild(css);

  var icon = (document.querySelector(".db-search-open svg") || { outerHTML: "" }).outerHTML;
  var dialog = document.createElement("dialog");
  dialog.className = "db-search";
  dialog.setAttribute("aria-label", "Search");
  dialog.innerHTML =
    '<form class="db-search__form" role="search" method="dialog">' + icon +
    '<input class="db-search__input" type="search" name="q" autocomplete="off"' +
    ' spellcheck="false" enterkeyhint="search" placeholder="Search drills, regions, words"' +
    ' aria-label="Search" aria-controls="db-search-results" aria-describedby="db-search-status">' +
    '<button class="db-search__close" type="button" aria-label="Close search">' +
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5' +
    ' 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg></button>' +
    "</form>" +
    '<p class="db-search__status" id="db-search-status" role="status" aria-live="polite"></p>' +
    '<ol class="db-search__results" id="db-search-results" aria-label="Results"></ol>';
  document.body.appendChild(dialog);
  var input = dialog.querySelector(".db-search__input");
  var status = dialog.querySelector(".db-search__status");
  var list = dialog.querySelector(".db-search__results");

  var pagefind = null;
  var words = null;
  function engine() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return pf;
        });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }
  function vocabulary() {
    if (!words) {
      words = fetch(new URL("assets/drillbook/search-words.json", root).href)
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) { return new Set(list); }, function () { return new Set(); });
    }
    return words;
  }

  /* One edit: a letter inserted, removed, changed, or two neighbours swapped. */
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function correction(word, known) {
    var found = null;
    for (var candidate of known) {
      if (oneEdit(word, candidate)) {
        if (found) return null; // two candidates: no guess
        found = candidate;
      }
    }
    return found;
  }

  /* The query as searched: a word of 5+ letters that is not in the word list is replaced by
     the one listed word a single edit away, if there is exactly one. */
  async function spellchecked(query) {
    var parts = query.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || [];
    var known = await vocabulary();
    var fixed = [];
    parts.forEach(function (word) {
      if (word.length < MIN_LETTERS || !/^\p{L}+$/u.test(word) || known.has(word)) return;
      var fix = correction(word, known);
      if (fix) fixed.push([word, fix]);
    });
    var text = query;
    fixed.forEach(function (pair) {
      text = text.replace(new RegExp("(^|[^\\p{L}])" + pair[0] + "(?![\\p{L}])", "iu"), "$1" + pair[1]);
    });
    return { text: text, fixed: fixed };
  }

  /* Pagefind's excerpt is text with <mark> around the matched words: keep only that. */
  function excerptNodes(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var out = document.createDocumentFragment();
    holder.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "db-search__result";
    var a = document.createElement("a");
    a.href = data.url;
    var title = document.createElement("span");
    title.className = "db-search__title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("span");
    excerpt.className = "db-search__excerpt";
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    a.append(title, excerpt);
    li.appendChild(a);
    return li;
  }

  var current = 0; // the latest query's number: older answers are dropped
  var shown = [];
  async function showMore(results, token, more) {
    var slice = results.slice(shown.length, shown.length + PAGE_SIZE);
    var data = await Promise.all(slice.map(function (r) { return r.data(); }));
    if (token !== current) return;
    if (more) more.remove();
    data.forEach(function (d) {
      shown.push(d);
      list.appendChild(item(d));
    });
    if (results.length > shown.length) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "db-search__more";
      button.textContent = "Show more results";
      button.addEventListener("click", function () {
        var first = shown.length;
        showMore(results, token, li).then(function () {
          var links = list.querySelectorAll(".db-search__result > a");
          (links[first] || input).focus();
        });
      });
      li.appendChild(button);
      list.appendChild(li);
    }
  }

  async function run(query) {
    var token = ++current;
    query = query.trim();
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    try {
      var pf = await engine();
      var asked = await spellchecked(query);
      if (token !== current) return;
      var search = await pf.search(asked.text);
      if (token !== current || !search) return;
      shown = [];
      list.textContent = "";
      var n = search.results.length;
      var said = n === 0 ? "No results" : n === 1 ? "1 result" : n + " results";
      if (asked.fixed.length) {
        said += " for \u201c" + asked.text + "\u201d (spelling corrected from \u201c" +
          asked.fixed.map(function (p) { return p[0]; }).join("\u201d, \u201c") + "\u201d)";
      }
      status.textContent = said;
      await showMore(search.results, token, null);
    } catch (e) {
      if (token !== current) return;
      status.textContent = navigator.onLine === false
        ? "Search is not available offline yet: search once while online."
        : "Search could not load.";
    }
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 120);
  });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  dialog.querySelector(".db-search__close").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a tap on the backdrop
  });
  dialog.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a, .db-search__more"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      (links[at + 1] || links[links.length - 1] || input).focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at <= 0 ? input : links[at - 1]).focus();
    }
  });

  function open(query) {
    if (!dialog.open) dialog.showModal();
    if (query) {
      input.value = query;
      run(query);
    }
    input.focus();
    input.select();
    engine(); // start loading while the runner types
  }
  window.drillbookSearch = { open: open };
  var wish = window.drillbookSearchWish;
  if (wish) open(wish.query);
})();
