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

  /* '2025-03-05' -> a Date at midnight UTC; throws on anything that is not a real date. */
  function parseStart(text) {
    var m = DATE.exec(String(text).trim());
    var when = new Date(0);
    if (m) {
      when.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    }
    if (
      !m ||
      Number(m[1]) < 1 ||
      when.getUTCFullYear() !== Number(m[1]) ||
      when.getUTCMonth() !== Number(m[2]) - 1 ||
      when.getUTCDate() !== Number(m[3])
    ) {
      throw new Error("'" + String(text).trim() + "' is not a date; pick the first day of week 1");
    }
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

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) {
      s = "0" + s;
    }
    return s;
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

  /* Days from the start: each week runs seven days from it and keeps the routine's weekday
   * (Session.offset in generator/model/sessions.py). */
  function offset(session, start) {
    var startWeekday = (start.getUTCDay() + 6) % 7; // 0 = Monday, as Python's weekday()
    return 7 * (session.week - 1) + (((session.weekday - startWeekday) % 7) + 7) % 7;
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
    data.sessions.forEach(function (s) {
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

  var api = {
    parseStart: parseStart,
    escapeText: escapeText,
    foldLine: foldLine,
    programCalendar: programCalendar
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
      status.textContent = "Calendar ready: " + data.sessions.length + " sessions from " +
        input.value + ".";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(this);
