// A visitor without an account gets their first page in UTC: the server learns the browser's
// zone only from the cookie that timezone.js sets on that page. So on pages rendered in a
// guessed zone (marked data-browser-zone), rewrite every <time datetime> in the browser's
// zone, in the server's own format ("Tue 20 Mar 2027, 18:00 EST"), and name the zone. The
// next page comes from the server already in that zone. No inline script: this file is all.
(function () {
  var note = document.querySelector("[data-browser-zone]");
  if (!note || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === note.textContent.trim()) return;

  function parts(options, date) {
    var found = {};
    new Intl.DateTimeFormat("en-US", Object.assign({ timeZone: zone }, options))
      .formatToParts(date)
      .forEach(function (part) { found[part.type] = part.value; });
    return found;
  }

  var day = { weekday: "short", day: "2-digit", month: "short", year: "numeric" };
  var clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
  document.querySelectorAll("time[datetime]").forEach(function (element) {
    var date = new Date(element.getAttribute("datetime"));
    if (isNaN(date.getTime())) return;
    var p = parts(Object.assign({}, day, clock), date);
    if (element.hasAttribute("title")) {
      // A moment (the `when` filter): date, time and zone; the title names the zone.
      element.textContent = p.weekday + " " + p.day + " " + p.month + " " + p.year + ", " +
        p.hour + ":" + p.minute + " " + p.timeZoneName;
      element.setAttribute("title", zone);
    } else {
      // A calendar date only (`when_date`).
      element.textContent = p.day + " " + p.month + " " + p.year;
    }
  });
  note.textContent = zone;
})();
