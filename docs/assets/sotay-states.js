/* Sổ tay tuyên truyền: the state of each task judged again on the reader's day ("Quá hạn", "Sắp đến hạn", "Không
   có báo cáo kết quả"…), so that a copy opened months after it was built still says the right thing.

   The page prints every state as judged on the build day (the fallback without script) with the task's time as
   data: <span class="sotay-state sotay-state--CODE" data-kind data-start data-end data-finish data-status
   data-past-from data-day title>. The rules are those of macros/core/deadlines.py, written by the build into
   assets/sotay-state-rules.js as window.SotayStateRules (deadlines.table()): this script implements its few
   conditions and nothing else, so Python and the browser judge alike (tests/browser/test_states_in_browser.py
   runs both on the same cases). It also rewrites the counts ("3 quá hạn, 1 sắp đến hạn") of an element
   .sotay-state-summary[data-sotay-tasks] and the day of .sotay-state-day[data-day]. No library, no request:
   works from file:// as over http. */
(function () {
  "use strict";

  var DAY = 86400000;

  function dayNumber(iso) {
    var parts = iso.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) / DAY;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoOf(number) {
    var d = new Date(number * DAY);
    var y = d.getUTCFullYear();
    return (y < 1000 ? ("000" + y).slice(-4) : String(y)) + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  /* The reader's day, in the reader's time zone. */
  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* As macros/core/dates.py format_date: 07/5/1954, 01/01/2024, 15/6/2022. */
  function formatDate(iso) {
    var parts = iso.split("-");
    var month = +parts[1];
    return parts[2] + "/" + (month <= 2 ? pad(month) : String(month)) + "/" + (+parts[0]);
  }

  function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }

  /* deadlines.CONDITIONS; ISO days compare as text. */
  function holds(condition, time, day, dueSoonDays) {
    var last = time.finish || time.end || null;
    switch (condition) {
      case "always": return true;
      case "no-last": return last === null;
      case "last-passed": return last !== null && last < day;
      case "last-soon": return last !== null && last <= isoOf(dayNumber(day) + dueSoonDays);
      case "started": return !!time.start && time.start <= day;
      default: throw new Error("điều kiện không có trong bảng: " + condition);
    }
  }

  /* deadlines.state_of: time = {kind, start, end, finish, status, "past-from"} (missing values left out). */
  function stateOf(rules, time, day) {
    if (time.status && Object.prototype.hasOwnProperty.call(rules.statuses, time.status)) {
      return rules.statuses[time.status];
    }
    if (time["past-from"] && time["past-from"] <= day) return rules.past_state;
    var steps = rules.rules[time.kind] || rules.rules.unknown;
    for (var i = 0; i < steps.length; i++) {
      if (holds(steps[i][0], time, day, rules.due_soon_days)) return steps[i][1];
    }
    throw new Error("the rule of " + time.kind + " has no last step that always holds");
  }

  var NAMES = ["kind", "start", "end", "finish", "status", "past-from"];

  function timeOf(element) {
    var time = {};
    for (var i = 0; i < NAMES.length; i++) {
      var value = element.getAttribute("data-" + NAMES[i]);
      if (value) time[NAMES[i]] = value;
    }
    return time;
  }

  function counts(rules, times, day) {
    var found = {};
    for (var i = 0; i < times.length; i++) {
      var code = stateOf(rules, times[i], day);
      found[code] = (found[code] || 0) + 1;
    }
    var parts = [];
    for (var j = 0; j < rules.order.length; j++) {
      var c = rules.order[j];
      if (found[c]) parts.push(found[c] + " " + lowerFirst(rules.labels[c]));
    }
    return parts.join(", ");
  }

  /* Judge every state element under `root` on `day` (default: the reader's today). */
  function update(root, day) {
    var rules = window.SotayStateRules;
    if (!rules || !root || !root.querySelectorAll) return;
    day = day || today();
    var note = "Tình trạng tính đến ngày " + formatDate(day);
    var spans = root.querySelectorAll(".sotay-state[data-kind]");
    for (var i = 0; i < spans.length; i++) {
      var span = spans[i];
      var code = stateOf(rules, timeOf(span), day);
      span.className = span.className.replace(/\bsotay-state--[a-z-]+/g, "").replace(/\s+/g, " ").trim() +
        " sotay-state--" + code;
      span.textContent = rules.labels[code];
      span.setAttribute("data-day", day);
      span.setAttribute("title", note);
    }
    var summaries = root.querySelectorAll(".sotay-state-summary[data-sotay-tasks]");
    for (var j = 0; j < summaries.length; j++) {
      try {
        summaries[j].textContent = counts(rules, JSON.parse(summaries[j].getAttribute("data-sotay-tasks")), day);
      } catch (error) {
        /* keep the build-time counts */
      }
    }
    var days = root.querySelectorAll(".sotay-state-day[data-day]");
    for (var k = 0; k < days.length; k++) {
      days[k].setAttribute("data-day", day);
      days[k].textContent = formatDate(day);
    }
  }

  window.SotayStates = {stateOf: stateOf, counts: counts, update: update, today: today, formatDate: formatDate};

  function run() {
    update(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);  // Material's instant navigation: every page change
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
