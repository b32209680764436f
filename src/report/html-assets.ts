import { hash } from 'node:crypto';

/** The HTML report's inline style and script: fixed text, never built from input. */

export const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.meta{color:#5a5a5a;font-size:.9em}details{margin:.3rem 0}summary{cursor:pointer}
[hidden]{display:none!important}
table.summary{border-collapse:collapse}table.summary td,table.summary th{padding:.15rem .8rem .15rem 0;text-align:left}
table.summary td{text-align:right;font-variant-numeric:tabular-nums}
svg.chart{display:block;max-width:100%;height:auto;font:11px system-ui,sans-serif;fill:#333}
svg.timeline{vertical-align:middle;margin-left:.5rem;fill:#4a84bb;border-bottom:1px solid #999}
details.theme{border-top:1px solid #ddd;padding:.3rem 0}details.theme>summary{font-weight:600}
details.group{margin-left:1.2rem}ul.members,ul.oneoff{margin:.3rem 0 .6rem 1.2rem;padding-left:1rem}
.why{margin:.2rem 0 .2rem 1.2rem}.term{display:inline-block;background:#eef3f9;border-radius:3px;padding:0 .3rem;margin:0 .15rem}
form.filter{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0;position:sticky;top:0;background:#fff;padding:.4rem 0}
form.filter label{display:flex;flex-direction:column;font-size:.85em}form.filter input{font:inherit;padding:.15rem .3rem}
code{font-size:.9em}`;

/**
 * Filters the item tree: every field must match (text, source and recipient as substrings,
 * year exactly); groups and themes with no visible item are hidden, the rest opened.
 */
export const SCRIPT = `(function () {
  var form = document.getElementById('filter');
  var status = document.getElementById('filter-status');
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-item]'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('details.theme, details.group, details.oneoffs'));
  var opened = boxes.map(function (d) { return d.open; });
  function field(name) { return form.elements[name].value.trim().toLowerCase(); }
  function part(li, selector) { var el = li.querySelector(selector); return el ? el.textContent.toLowerCase() : ''; }
  function apply() {
    var text = field('text'), source = field('source'), recipient = field('recipient'), year = field('year');
    var active = Boolean(text || source || recipient || year);
    var shown = 0;
    items.forEach(function (li) {
      var ok = (!text || li.textContent.toLowerCase().indexOf(text) >= 0) &&
        (!source || part(li, '.src').indexOf(source) >= 0) &&
        (!recipient || part(li, '.rcp').indexOf(recipient) >= 0) &&
        (!year || (' ' + (li.getAttribute('data-year') || '') + ' ').indexOf(' ' + year + ' ') >= 0);
      li.hidden = !ok;
      if (ok) shown++;
    });
    boxes.slice().reverse().forEach(function (d) {
      var visible = d.querySelector('[data-item]:not([hidden])') !== null;
      d.hidden = active && !visible;
      d.open = active ? visible : opened[boxes.indexOf(d)];
    });
    status.textContent = active ? shown + ' of ' + items.length + ' listed items match' : items.length + ' items listed';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  apply();
})();`;

/** Nothing may load from anywhere; only this exact script may run (so an injected handler could not). */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash('sha256', SCRIPT, 'base64')}'; img-src data:`;
