/* Drillbook library filters. No dependencies; loaded only by the library page.
 *
 * The page already lists every drill (that is the no-JavaScript view). This script reveals the
 * filter form, hides the cards that do not match, keeps the count current, and mirrors the
 * filters in the URL query (?region=ankles&equipment=none&time=5) so a view can be shared.
 * Values read from the URL are only ever compared with the form's own values and written with
 * textContent: nothing from the URL becomes markup.
 */
(function () {
  "use strict";

  var root = document.getElementById("db-finder");
  if (!root) return;
  var form = document.getElementById("db-filters");
  var count = document.getElementById("db-count");
  var empty = document.getElementById("db-empty");
  var cards = Array.prototype.slice.call(root.querySelectorAll(".db-card"));
  var total = cards.length;
  var groups = Array.prototype.slice.call(form.querySelectorAll(".db-facet")).map(function (el) {
    return {
      param: el.getAttribute("data-param"),
      kind: el.getAttribute("data-kind"),
      el: el,
      boxes: Array.prototype.slice.call(el.querySelectorAll("input[type=checkbox]")),
    };
  });
  var time = form.querySelector("select[name=time]");

  function words(card, key) {
    var value = card.getAttribute("data-" + key) || "";
    return value ? value.split(" ") : [];
  }

  function readForm() {
    var state = { time: time.value };
    groups.forEach(function (g) {
      state[g.param] = g.boxes.filter(function (b) { return b.checked; }).map(function (b) {
        return b.value;
      });
    });
    return state;
  }

  function writeForm(state) {
    groups.forEach(function (g) {
      g.boxes.forEach(function (b) { b.checked = state[g.param].indexOf(b.value) !== -1; });
    });
    time.value = state.time;
  }

  function fromQuery(search) {
    var params = new URLSearchParams(search);
    var state = { time: "" };
    groups.forEach(function (g) {
      var known = g.boxes.map(function (b) { return b.value; });
      var wanted = [];
      params.getAll(g.param).forEach(function (v) {
        v.split(",").forEach(function (one) {
          if (known.indexOf(one) !== -1 && wanted.indexOf(one) === -1) wanted.push(one);
        });
      });
      state[g.param] = wanted;
    });
    var t = params.get("time") || "";
    Array.prototype.forEach.call(time.options, function (o) { if (o.value === t) state.time = t; });
    return state;
  }

  function toQuery(state) {
    var parts = [];
    groups.forEach(function (g) {
      if (state[g.param].length) {
        parts.push(g.param + "=" + state[g.param].map(encodeURIComponent).join(","));
      }
    });
    if (state.time) parts.push("time=" + encodeURIComponent(state.time));
    return parts.length ? "?" + parts.join("&") : "";
  }

  function matches(card, state) {
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      var ticked = state[g.param];
      if (!ticked.length) continue;
      var values = words(card, g.param);
      if (g.kind === "have") {
        // Equipment you have: every item the drill needs is ticked ("none" needs nothing).
        var ok = values.every(function (v) { return v === "none" || ticked.indexOf(v) !== -1; });
        if (!ok) return false;
      } else if (!values.some(function (v) { return ticked.indexOf(v) !== -1; })) {
        return false;
      }
    }
    if (state.time && Number(card.getAttribute("data-seconds")) > Number(state.time) * 60) {
      return false;
    }
    return true;
  }

  function labelOf(box) {
    return box.parentNode.textContent.trim();
  }

  function describe(state) {
    var bits = [];
    groups.forEach(function (g) {
      var names = g.boxes.filter(function (b) { return b.checked; }).map(labelOf);
      if (names.length) bits.push(names.join(" or "));
    });
    if (state.time) bits.push("up to " + state.time + " min");
    return bits.join(" · ");
  }

  function render(state) {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card, state);
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (g) {
      var n = state[g.param].length;
      g.el.querySelector(".db-facet-n").textContent = n ? " (" + n + ")" : "";
      g.el.classList.toggle("db-facet--active", n > 0);
    });
    var filters = describe(state);
    count.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = filters ? shown + " of " + total : String(total);
    count.appendChild(strong);
    count.appendChild(document.createTextNode(total === 1 ? " drill" : " drills"));
    if (filters) {
      var what = document.createElement("span");
      what.className = "db-count-filters";
      what.textContent = ": " + filters;
      count.appendChild(what);
    }
    empty.hidden = shown !== 0;
  }

  function update() {
    var state = readForm();
    render(state);
    var url = location.pathname + toQuery(state) + location.hash;
    history.replaceState(history.state, "", url);
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });

  var initial = fromQuery(location.search);
  writeForm(initial);
  render(initial);
  form.hidden = false;
})();
