/* Drillbook program calendar: the program's sessions as an iCalendar file, in the browser.
 *
 * Writes exactly the bytes of `drillbook program <id> --start <date>` (all-day events,
 * generator/outputs/calendar.py through the icalendar library): same property order, TEXT
 * escaping, CRLF line ends and folding before 75 octets of UTF-8. The sessions come from the
 * page's JSON block (#db-calendar-data); a test runs this file in node against the Python.
 * No dependencies, no network: the file is handed over as a Blob URL. In node, `require`
 * returns the pure functions.
 */
(function (root) {
  "use strict";

  var DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) {
      s = "0" + s;
    }
    return s;
  }

  /* Why year-month-day is not a day of the calendar, or "" (missing_date in sessions.py). */
  function missingDate(year, month, day) {
    if (year < 1) {
      return "years start at 0001";
    }
    if (month < 1 || month > 12) {
      return "there is no month " + pad(month, 2) + "; months run 01-12";
    }
    var probe = new Date(0);
    probe.setUTCFullYear(year, month, 0); // day 0 of the next month: the month's last day
    var last = probe.getUTCDate();
    if (day < 1 || day > last) {
      return MONTHS[month - 1] + " " + pad(year, 4) + " has " + last + " days";
    }
    return "";
  }

  /* '2025-03-05' -> a Date at midnight UTC; throws on anything that is not a real date. */
  function parseStart(text) {
    var value = String(text).trim();
    var m = DATE.exec(value);
    if (!m) {
      throw new Error("'" + value + "' is not a date; pick the first day of week 1");
    }
    var why = missingDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (why) {
      throw new Error("'" + value + "' does not exist: " + why);
    }
    var when = new Date(0);
    when.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return when;
  }

  /* RFC 5545 TEXT escaping, in icalendar's order (a literal \N first becomes a newline). */
  function escapeText(text) {
    return String(text)
      .split("\\N").join("\n")
      .split("\\").join("\\\\")
      .split(";").join("\\;")
      .split(",").join("\\,")
      .split("\r\n").join("\\n")
      .split("\n").join("\\n")
      .split("\r").join("\\n");
  }

  function utf8Length(ch) {
    var code = ch.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  /* icalendar's folding: a new line before a character that would reach 75 octets, without
   * leaving a backslash (or ^) at the end of a line; continuation lines start with a space. */
  function foldLine(line) {
    var lines = [];
    var current = [];
    var bytes = 0;
    for (var ch of line) {
      var size = utf8Length(ch);
      if (current.length && bytes + size >= 75) {
        if (current.length > 1 && (current[current.length - 1] === "\\" ||
                                   current[current.length - 1] === "^")) {
          var carried = current.pop();
          lines.push(current.join(""));
          current = [carried];
          bytes = utf8Length(carried);
        } else {
          lines.push(current.join(""));
          current = [];
          bytes = 0;
        }
      }
      current.push(ch);
      bytes += size;
    }
    if (current.length) {
      lines.push(current.join(""));
    }
    return lines.join("\r\n ");
  }

  function icalDate(when) {
    return pad(when.getUTCFullYear(), 4) + pad(when.getUTCMonth() + 1, 2) +
      pad(when.getUTCDate(), 2);
  }

  function addDays(when, days) {
    var next = new Date(when.getTime());
    next.setUTCDate(next.getUTCDate() + days);
    return next;
  }

  /* Days from the start: weeks run Monday to Sunday, week 1 being the week of the start;
   * negative for a week-1 session before the start (Session.offset in sessions.py). */
  function offset(session, start) {
    var startWeekday = (start.getUTCDay() + 6) % 7; // 0 = Monday, as Python's weekday()
    return 7 * (session.week - 1) + session.weekday - startWeekday;
  }

  /* The sessions on or after the start, in date order (sessions_from in sessions.py). */
  function sessionsFrom(sessions, start) {
    return sessions
      .map(function (s, i) { return { s: s, i: i, days: offset(s, start) }; })
      .filter(function (x) { return x.days >= 0; })
      .sort(function (a, b) { return a.days - b.days || a.i - b.i; })
      .map(function (x) { return x.s; });
  }

  /* The whole calendar as a string; encode it as UTF-8 for the file's bytes. */
  function programCalendar(data, startText) {
    var start = parseStart(startText);
    var stamp = icalDate(start) + "T000000Z";
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:" + escapeText(data.prodid),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(data.calname)
    ];
    var kept = sessionsFrom(data.sessions, start);
    kept.forEach(function (s) {
      var when = addDays(start, offset(s, start));
      lines.push(
        "BEGIN:VEVENT",
        "SUMMARY:" + escapeText(s.summary),
        "DTSTART;VALUE=DATE:" + icalDate(when),
        "DTEND;VALUE=DATE:" + icalDate(addDays(when, 1)),
        "DTSTAMP:" + stamp,
        "UID:" + escapeText(s.uid),
        "CATEGORIES:" + escapeText(data.category),
        "DESCRIPTION:" + escapeText(s.description),
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(foldLine).join("\r\n") + "\r\n";
  }

  /* How many sessions the calendar for this start holds (the status line says it). */
  function sessionCount(data, startText) {
    return sessionsFrom(data.sessions, parseStart(startText)).length;
  }

  var api = {
    parseStart: parseStart,
    escapeText: escapeText,
    foldLine: foldLine,
    programCalendar: programCalendar,
    sessionCount: sessionCount
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.drillbookCalendar = api;

  function start() {
    var form = document.getElementById("db-calendar");
    var source = document.getElementById("db-calendar-data");
    if (!form || !source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var input = document.getElementById("db-calendar-start");
    var status = document.getElementById("db-calendar-status");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text;
      try {
        text = programCalendar(data, input.value);
      } catch (err) {
        status.textContent = err.message;
        input.focus();
        return;
      }
      var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = data.program + ".ics";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      var count = sessionCount(data, input.value);
      var skipped = data.sessions.length - count;
      status.textContent = "Calendar ready: " + count + " sessions from " + input.value + "." +
        (skipped ? " " + skipped + " of week 1 fell before that day and were left out." : "");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(this);
