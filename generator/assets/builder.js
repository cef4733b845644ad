/* Drillbook routine builder: the week `drillbook routine` builds, in the browser.
 *
 * The rules are data (#db-builder-data: model/routine_rules.py's RULES, the summary words and
 * a compact drill table, from generator/outputs/builder.py); `build` below is a line-by-line
 * port of the short algorithm in generator/model/routine_builder.py over that data, checked
 * against the Python on a seeded corpus of requests in tests/test_builder.py. The week is drawn
 * with the routine sheet's classes (routine.css: the browser prints it like a routine page),
 * handed to the follow-along script in its JSON shape (outputs/followalong.py session_data) and
 * written as an iCalendar file with calendar.js's escaping and folding. No dependencies.
 */
(function (root) {
  "use strict";

  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return String(fields[k]); });
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function RequestError(message) { this.message = message; }

  // -- The builder: routine_builder.py over the same data ----------------------------------------
  function Builder(data, req) {
    const R = data.rules;
    const D = data.drills;
    const order = R.category_order;
    const cost = function (d) { return D[d].seconds + R.transition_seconds; };
    const catIndex = function (d) { const i = order.indexOf(D[d].category); return i < 0 ? 9 : i; };
    const have = new Set(req.equipment.concat([R.always_have]));

    function fits(d) {
      return D[d].level <= req.level && D[d].equipment.every(function (e) { return have.has(e); });
    }
    function rank(ids) {
      const key = function (d) {
        return [req.focus && D[d].regions.indexOf(req.focus) >= 0 ? 0 : 1, catIndex(d), D[d].seconds];
      };
      return ids.slice().sort(function (a, b) {
        const ka = key(a), kb = key(b);
        return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || cmp(a, b);
      });
    }
    function candidates(rule) {
      return rank(Object.keys(D).filter(function (d) {
        return fits(d) && D[d].use.some(function (u) { return rule.uses.indexOf(u) >= 0; }) &&
          (!rule.categories || rule.categories.indexOf(D[d].category) >= 0);
      }));
    }
    function take(ranked, budget, most) {
      const chosen = [];
      let left = budget;
      for (const d of ranked) {
        if (chosen.length === most) break;
        if (cost(d) <= left) { chosen.push(d); left -= cost(d); }
      }
      return chosen;
    }
    function inOrder(ids) {
      return ids.slice().sort(function (a, b) { return catIndex(a) - catIndex(b); });
    }
    function minutesFor(ids, count) {
      const shortest = ids.map(cost).sort(function (a, b) { return a - b; }).slice(0, count);
      return Math.ceil(shortest.reduce(function (a, b) { return a + b; }, 0) / 60);
    }
    function warmupBlock() {
      const W = R.warmup;
      const low = W.drills[0], most = W.drills[1];
      const ranked = candidates(W);
      if (ranked.length < low) {
        throw new RequestError(fill(R.messages.few_warmup, {
          found: ranked.length, level: req.level, need: low,
          equipment: req.equipment.slice().sort().join(", ")
        }));
      }
      const budget = Math.min(req.minutes * 60, W.max_seconds);
      const bridge = ranked.filter(function (d) { return D[d].category === W.bridge; }).slice(0, 1);
      const rest = ranked.filter(function (d) { return D[d].category !== W.bridge; });
      let chosen = [];
      if (bridge.length) {
        const first = take(rest, budget - cost(bridge[0]), most - 1);
        if (first.length >= low - 1) chosen = first.concat(bridge);
      }
      if (chosen.length < low) chosen = take(ranked, budget, most);
      if (chosen.length < low) {
        const need = minutesFor(ranked, low);
        throw new RequestError(fill(R.messages.short_warmup, {
          minutes: req.minutes, need: low, need_minutes: need
        }));
      }
      return inOrder(chosen);
    }
    function strengthDays() {
      const S = R.strength, keys = R.days, days = req.days;
      const ok = keys.filter(function (d, i) {
        return S.days.indexOf(days[d]) >= 0 && R.heavy_runs.indexOf(days[keys[(i + 1) % 7]]) < 0;
      });
      const chosen = ok.filter(function (d) { return days[d] === S.always; });
      const tries = ok.slice().sort(function (a, b) {
        return (days[a] === S.last) - (days[b] === S.last) || keys.indexOf(a) - keys.indexOf(b);
      });
      for (const d of tries) {
        if (chosen.length >= S.sessions) break;
        const i = keys.indexOf(d);
        const apart = chosen.every(function (c) { return Math.abs(i - keys.indexOf(c)) > 1; });
        if (chosen.indexOf(d) < 0 && apart) chosen.push(d);
      }
      return chosen.sort(function (a, b) { return keys.indexOf(a) - keys.indexOf(b); });
    }
    return { cost: cost, candidates: candidates, take: take, inOrder: inOrder,
             warmupBlock: warmupBlock, strengthDays: strengthDays };
  }

  /* build_routine: {routine} (Routine.model_dump(exclude_none)) or {error: the message}. */
  function build(data, req) {
    const R = data.rules;
    const noRun = function (d) { return R.no_run.indexOf(req.days[d]) >= 0; };
    if (!(req.minutes >= R.minutes[0] && req.minutes <= R.minutes[1])) {
      return { error: fill(R.messages.minutes_range, { low: R.minutes[0], high: R.minutes[1] }) };
    }
    const b = Builder(data, req);
    const runs = R.days.filter(function (d) { return !noRun(d); });
    let warmup;
    try { warmup = runs.length ? b.warmupBlock() : []; } catch (e) {
      if (e instanceof RequestError) return { error: e.message };
      throw e;
    }
    const session = req.minutes * 60;
    const blocks = {};
    R.days.forEach(function (d) { blocks[d] = {}; });
    runs.forEach(function (d) { blocks[d][R.warmup.block] = warmup; });
    const sum = function (ids) { return ids.reduce(function (a, x) { return a + b.cost(x); }, 0); };
    const warmCost = sum(warmup);

    const C = R.circuit;
    const pool = b.candidates(C).filter(function (x) { return warmup.indexOf(x) < 0; });
    const circuit = b.take(pool, session - warmCost, C.drills[1]);
    if (circuit.length >= C.drills[0]) {
      runs.forEach(function (d) {
        if (C.after.indexOf(req.days[d]) >= 0) blocks[d][C.block] = b.inOrder(circuit);
      });
    }
    const S = R.strength;
    let strength = b.candidates(S);
    const away = strength.filter(function (x) { return warmup.indexOf(x) < 0; });
    if (away.length) strength = away;
    b.strengthDays().forEach(function (d) {
      let used = 0;
      Object.keys(blocks[d]).forEach(function (k) { used += sum(blocks[d][k]); });
      const chosen = b.take(strength, noRun(d) ? session : session - used, S.drills[1]);
      if (chosen.length >= S.drills[0]) blocks[d][S.block] = chosen;
    });
    const V = R.recovery;
    const recovery = b.take(b.candidates(V), session, V.drills[1]);
    R.days.forEach(function (d) {
      if (R.heavy_runs.indexOf(req.days[d]) >= 0 && recovery.length >= V.drills[0]) {
        blocks[d][V.block] = recovery;
      }
    });
    return { routine: routineData(data, req, blocks, runs.length) };
  }

  function routineData(data, req, blocks, runs) {
    const R = data.rules, W = data.words;
    const focus = req.focus ? fill(R.summary_focus, { region: W.regions[req.focus] }) : "";
    const equipment = req.equipment.slice().sort().map(function (e) { return W.equipment[e]; });
    const summary = fill(R.summary, {
      runs: runs, minutes: req.minutes, level: req.level, focus: focus,
      equipment: equipment.join(", ")
    });
    const days = {};
    R.days.forEach(function (d) {
      const out = {};
      Object.keys(blocks[d]).forEach(function (k) {
        out[k] = blocks[d][k].map(function (x) { return { drill: x }; });
      });
      days[d] = { run: req.days[d], blocks: out };
    });
    // Sliced as the Python does; the Routine model strips the space a cut may leave.
    return { title: R.title, summary: summary.slice(0, R.summary_max).trim(), level: req.level,
             notes: R.notes.slice(), days: days };
  }

  // -- The timed plan (model/routine.py plan()) and the follow-along session ---------------------
  function plan(data, routine) {
    const R = data.rules, D = data.drills;
    const days = R.days.map(function (key) {
      const day = routine.days[key];
      const blocks = data.blocks.filter(function (k) { return day.blocks[k] && day.blocks[k].length; })
        .map(function (kind) {
          const items = day.blocks[kind].map(function (e) { return e.drill; });
          const secs = items.reduce(function (a, d) { return a + D[d].seconds + R.transition_seconds; }, 0);
          return { kind: kind, items: items, minutes: Math.ceil(secs / 60) };
        });
      return {
        key: key, run: day.run, blocks: blocks,
        name: key.charAt(0).toUpperCase() + key.slice(1),
        speed: data.hard_runs.indexOf(day.run) >= 0 ? "progressive" : "easy",
        minutes: blocks.reduce(function (a, b) { return a + b.minutes; }, 0)
      };
    });
    const ids = [];
    data.blocks.forEach(function (kind) {
      days.forEach(function (day) {
        day.blocks.forEach(function (b) {
          if (b.kind !== kind) return;
          b.items.forEach(function (d) { if (ids.indexOf(d) < 0) ids.push(d); });
        });
      });
    });
    return {
      title: routine.title, summary: routine.summary, level: routine.level, notes: routine.notes,
      days: days, drillIds: ids,
      runs: days.filter(function (d) { return R.no_run.indexOf(d.run) < 0; }).length,
      minutes: days.reduce(function (a, d) { return a + d.minutes; }, 0)
    };
  }

  /* followalong.session_data(plan) for a built week. */
  function session(data, p, id) {
    const D = data.drills, L = data.labels;
    const drills = {};
    p.drillIds.forEach(function (d) { drills[d] = { name: D[d].name, cues: D[d].cues }; });
    const days = p.days.filter(function (day) { return day.blocks.length; }).map(function (day) {
      return {
        key: day.key, name: day.name, run: L.run_types[day.run], speed: data.speed_text[day.speed],
        blocks: day.blocks.map(function (b) {
          return { kind: b.kind, label: L.blocks[b.kind], items: b.items.map(function (d) {
            const item = Object.assign({ drill: d }, D[d].dose);
            if (day.speed === "progressive" && D[d].fast) item.how = D[d].fast;
            return item;
          }) };
        })
      };
    });
    return { routine: id, title: p.title, timing: data.session.timing,
             columns: data.session.columns, drills: drills, days: days };
  }

  // -- The week as an iCalendar file -----------------------------------------------------------
  /* One all-day event per day with drills, repeated weekly `weeks` times from the first such
   * weekday on or after `start` (YYYY-MM-DD), in date order. Same input, same bytes (DTSTAMP
   * is midnight UTC of the start, as outputs/calendar.py does without SOURCE_DATE_EPOCH). */
  function calendar(data, p, id, start, weeks, cal) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start || "");
    const first = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!first || first.getUTCDate() !== +m[3] || first.getUTCMonth() !== +m[2] - 1) {
      throw new Error("Give the first day as a date, e.g. 2026-12-07.");
    }
    if (!(weeks >= 1 && weeks <= 52 && weeks % 1 === 0)) throw new Error("Weeks: 1 to 52.");
    const ymd = function (d) { return d.toISOString().slice(0, 10).replace(/-/g, ""); };
    const esc = cal.escapeText, L = data.labels;
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Drillbook//routine builder//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + esc(p.title)];
    const ahead = function (i) { return (i - (first.getUTCDay() + 6) % 7 + 7) % 7; };
    const order = p.days.map(function (day, i) { return i; })
      .sort(function (a, b) { return ahead(a) - ahead(b); });
    order.forEach(function (i) {
      const day = p.days[i];
      if (!day.blocks.length) return;
      const when = new Date(first.getTime());
      when.setUTCDate(when.getUTCDate() + ahead(i));
      const next = new Date(when.getTime());
      next.setUTCDate(next.getUTCDate() + 1);
      const text = day.blocks.map(function (b) {
        return L.blocks[b.kind] + ", " + b.minutes + " min: " +
          b.items.map(function (d) { return data.drills[d].name; }).join(", ");
      });
      lines.push("BEGIN:VEVENT",
        "SUMMARY:" + esc("Drills: " + L.run_types[day.run] + ", " + day.minutes + " min"),
        "DTSTART;VALUE=DATE:" + ymd(when), "DTEND;VALUE=DATE:" + ymd(next),
        "DTSTAMP:" + ymd(first) + "T000000Z", "UID:" + esc(id + "-" + day.key + "@drillbook"),
        "RRULE:FREQ=WEEKLY;COUNT=" + weeks,
        "DESCRIPTION:" + esc(text.join("\n") + "\n" + data.speed_text[day.speed]),
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(cal.foldLine).join("\r\n") + "\r\n";
  }

  const api = { build: build, plan: plan, session: session, calendar: calendar, sheet: sheetHtml,
                printDocument: printDocument };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.drillbookBuilder = api;
  const form = document.getElementById("db-builder");
  const source = document.getElementById("db-builder-data");
  if (form && source) page(JSON.parse(source.textContent), form);

  // -- The page ----------------------------------------------------------------------------------
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function hash(text) {
    let h = 5381;
    for (let i = 0; i < text.length; i++) h = (h * 33 + text.charCodeAt(i)) >>> 0;
    return h.toString(36);
  }
  function nextMonday() {
    const d = new Date();
    d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function glance(data, p) {
    const L = data.labels;
    const names = function (b) { return b.items.map(function (d) { return esc(data.drills[d].name); }).join(", "); };
    const rows = p.days.map(function (day) {
      const warm = day.blocks.filter(function (b) { return b.kind === "pre-run"; })[0];
      const other = day.blocks.filter(function (b) { return b.kind !== "pre-run"; });
      return '<tr class="db-run-' + esc(day.run) + '"><th scope="row">' + day.name + "</th><td><strong>" +
        esc(L.run_types[day.run]) + "</strong></td><td>" + (warm ? '<span class="db-block-head">' +
        warm.minutes + " min, " + esc(data.speed_text[day.speed]) + "</span>" + names(warm)
        : '<span class="db-none">no run</span>') + "</td><td>" + (other.length ? other.map(function (b) {
          return '<div class="db-block"><span class="db-block-head">' + esc(L.blocks[b.kind]) + ", " +
            b.minutes + " min</span>" + names(b) + "</div>";
        }).join("") : '<span class="db-none">&ndash;</span>') + '</td><td class="db-num">' +
        (day.minutes || "&ndash;") + '</td><td class="db-done"><span class="db-box" role="img" ' +
        'aria-label="tick box"></span></td></tr>';
    });
    return '<table class="db-week"><thead><tr><th scope="col">Day</th><th scope="col">Run</th>' +
      '<th scope="col">Before the run</th><th scope="col">After the run, strength or evening</th>' +
      '<th scope="col" class="db-num">Min</th><th scope="col" class="db-done">Done</th></tr></thead>' +
      "<tbody>" + rows.join("") + "</tbody></table>";
  }

  function sheetHtml(data, p, drillsUrl) {
    const cards = p.drillIds.map(function (d, i) {
      const x = data.drills[d];
      return '<article class="db-card"><h4 class="db-card-title"><span class="db-card-n">' + (i + 1) +
        "</span> " + (drillsUrl ? '<a href="' + esc(new URL(d + "/", drillsUrl).href) + '">' +
        esc(x.name) + "</a>" : esc(x.name)) + "</h4>" +
        '<div class="db-card-body"><p class="db-card-dose"><strong>' + esc(x.dose.text) + "</strong></p>" +
        '<p><span class="db-k">Setup:</span> ' + esc(x.setup) + "</p>" +
        '<p class="db-card-cues"><span class="db-k">Cues:</span> ' + x.cues.map(function (c) {
          return '<span class="db-cue">' + esc(c) + "</span>";
        }).join(" ") + '</p><p class="db-card-stop"><span class="db-k">Stop if:</span> ' + esc(x.stop) +
        "</p></div></article>";
    });
    const log = data.log.map(function (c) {
      return '<th scope="col">' + esc(c.label) + (c.hint ? ' <span class="db-hint">(' + esc(c.hint) + ")</span>" : "") + "</th>";
    }).join("");
    const empty = "<tr>" + data.log.map(function () { return "<td></td>"; }).join("") + "</tr>";
    return '<header class="db-sheet-head"><h2 id="db-b-title">' + esc(p.title) + "</h2>" +
      '<p class="db-sheet-meta">' + esc(data.labels.levels[String(p.level)]) + " · " + p.runs +
      " runs a week · about " + p.minutes + " min of drills in the week</p>" +
      '<p class="db-sheet-summary">' + esc(p.summary) + "</p></header>" +
      "<h3>The week at a glance</h3>" + glance(data, p) + '<ul class="db-routine-notes">' +
      p.notes.map(function (n) { return "<li>" + esc(n) + "</li>"; }).join("") + "</ul>" +
      '<h3 class="db-cards-head">The drills</h3><div class="db-cards">' + cards.join("") + "</div>" +
      '<section class="db-log-section"><h3>Tracking log</h3><table class="db-log"><thead><tr>' + log +
      "</tr></thead><tbody>" + new Array(8).join(empty) + "</tbody></table></section>" +
      '<p class="db-sheet-foot">Made with the Drillbook routine builder · General education, not medical advice.</p>';
  }

  /* The Start buttons of routine pages, from the page's own follow-along templates. */
  /* The standalone sheet of routine_print.html.j2 (the PDF's HTML, without QR codes), printed
   * from a hidden frame so the browser prints exactly the PDF's layout. */
  function printDocument(data, p, cssUrl, paper) {
    const body = sheetHtml(data, p, null)
      .replace(/<h2 id="db-b-title">(.*?)<\/h2>/, "<h1>$1</h1>").replace(/<(\/?)h3/g, "<$1h2")
      .replace(/<(\/?)h4/g, "<$1h3")
      .replace('<h2 class="db-cards-head">The drills', '<h2 class="db-cards-head">The drills ' +
               '<span class="db-hint">dosage, setup, key cues and when to stop</span>');
    return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>' + esc(p.title) +
      '</title><link rel="stylesheet" href="' + esc(cssUrl) + '">' +
      (paper ? "<style>@page { size: " + paper + "; }</style>" : "") +
      '</head><body class="db-print"><main class="db-routine">' + body + "</main></body></html>";
  }

  function launcher(data, p) {
    const L = data.labels, T = data.launcher;
    const put = function (t, f) {
      return t.replace(/\{(\w+)\}/g, function (m, k) { return k in f ? f[k] : m; });
    };
    return p.days.filter(function (d) { return d.blocks.length; }).map(function (day) {
      const f = { key: day.key, name: day.name, dayminutes: day.minutes,
                  label_run_types: esc(L.run_types[day.run]) };
      return put(T.day, Object.assign({ blocks: day.blocks.map(function (b) {
        return put(T.block, Object.assign({}, f, { kind: esc(b.kind), minutes: b.minutes,
                                                   label_blocks: esc(L.blocks[b.kind]) }));
      }).join("") }, f));
    }).join("");
  }

  function page(data, form) {
    const R = data.rules, $ = function (s) { return document.querySelector(s); };
    const out = $("#db-b-out"), errorBox = $(".db-b-error"), week = $(".db-b-week");
    const status = $(".db-b-status"), faHome = $(".db-b-fa-home"), pristine = faHome.innerHTML;
    const drillsUrl = $(".db-b-links").href, faScript = $(".db-b-fa-script").href;
    const icsForm = $(".db-b-ics"), icsStatus = $(".db-b-ics-status");
    let built = null;

    function request() {
      const days = {};
      R.days.forEach(function (d) { days[d] = form.elements[d].value; });
      const minutes = form.elements.minutes.value.trim();
      return {
        days: days, minutes: /^\d+$/.test(minutes) ? Number(minutes) : NaN,
        level: Number(form.elements.level.value),
        equipment: Array.from(form.querySelectorAll("[name=equipment]:checked")).map(function (e) { return e.value; }),
        focus: form.elements.focus.value || null
      };
    }
    function args(req) {
      const days = R.days.filter(function (d) { return req.days[d] !== "rest"; })
        .map(function (d) { return d.slice(0, 3) + "=" + req.days[d]; }).join(",") || "mon=rest";
      return [["days", days], ["minutes", String(req.minutes)], ["level", String(req.level)],
        ["equipment", req.equipment.join(",")]].concat(req.focus ? [["focus", req.focus]] : []);
    }
    function restore(params) {
      const days = {};
      (params.get("days") || "").split(",").forEach(function (part) {
        const kv = part.split("=");
        const day = R.days.filter(function (d) { return kv[0].length >= 3 && d.indexOf(kv[0]) === 0; })[0];
        if (day && kv[1]) days[day] = kv[1];
      });
      R.days.forEach(function (d) {
        const el = form.elements[d];
        el.value = days[d] || "rest";
        if (!el.value) el.value = "rest";
      });
      ["minutes", "level", "focus"].forEach(function (k) {
        if (params.has(k)) form.elements[k].value = params.get(k);
      });
      if (params.has("equipment")) {
        const have = params.get("equipment").split(",");
        form.querySelectorAll("[name=equipment]").forEach(function (e) { e.checked = have.indexOf(e.value) >= 0; });
      }
    }
    function followAlong(p, id) {
      faHome.innerHTML = pristine;
      const fa = faHome.querySelector(".db-fa");
      fa.dataset.faRoutine = id;
      fa.querySelector(".db-fa-days").innerHTML = launcher(data, p);
      faHome.querySelector("#db-fa-data").textContent = JSON.stringify(session(data, p, id));
      faHome.hidden = false;
      const script = document.createElement("script");
      script.src = faScript;
      faHome.appendChild(script);
    }
    function show(focus) {
      const req = request();
      const result = build(data, req);
      const query = new URLSearchParams(args(req)).toString();
      out.hidden = false;
      if (result.error) {
        built = null;
        week.hidden = true;
        faHome.hidden = true;
        faHome.innerHTML = "";
        const words = Object.keys(data.flags).filter(function (f) { return result.error.indexOf(f) >= 0; });
        errorBox.innerHTML = "<p><strong>This week cannot be built:</strong> " + esc(result.error) + "</p>" +
          (words.length ? "<p>On this page " + words.map(function (f) {
            return "<code>" + f + "</code> is \u201c" + esc(data.flags[f]) + "\u201d";
          }).join(", ") + ".</p>" : "");
        errorBox.hidden = false;
        status.textContent = "";
      } else {
        const p = plan(data, result.routine);
        built = { p: p, id: "my-week-" + hash(query) };
        errorBox.hidden = true;
        errorBox.textContent = "";
        $(".db-b-sheet").innerHTML = sheetHtml(data, p, drillsUrl);
        $(".db-b-cli").textContent = "drillbook routine " + args(req).map(function (a) {
          return "--" + a[0] + " " + (a[1] || "''");
        }).join(" ");
        week.hidden = false;
        status.textContent = "Your week: " + p.runs + " runs, " + p.drillIds.length + " drills, about " +
          p.minutes + " min of drills.";
        followAlong(p, built.id);
      }
      history.replaceState(null, "", "?" + query + location.hash);
      if (focus) out.focus();
    }

    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); show(true); });
    $(".db-b-print").addEventListener("click", function () {
      const css = document.querySelector('link[rel=stylesheet][href$="assets/routine.css"]');
      if (!built || !css) { window.print(); return; }
      const frame = document.createElement("iframe");
      frame.title = "Routine sheet for printing";
      frame.tabIndex = -1;
      frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0";
      frame.onload = function () {
        frame.contentWindow.addEventListener("afterprint", function () { setTimeout(function () { frame.remove(); }); });
        frame.contentWindow.focus();
        frame.contentWindow.print();
      };
      frame.srcdoc = printDocument(data, built.p, css.href, form.dataset.paper || "");
      document.body.appendChild(frame);
    });
    $(".db-b-start").addEventListener("click", function () {
      const first = faHome.querySelector(".db-fa-start");
      if (first) { first.scrollIntoView({ block: "center" }); first.focus(); }
    });
    icsForm.elements.start.value = nextMonday();
    icsForm.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!built) return;
      const weeks = Number(icsForm.elements.weeks.value);
      let text;
      try {
        text = calendar(data, built.p, built.id, icsForm.elements.start.value, weeks, root.drillbookCalendar);
      } catch (err) { icsStatus.textContent = err.message; return; }
      const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = "drillbook-week.ics";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      const n = built.p.days.filter(function (d) { return d.blocks.length; }).length;
      icsStatus.textContent = "Calendar ready: " + n + " days a week for " + weeks + " week" +
        (weeks === 1 ? "" : "s") + ", from " + icsForm.elements.start.value + ".";
    });
    const params = new URLSearchParams(location.search);
    if (params.has("days")) { restore(params); show(false); }
  }
})(this);
