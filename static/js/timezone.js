// Tell the server the browser's zone, so anonymous visitors see dates in their own zone,
// and pre-fill the time zone field of the sign-up form.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  // Zone names ("America/New_York") are valid cookie characters as they are: the server
  // reads the value verbatim. Rewrite the cookie when the zone changed (a laptop travelled).
  var cookie = "tz=" + zone;
  if (("; " + document.cookie + ";").indexOf("; " + cookie + ";") === -1) {
    document.cookie = cookie + "; path=/; max-age=31536000; SameSite=Lax";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.querySelector("select[data-guess-timezone]");
    // data-touched: the form came back with errors; keep what the person picked.
    if (!select || select.dataset.touched) return;
    var option = select.querySelector('option[value="' + zone + '"]');
    if (option) select.value = zone;
  });
})();
