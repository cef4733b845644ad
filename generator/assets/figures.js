// Drill figures. A drill's moving figure is a file of its own (drills/<id>/movement.svg, drawn by
// the build with the same classes as the page figures): fetched only when motion is welcome,
// parsed as SVG (never as HTML), put in place, and given a Pause/Play button; a tap on the figure
// does the same. Without script or under reduced motion the page shows the key positions only.
// The follow-along session uses the same loader (window.drillbookMovement).
(function () {
  var loaded = {};

  // A fresh copy of the SVG at `url`, or null (offline and not cached, or not an SVG).
  function movement(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (text) {
          if (!text) return null;
          var doc = new DOMParser().parseFromString(text, "image/svg+xml");
          var svg = doc.documentElement;
          var ok = svg && svg.localName === "svg" && svg.namespaceURI === "http://www.w3.org/2000/svg";
          return ok && !doc.getElementsByTagName("parsererror").length ? svg : null;
        })
        .catch(function () { return null; });
      loaded[url].then(function (svg) { if (!svg) delete loaded[url]; });
    }
    return loaded[url].then(function (svg) { return svg ? document.importNode(svg, true) : null; });
  }
  window.drillbookMovement = movement;

  function withToggle(box, svg) {
    var caption = box.querySelector("figcaption");
    if (!caption || !svg.pauseAnimations) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "db-figure-toggle md-button";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Pause";
    caption.textContent = "The movement. ";
    caption.appendChild(button);
    function toggle() {
      var paused = svg.classList.toggle("is-paused");
      if (paused) { svg.pauseAnimations(); } else { svg.unpauseAnimations(); }
      button.setAttribute("aria-pressed", paused ? "true" : "false");
      button.textContent = paused ? "Play" : "Pause";
    }
    button.addEventListener("click", toggle);
    svg.addEventListener("click", toggle);
  }

  if (matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  document.querySelectorAll(".db-figure-anim[data-src]").forEach(function (box) {
    movement(box.getAttribute("data-src")).then(function (svg) {
      if (!svg) return;
      box.insertBefore(svg, box.firstChild);
      box.hidden = false;
      box.parentNode.classList.add("db-figures-moving");
      withToggle(box, svg);
    });
  });
})();
