/* Drillbook follow-along mode: a guided session for one routine day or block.

   Reads the routine from <script type="application/json" id="db-fa-data"> (built from the Plan
   by generator/outputs/followalong.py), reveals the Start buttons and runs the session in the
   page's <dialog>. Timers run on wall-clock end times, so a locked phone or a reload resumes
   where it was; the state lives in localStorage per routine, day and block. The summary adds
   one row to the tracking log, kept on the device and downloadable as CSV. No dependencies. */
(function () {
  "use strict";

  const root = document.querySelector(".db-fa[data-fa-routine]");
  const source = document.getElementById("db-fa-data");
  if (!root || !source) return;
  const data = JSON.parse(source.textContent);
  const PREFIX = "drillbook:fa:" + data.routine + ":";
  const OPEN_KEY = "drillbook:fa:open:" + data.routine;
  const LOG_KEY = "drillbook:log";
  const TICK_MS = 200;

  const SESSION_HTML =
    '<div class="db-fa-top"><p class="db-fa-where"></p>' +
    '<button type="button" class="db-fa-close" aria-label="Close the session (your place is kept)">\u00d7</button></div>' +
    '<progress class="db-fa-progress" max="1" value="0" aria-label="Session progress"></progress>' +
    '<p class="db-fa-count"></p>' +
    '<div class="db-fa-stage" tabindex="-1"><p class="db-fa-phase"></p>' +
    '<h2 class="db-fa-drill" id="db-fa-drill"></h2><p class="db-fa-dose"></p>' +
    '<div class="db-fa-figure" hidden></div><p class="db-fa-clock" aria-hidden="true"></p>' +
    '<button type="button" class="db-fa-tap" hidden></button><ul class="db-fa-cues"></ul>' +
    '<p class="db-fa-next"></p></div>' +
    '<div class="db-fa-controls"><button type="button" class="db-fa-back">Back</button>' +
    '<button type="button" class="db-fa-pause">Pause</button>' +
    '<button type="button" class="db-fa-skip">Skip</button></div>' +
    '<form class="db-fa-summary" hidden><h2 class="db-fa-done-title">Session done</h2>' +
    '<p class="db-fa-done-text"></p><p>Add it to your tracking log (kept on this device):</p>' +
    '<div class="db-fa-fields"></div>' +
    '<div class="db-fa-row"><button type="submit" class="db-fa-save">Save to log</button>' +
    '<button type="button" class="db-fa-finish">Close</button></div>' +
    '<p class="db-fa-saved" role="status"></p>' +
    '<p><a class="db-fa-csv" download="drillbook-log.csv" href="#" hidden></a></p></form>' +
    '<p class="db-fa-live db-visually-hidden" aria-live="polite" aria-atomic="true"></p>';

  // The dialog is built here, not in the page: without JavaScript it would be useless.
  const dialog = document.createElement("dialog");
  dialog.className = "db-fa-session";
  dialog.setAttribute("aria-labelledby", "db-fa-drill");
  dialog.innerHTML = SESSION_HTML; // static markup; every text from the data goes in as text
  const fields = dialog.querySelector(".db-fa-fields");
  data.columns.forEach(function (c) {
    const label = document.createElement("label");
    label.className = "db-fa-field";
    const name = document.createElement("span");
    name.textContent = c.label + (c.hint ? " (" + c.hint + ")" : "");
    const input = document.createElement(c.key === "notes" ? "textarea" : "input");
    input.name = c.key;
    if (c.key === "notes") input.rows = 2;
    else input.type = c.key === "date" ? "date" : "text";
    if (c.key === "cadence") input.inputMode = "numeric";
    label.append(name, input);
    fields.appendChild(label);
  });
  root.appendChild(dialog);
  const script = document.currentScript;
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("followalong.css", script ? script.src : location.href).href;
  document.head.appendChild(css);
  const $ = (sel) => dialog.querySelector(sel);
  const ui = {
    where: $(".db-fa-where"), progress: $(".db-fa-progress"), count: $(".db-fa-count"),
    stage: $(".db-fa-stage"), phase: $(".db-fa-phase"), drill: $(".db-fa-drill"),
    dose: $(".db-fa-dose"), figure: $(".db-fa-figure"), clock: $(".db-fa-clock"),
    tap: $(".db-fa-tap"), cues: $(".db-fa-cues"), next: $(".db-fa-next"),
    controls: $(".db-fa-controls"), back: $(".db-fa-back"), pause: $(".db-fa-pause"),
    skip: $(".db-fa-skip"), summary: $(".db-fa-summary"), doneText: $(".db-fa-done-text"),
    saved: $(".db-fa-saved"), csv: $(".db-fa-csv"), live: $(".db-fa-live"),
  };

  let session = null; // {key, day, blocks, steps, state}
  let timer = null;
  let audio = null;
  let wakeLock = null;
  let lastSpoken = null;

  // -- Storage ---------------------------------------------------------------------------------
  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* private mode or full: the session still runs */ }
  }

  // -- The steps of a session --------------------------------------------------------------------
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function sideName(side) { return side === 1 ? "left side" : side === 2 ? "right side" : ""; }

  function buildSteps(day, blocks) {
    const steps = [];
    const t = data.timing;
    blocks.forEach(function (block, b) {
      if (b > 0) steps.push({ t: "block", block: b });
      block.items.forEach(function (item, n) {
        steps.push({ t: "ready", block: b, item: n, secs: b === 0 && n === 0 ? t.ready : t.transition });
        const sides = item.perSide ? [1, 2] : [0];
        for (let s = 1; s <= item.sets; s++) {
          sides.forEach(function (side, k) {
            if (k > 0) steps.push({ t: "switch", block: b, item: n, set: s, side: side, secs: t.switch });
            const work = { t: "work", block: b, item: n, set: s, side: side };
            if (item.reps) { work.reps = item.reps; }
            else if (item.hold) { work.secs = item.hold; }
            else if (item.duration) { work.secs = item.duration; }
            else { work.distance = item.distance; }
            steps.push(work);
          });
          if (s < item.sets && item.rest > 0) {
            steps.push({ t: "rest", block: b, item: n, set: s, secs: item.rest });
          }
        }
      });
    });
    return steps;
  }

  function itemOf(step) { return session.blocks[step.block].items[step.item]; }
  function drillOf(step) { return data.drills[itemOf(step).drill]; }

  function describe(step) {
    if (!step) return "the end: summary and log";
    const item = step.item === undefined ? null : itemOf(step);
    const name = item ? drillOf(step).name : "";
    if (step.t === "block") return session.blocks[step.block].label;
    if (step.t === "ready") return name;
    if (step.t === "switch") return "switch to the " + sideName(step.side);
    if (step.t === "rest") return "rest " + step.secs + " s";
    const side = step.side ? ", " + sideName(step.side) : "";
    return name + ", set " + step.set + " of " + item.sets + side;
  }

  function workText(step) {
    if (step.reps) return plural(step.reps, "rep");
    if (step.secs) return step.secs + " s";
    return step.distance + " m";
  }

  // -- Feedback: beep, vibration, announcements, wake lock ---------------------------------------
  function beep(high) {
    try {
      if (!audio) return;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = high ? 1320 : 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.15);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.16);
    } catch (e) { /* no sound */ }
  }
  function cue(high) {
    beep(high);
    if (navigator.vibrate) navigator.vibrate(high ? [80, 60, 80] : 80);
  }
  function say(text) {
    if (text === lastSpoken) text += "\u00a0"; // a changed string is read again
    lastSpoken = text;
    ui.live.textContent = text;
  }
  function lockScreen(on) {
    if (on && !wakeLock && navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").then(
        function (lock) { wakeLock = lock; lock.addEventListener("release", function () { wakeLock = null; }); },
        function () { /* not allowed: fine */ }
      );
    } else if (!on && wakeLock) {
      wakeLock.release().catch(function () {});
      wakeLock = null;
    }
  }

  // -- State -------------------------------------------------------------------------------------
  function current() { return session.steps[session.state.i]; }
  function save() { store(PREFIX + session.key, session.state); }

  function enter(i, startAt) {
    const st = session.state;
    st.i = Math.max(0, Math.min(i, session.steps.length));
    st.count = 0;
    st.spoke = null;
    const step = session.steps[st.i];
    st.left = step && step.secs ? step.secs * 1000 : 0;
    st.endsAt = step && step.secs && !st.paused ? (startAt || Date.now()) + st.left : null;
    lastSpoken = null;
    if (!step) return finish();
    save();
    render();
    const intro = describe(step) + (step.t === "work" ? ": " + workText(step) : "");
    say(step.t === "ready" ? "Get ready: " + intro : step.t === "block" ? "Next block: " + intro : intro);
  }

  function tick() {
    if (!session || session.state.paused || session.state.done) return;
    const st = session.state;
    let changed = false;
    // Catch up after a locked screen: each timed step ends when the one before it ended.
    while (st.endsAt !== null && Date.now() >= st.endsAt) {
      const end = st.endsAt;
      enter(st.i + 1, end);
      changed = true;
      if (!session || st.done) break;
    }
    if (changed) cue(false);
    if (st.endsAt === null) return;
    st.left = st.endsAt - Date.now();
    const secs = Math.ceil(st.left / 1000);
    ui.clock.textContent = clock(secs);
    if (secs === 10 || (secs <= 3 && secs >= 1)) {
      if (st.spoke !== secs) { st.spoke = secs; say(secs === 10 ? "10 seconds" : String(secs)); }
    }
  }

  function clock(secs) {
    const s = Math.max(0, secs);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // -- Actions -----------------------------------------------------------------------------------
  function next() { if (session && !session.state.done) { enter(session.state.i + 1); cue(false); } }
  function back() { if (session && !session.state.done) { enter(session.state.i - 1); cue(false); } }

  function togglePause() {
    const st = session.state;
    if (st.done) return;
    if (st.paused) {
      st.paused = false;
      if (st.left > 0) st.endsAt = Date.now() + st.left;
      lockScreen(true);
      say("Resumed");
    } else {
      if (st.endsAt !== null) st.left = Math.max(0, st.endsAt - Date.now());
      st.endsAt = null;
      st.paused = true;
      lockScreen(false);
      say("Paused");
    }
    save();
    render();
  }

  function countRep() {
    const step = current();
    if (!step || step.t !== "work" || step.secs) return;
    if (session.state.paused) togglePause();
    if (step.distance) { next(); return; }
    session.state.count += 1;
    if (session.state.count >= step.reps) {
      say("Set done");
      next();
      return;
    }
    beep(true);
    save();
    render();
  }

  // -- Rendering ---------------------------------------------------------------------------------
  function render() {
    const st = session.state;
    const step = current();
    const total = session.steps.length;
    ui.progress.max = total;
    ui.progress.value = st.done ? total : st.i;
    ui.count.textContent = st.done ? "Done" : "Step " + (st.i + 1) + " of " + total;
    ui.summary.hidden = !st.done;
    ui.stage.hidden = !!st.done;
    ui.controls.hidden = !!st.done;
    if (st.done) return;
    const item = step.item === undefined ? null : itemOf(step);
    const drill = item ? drillOf(step) : null;
    const block = session.blocks[step.block];
    ui.where.textContent = session.day.name + " · " + block.label;
    const phases = {
      block: "Next block",
      ready: "Get ready",
      switch: "Switch sides",
      rest: "Rest",
      work: item ? "Set " + step.set + " of " + item.sets + (step.side ? " · " + sideName(step.side) : "") : "",
    };
    ui.phase.textContent = phases[step.t];
    ui.drill.textContent = step.t === "block" ? block.label : drill.name;
    ui.dose.textContent = item ? item.text + (item.how ? ". " + item.how : "") : "Tap Next when you are ready.";
    ui.cues.replaceChildren();
    (drill && step.t !== "block" ? drill.cues : []).forEach(function (c) {
      const li = document.createElement("li");
      li.textContent = c;
      ui.cues.appendChild(li);
    });
    showFigure(item && step.t === "work" ? item.drill : null);
    const timed = !!step.secs;
    ui.clock.hidden = !timed;
    if (timed) ui.clock.textContent = clock(Math.ceil(st.left / 1000));
    const counting = step.t === "work" && !timed;
    if (!counting && document.activeElement === ui.tap) ui.stage.focus(); // keep keys working
    ui.tap.hidden = !counting;
    if (counting) {
      const big = document.createElement("span");
      const small = document.createElement("small");
      big.textContent = step.distance ? step.distance + " m" : st.count + " / " + step.reps;
      small.textContent = step.distance ? "tap when done" : "tap for each rep";
      ui.tap.replaceChildren(big, small);
    }
    ui.pause.textContent = st.paused ? "Resume" : "Pause";
    ui.pause.setAttribute("aria-pressed", st.paused ? "true" : "false");
    ui.back.disabled = st.i === 0;
    ui.skip.textContent = step.t === "block" ? "Next" : "Skip";
    ui.next.textContent = "Next up: " + describe(session.steps[st.i + 1]);
    dialog.classList.toggle("db-fa-paused", !!st.paused);
  }

  // The drill's moving figure, fetched from its file by figures.js (kept by the service worker
  // for use offline); the text cues alone when there is none or it cannot load.
  let figureFor = null;
  function showFigure(drillId) {
    const where = drillId && document.querySelector('.db-fa-figures [data-figure="' + CSS.escape(drillId) + '"][data-src]');
    if (figureFor === drillId && !ui.figure.hidden) return;
    figureFor = drillId;
    ui.figure.replaceChildren();
    ui.figure.hidden = true;
    if (!where || !window.drillbookMovement) return;
    window.drillbookMovement(where.getAttribute("data-src")).then(function (svg) {
      if (!svg || figureFor !== drillId) return;
      if (matchMedia("(prefers-reduced-motion: reduce)").matches && svg.pauseAnimations) svg.pauseAnimations();
      ui.figure.replaceChildren(svg);
      ui.figure.hidden = false;
    });
  }

  // -- The end: summary and tracking log ---------------------------------------------------------
  function finish() {
    const st = session.state;
    st.done = true;
    st.endsAt = null;
    st.finished = st.finished || Date.now();
    save();
    lockScreen(false);
    cue(true);
    const drills = session.blocks.reduce(function (n, b) { return n + b.items.length; }, 0);
    const sets = session.steps.filter(function (s) { return s.t === "work"; }).length;
    const minutes = Math.max(1, Math.round((st.finished - st.started) / 60000));
    const what = session.day.name + " · " + session.blocks.map(function (b) { return b.label; }).join(" + ");
    ui.doneText.textContent = what + ": " + plural(drills, "drill") + ", " + plural(sets, "set") + " in about " + plural(minutes, "minute") + ".";
    const form = ui.summary;
    const today = new Date(st.finished);
    const iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    form.elements.date.value = iso;
    form.elements.run.value = session.day.run;
    form.elements.notes.value = what + " (follow-along, " + plural(minutes, "min") + ")";
    ui.saved.textContent = "";
    render();
    say("Session done. " + ui.doneText.textContent);
    showLog();
  }

  function csvCell(v) {
    let s = String(v == null ? "" : v);
    if (/^[=+@\t\r]/.test(s)) s = "'" + s; // not a formula in a spreadsheet
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function logCsv(rows) {
    const head = data.columns.map(function (c) { return csvCell(c.label); }).join(",");
    const body = rows.map(function (r) { return data.columns.map(function (c) { return csvCell(r[c.key]); }).join(","); });
    return [head].concat(body).join("\r\n") + "\r\n";
  }
  function showLog() {
    const rows = load(LOG_KEY) || [];
    ui.csv.hidden = rows.length === 0;
    ui.csv.href = "data:text/csv;charset=utf-8," + encodeURIComponent(logCsv(rows));
    ui.csv.textContent = "Download the log (CSV, " + plural(rows.length, "row") + ")";
  }
  function saveRow(event) {
    event.preventDefault();
    const row = {};
    data.columns.forEach(function (c) { row[c.key] = (ui.summary.elements[c.key].value || "").trim(); });
    const rows = load(LOG_KEY) || [];
    rows.push(row);
    store(LOG_KEY, rows);
    ui.saved.textContent = "Saved: the log on this device has " + plural(rows.length, "row") + ".";
    showLog();
  }

  // -- Opening and closing -----------------------------------------------------------------------
  function open(dayKey, blockKind, restart) {
    const day = data.days.find(function (d) { return d.key === dayKey; });
    if (!day) return;
    const blocks = blockKind ? day.blocks.filter(function (b) { return b.kind === blockKind; }) : day.blocks;
    if (!blocks.length) return;
    const key = dayKey + ":" + (blockKind || "day");
    const steps = buildSteps(day, blocks);
    let state = load(PREFIX + key);
    const sig = steps.length + ":" + blocks.map(function (b) { return b.items.map(function (i) { return i.drill; }).join(","); }).join("|");
    const isNew = !state || state.sig !== sig || (restart && state.done);
    if (isNew) {
      state = { sig: sig, i: 0, count: 0, left: 0, endsAt: null, paused: false, started: Date.now() };
    }
    session = { key: key, day: day, blocks: blocks, steps: steps, state: state };
    store(OPEN_KEY, { day: dayKey, block: blockKind || null });
    if (!dialog.open) dialog.showModal();
    clearInterval(timer);
    timer = setInterval(tick, TICK_MS);
    if (state.done) { finish(); return; }
    if (isNew) enter(0);
    else {
      render();
      say((state.paused ? "Paused at " : "Resuming: ") + describe(current()));
      tick();
    }
    if (!state.paused) lockScreen(true);
    ui.stage.focus();
  }

  function close() {
    if (!session) return;
    const st = session.state;
    if (!st.done && !st.paused) {
      if (st.endsAt !== null) st.left = Math.max(0, st.endsAt - Date.now());
      st.endsAt = null;
      st.paused = true;
    }
    if (st.done) store(PREFIX + session.key, null);
    else save();
    store(OPEN_KEY, null);
    clearInterval(timer);
    lockScreen(false);
    session = null;
    if (dialog.open) dialog.close();
    labelButtons();
  }

  function labelButtons() {
    root.querySelectorAll(".db-fa-start").forEach(function (b) {
      const st = load(PREFIX + b.dataset.day + ":" + (b.dataset.block || "day"));
      b.classList.toggle("db-fa-resume", !!(st && !st.done));
    });
  }

  // -- Wiring ------------------------------------------------------------------------------------
  root.addEventListener("click", function (e) {
    const start = e.target.closest(".db-fa-start");
    if (!start) return;
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      try { audio = new (window.AudioContext || window.webkitAudioContext)(); } catch (err) { audio = null; }
    }
    open(start.dataset.day, start.dataset.block || null, true);
  });
  ui.tap.addEventListener("click", countRep);
  ui.pause.addEventListener("click", togglePause);
  ui.back.addEventListener("click", back);
  ui.skip.addEventListener("click", next);
  $(".db-fa-close").addEventListener("click", close);
  $(".db-fa-finish").addEventListener("click", close);
  ui.summary.addEventListener("submit", saveRow);
  dialog.addEventListener("cancel", function (e) { e.preventDefault(); close(); });
  document.addEventListener("keydown", function (e) {
    if (!session || !dialog.open || e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = e.target.tagName;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || session.state.done) return;
    if (e.key === "ArrowRight") { e.preventDefault(); next(); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); back(); }
    else if (e.key === " " && !/^(BUTTON|A)$/.test(tag)) {
      e.preventDefault();
      const step = current();
      if (step && step.t === "work" && !step.secs) countRep();
      else togglePause();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (!session) return;
    if (document.visibilityState === "visible") {
      tick();
      if (!session.state.paused && !session.state.done) lockScreen(true);
    } else save();
  });

  // Offline: ask the service worker to keep every routine, program and drill page.
  function keepOffline() {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const ask = function () {
      if (sw.controller) sw.controller.postMessage({ type: "drillbook-precache" });
    };
    sw.ready.then(ask, function () {});
    sw.addEventListener("controllerchange", ask);
  }

  function ready() {
    keepOffline();
    labelButtons();
    root.hidden = false;
    const reopen = load(OPEN_KEY);
    if (reopen) open(reopen.day, reopen.block, false);
  }
  // Shown once styled; if the style sheet cannot load, shown anyway.
  css.addEventListener("load", ready, { once: true });
  css.addEventListener("error", ready, { once: true });
})();
