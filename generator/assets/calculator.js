/* Drillbook step-length and cadence calculator.
 *
 * The same formulas as generator/model/tracking.py (a test runs both on the same cases). No
 * dependencies, no server, no network: it reads the form on the calculator page and writes the
 * results with textContent only. In node, `require` returns the pure functions.
 */
(function (root) {
  "use strict";

  var UNITS = {
    metric: { distance: "km", length: "m", perDistance: 1000, speed: "km/h" },
    imperial: { distance: "mile", length: "ft", perDistance: 5280, speed: "mph" }
  };
  var METRES_PER_MILE = 1609.344;
  var METRES_PER_FOOT = 0.3048;
  var PACE = /^\s*([0-9]{1,2}):([0-5][0-9])(?:\.([0-9]+))?\s*$/;

  function parsePace(text) {
    var m = PACE.exec(String(text));
    var shown = String(text).trim();
    if (!m) {
      throw new Error("pace '" + shown + "' must look like 5:00 (minutes:seconds)");
    }
    var seconds = Number(m[1]) * 60 + Number(m[2]) + parseFloat("0." + (m[3] || "0"));
    if (seconds < 60 || seconds > 30 * 60) {
      throw new Error("pace '" + shown + "' must be between 1:00 and 30:00");
    }
    return seconds;
  }

  function formatPace(seconds) {
    var total = Math.floor(seconds + 0.5);
    var s = total % 60;
    return Math.floor(total / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function speedFromPace(paceSeconds) {
    return 3600 / paceSeconds;
  }

  function paceFromSpeed(speed) {
    return 3600 / speed;
  }

  function convertPace(paceSeconds, fromUnits, toUnits) {
    if (fromUnits === toUnits) {
      return paceSeconds;
    }
    var kmPerMile = METRES_PER_MILE / 1000;
    return fromUnits === "metric" ? paceSeconds * kmPerMile : paceSeconds / kmPerMile;
  }

  function stepLength(paceSeconds, cadence, units) {
    if (!(cadence > 0) || !(paceSeconds > 0)) {
      throw new Error("pace and cadence must be above zero");
    }
    var perMinute = (UNITS[units || "metric"].perDistance / paceSeconds) * 60;
    return perMinute / cadence;
  }

  function cadenceFromCount(strikes, seconds, oneFoot) {
    if (!(seconds > 0) || !(strikes >= 0)) {
      throw new Error("count over a positive number of seconds");
    }
    return (strikes * (oneFoot === false ? 1 : 2) * 60) / seconds;
  }

  function stepTime(cadence) {
    return 60 / cadence;
  }

  function metresToFeet(metres) {
    return metres / METRES_PER_FOOT;
  }

  function feetToMetres(feet) {
    return feet * METRES_PER_FOOT;
  }

  function feetAndInches(feet) {
    var inches = Math.round(feet * 12);
    return Math.floor(inches / 12) + " ft " + (inches % 12) + " in";
  }

  function stepSummary(paceSeconds, cadence, units) {
    var u = units || "metric";
    var other = u === "metric" ? "imperial" : "metric";
    var length = stepLength(paceSeconds, cadence, u);
    var metres = u === "metric" ? length : feetToMetres(length);
    var feet = metresToFeet(metres);
    var result, log;
    if (u === "metric") {
      result = metres.toFixed(2) + " m per step (" + feet.toFixed(2) + " ft)";
      log = metres.toFixed(2) + " m";
    } else {
      result =
        feet.toFixed(2) + " ft per step (" + feetAndInches(feet) + ", " + metres.toFixed(2) + " m)";
      log = feet.toFixed(2) + " ft";
    }
    var detail =
      "Speed " + speedFromPace(paceSeconds).toFixed(1) + " " + UNITS[u].speed +
      " · same pace " + formatPace(convertPace(paceSeconds, u, other)) +
      " per " + UNITS[other].distance +
      " · " + stepTime(cadence).toFixed(2) + " s between foot strikes";
    return { result: result, detail: detail, log: log };
  }

  function cadenceSummary(cadence) {
    return Math.round(cadence) + " steps per minute";
  }

  var api = {
    UNITS: UNITS,
    parsePace: parsePace,
    formatPace: formatPace,
    speedFromPace: speedFromPace,
    paceFromSpeed: paceFromSpeed,
    convertPace: convertPace,
    stepLength: stepLength,
    cadenceFromCount: cadenceFromCount,
    stepTime: stepTime,
    metresToFeet: metresToFeet,
    feetToMetres: feetToMetres,
    feetAndInches: feetAndInches,
    stepSummary: stepSummary,
    cadenceSummary: cadenceSummary
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.drillbookStride = api;

  /* The page: every result is written with textContent, never as markup. */
  function byId(id) {
    return document.getElementById(id);
  }

  function say(id, text) {
    var el = byId(id);
    if (el) {
      el.textContent = text;
    }
  }

  function units() {
    var picked = document.querySelector("input[name='db-units']:checked");
    return picked && picked.value === "imperial" ? "imperial" : "metric";
  }

  function invalid(input, bad) {
    if (bad) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  function numberFrom(input) {
    var text = String(input.value).trim().replace(",", ".");
    return text === "" ? NaN : Number(text);
  }

  function updateStep() {
    var u = units();
    var paceInput = byId("db-pace");
    var cadenceInput = byId("db-cadence");
    var labels = document.querySelectorAll("[data-db-distance]");
    for (var i = 0; i < labels.length; i++) {
      labels[i].textContent = UNITS[u].distance;
    }
    var pace;
    try {
      pace = parsePace(paceInput.value);
      invalid(paceInput, false);
    } catch (err) {
      invalid(paceInput, true);
      say("db-step-result", capitalised(err.message) + ".");
      say("db-step-detail", "");
      say("db-log-step", "—");
      return;
    }
    var cadence = numberFrom(cadenceInput);
    if (!(cadence >= 60 && cadence <= 260)) {
      invalid(cadenceInput, true);
      say("db-step-result", "Cadence must be a number of steps per minute between 60 and 260.");
      say("db-step-detail", "");
      say("db-log-step", "—");
      return;
    }
    invalid(cadenceInput, false);
    var summary = stepSummary(pace, cadence, u);
    say("db-step-result", summary.result);
    say("db-step-detail", summary.detail);
    say("db-log-step", summary.log);
    say("db-log-cadence", String(Math.round(cadence)));
  }

  function updateCadence() {
    var strikesInput = byId("db-strikes");
    var secondsInput = byId("db-seconds");
    var strikes = numberFrom(strikesInput);
    var seconds = numberFrom(secondsInput);
    var okStrikes = strikes >= 1 && strikes <= 400 && Math.floor(strikes) === strikes;
    var okSeconds = seconds >= 5 && seconds <= 300;
    invalid(strikesInput, !okStrikes);
    invalid(secondsInput, !okSeconds);
    var use = byId("db-use-cadence");
    if (!okStrikes || !okSeconds) {
      say(
        "db-cadence-result",
        !okStrikes
          ? "Enter the whole number of foot strikes you counted."
          : "Count for between 5 and 300 seconds."
      );
      use.disabled = true;
      return;
    }
    var oneFoot = byId("db-foot").value !== "both";
    var cadence = cadenceFromCount(strikes, seconds, oneFoot);
    say("db-cadence-result", cadenceSummary(cadence));
    use.disabled = false;
    use.setAttribute("data-cadence", String(Math.round(cadence)));
  }

  var shownUnits = "metric";

  /* Switching units keeps the same running speed: 5:00 per km becomes 8:03 per mile. */
  function convertPaceField() {
    var now = units();
    var input = byId("db-pace");
    try {
      input.value = formatPace(convertPace(parsePace(input.value), shownUnits, now));
    } catch (err) {
      /* an unreadable pace stays as typed; updateStep explains it */
    }
    shownUnits = now;
  }

  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function start() {
    var form = byId("db-calculator");
    if (!form) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("input", function () {
      updateStep();
      updateCadence();
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "db-units") {
        convertPaceField();
      }
      updateStep();
      updateCadence();
    });
    byId("db-use-cadence").addEventListener("click", function () {
      byId("db-cadence").value = this.getAttribute("data-cadence");
      updateStep();
      byId("db-cadence").focus();
    });
    shownUnits = units();
    updateStep();
    updateCadence();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(this);
