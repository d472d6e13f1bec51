/// The style and script inlined into every HTML report. Plain CSS and plain
/// JavaScript, nothing fetched; without JavaScript everything is shown and
/// only filtering and the unit cards are missing. Neither may contain `]]>`
/// (they sit in CDATA sections) or `</`.
enum HTMLAssets {
  /// Records script errors on the root element before anything else runs,
  /// so that a browser test can read them from the DOM.
  static let errorHook = """
    (function () {
      var root = document.documentElement;
      window.addEventListener('error', function (event) {
        root.setAttribute('data-script-errors', String(Number(root.getAttribute('data-script-errors') || 0) + 1));
        root.setAttribute('data-script-error-message', String(event.message || 'error'));
      });
    })();
    """

  static let style = """
    :root {
      --ink: #15202b; --muted: #5b6b7b; --line: #dde3ea; --page: #f3f5f8; --card: #ffffff; --navy: #13294b;
      --error: #c62828; --error-bg: #fdeceb; --warning: #b45309; --warning-bg: #fff3dc;
      --info: #1d5fbf; --info-bg: #e7f0fd; --ok: #2f855a; --ok-bg: #ffffff;
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: var(--page);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
    code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; }
    header.top { background: var(--navy); color: #fff; padding: 26px 0 22px; }
    header.top > * { max-width: 1240px; margin-left: auto; margin-right: auto; padding: 0 28px; }
    header.top .brand { font-size: 12px; letter-spacing: .14em; text-transform: uppercase; color: #b9c8dc; }
    header.top h1 { margin: 4px auto 4px; font-size: 28px; line-height: 1.25; font-weight: 700; }
    header.top .sub { margin-top: 0; margin-bottom: 0; color: #d5e0ee; }
    main { max-width: 1240px; margin: 0 auto; padding: 22px 28px 8px; }
    footer { max-width: 1240px; margin: 0 auto; padding: 4px 28px 28px; color: var(--muted); font-size: 13px; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px;
      margin: 0 0 20px; box-shadow: 0 1px 3px rgba(19, 41, 75, .06); }
    h2 { font-size: 20px; margin: 0 0 14px; }
    h2 .kicker { display: inline-block; font-size: 12px; text-transform: uppercase; letter-spacing: .08em;
      color: #fff; background: var(--navy); border-radius: 4px; padding: 2px 8px; vertical-align: 3px; margin-right: 6px; }
    h3 { font-size: 16px; margin: 22px 0 8px; }
    h4 { font-size: 14px; margin: 14px 0 4px; }
    .muted, .id { color: var(--muted); }
    .id { font-size: 12px; }
    .path { margin: -8px 0 12px; }
    .summary-grid { display: grid; grid-template-columns: minmax(180px, 240px) 1fr; gap: 18px 28px; align-items: start; }
    .by-rule h3 { margin-top: 0; }
    @media (max-width: 720px) { .summary-grid { grid-template-columns: 1fr; } }
    .counts { display: flex; flex-direction: column; gap: 10px; }
    .count { display: flex; align-items: baseline; gap: 12px; text-decoration: none; color: var(--ink);
      border-radius: 8px; padding: 8px 16px; border-left: 6px solid; }
    .count .n { font-size: 32px; font-weight: 700; line-height: 1.15; min-width: 1.6em; }
    .count .l { font-size: 15px; color: var(--muted); }
    .count.sev-error { background: var(--error-bg); border-color: var(--error); }
    .count.sev-error .n { color: var(--error); }
    .count.sev-warning { background: var(--warning-bg); border-color: #e09a2b; }
    .count.sev-warning .n { color: var(--warning); }
    .count.sev-info { background: var(--info-bg); border-color: var(--info); }
    .count.sev-info .n { color: var(--info); }
    .count[data-count="0"] { background: #f4f7f5; border-color: #9cc5ad; }
    .count[data-count="0"] .n { color: var(--ok); }
    .clean { color: var(--ok); font-weight: 600; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600;
      border-bottom: 2px solid var(--line); }
    tfoot th { border-top: 2px solid var(--line); border-bottom: none; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .plus { color: var(--ok); } .minus { color: var(--error); }
    tr.failed td { background: #fff7f6; }
    .warn { color: var(--error); font-size: 13px; }
    .pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
      white-space: nowrap; border: 1px solid transparent; }
    .pill.sev-error { background: var(--error-bg); color: var(--error); border-color: #f3b9b5; }
    .pill.sev-warning { background: var(--warning-bg); color: var(--warning); border-color: #f1cf8f; }
    .pill.sev-info { background: var(--info-bg); color: var(--info); border-color: #b8d0f3; }
    details > summary { cursor: pointer; }
    details.about summary { font-size: 14px; }
    details.about summary .title { color: var(--muted); margin-left: 6px; }
    table.rules td { padding-top: 5px; padding-bottom: 5px; }
    details.about p { margin: 4px 0 2px; font-size: 13px; max-width: 70ch; }
    details.quiet, details.diff { margin-top: 12px; font-size: 14px; }
    details.quiet ul { columns: 2; margin: 6px 0; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; font-size: 14px; }
    dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
    figure.chart { margin: 22px 0 0; }
    figure.chart figcaption { font-weight: 700; font-size: 16px; margin-bottom: 6px; }
    .hint, .note { color: var(--muted); font-size: 13px; margin: 4px 0 8px; }
    ul.legend { list-style: none; padding: 0; margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; }
    ul.legend li { display: flex; align-items: center; gap: 6px; }
    .swatch { display: inline-block; width: 22px; height: 14px; border-radius: 3px; border: 1.5px solid; border-left-width: 5px; }
    .swatch.sev-error { background: var(--error-bg); border-color: var(--error); }
    .swatch.sev-warning { background: var(--warning-bg); border-color: #d98a12; }
    .swatch.sev-info { background: var(--info-bg); border-color: var(--info); }
    .swatch.sev-none { background: #fff; border-color: #b5c3d1; border-left-color: var(--ok); }
    .tagswatch { font-size: 11px; font-weight: 700; border-radius: 999px; padding: 0 8px; color: #fff; }
    .scroll { overflow: auto; max-height: 78vh; border: 1px solid var(--line); border-radius: 8px;
      background: #fafbfd linear-gradient(#fafbfd, #fafbfd); }
    details.panel { margin-top: 10px; }
    details.panel > summary { font-weight: 600; padding: 4px 0; }
    svg.orgchart.fit { max-width: 100%; height: auto; }
    svg.orgchart { display: block; font-family: "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
    svg .edges path { fill: none; stroke: #a7b6c8; stroke-width: 1.3; }
    svg .unit, svg .stub { cursor: pointer; }
    svg .box { fill: #fff; stroke: #c3cfdc; stroke-width: 1.2; }
    svg .stripe { fill: var(--ok); }
    svg .name { font-size: 12.5px; font-weight: 600; fill: #13294b; }
    svg .meta { font-size: 11px; fill: #5b6b7b; }
    svg .sev-error .box { fill: var(--error-bg); stroke: var(--error); stroke-width: 1.6; }
    svg .sev-error .stripe, svg .sev-error .badge circle { fill: var(--error); }
    svg .sev-warning .box { fill: var(--warning-bg); stroke: #d98a12; stroke-width: 1.6; }
    svg .sev-warning .stripe, svg .sev-warning .badge circle { fill: #d98a12; }
    svg .sev-info .box { fill: var(--info-bg); stroke: var(--info); stroke-width: 1.4; }
    svg .sev-info .stripe, svg .sev-info .badge circle { fill: var(--info); }
    svg .badge text { fill: #fff; font-size: 10.5px; font-weight: 700; text-anchor: middle; }
    svg .stub .box { stroke-dasharray: 5 3; }
    svg .tag rect { fill: #5b6b7b; }
    svg .tag text { fill: #fff; font-size: 9.5px; font-weight: 700; text-anchor: middle; }
    svg .tag-added rect, .tagswatch.tag-added { background: #2f855a; fill: #2f855a; }
    svg .tag-merged rect, .tagswatch.tag-merged { background: #6b46c1; fill: #6b46c1; }
    svg .tag-split rect, .tagswatch.tag-split { background: #b7791f; fill: #b7791f; }
    svg .tag-removed rect, .tagswatch.tag-removed { background: #718096; fill: #718096; }
    svg .tag-moved rect, .tagswatch.tag-moved { background: #2b6cb0; fill: #2b6cb0; }
    svg .tag-renamed rect, .tagswatch.tag-renamed { background: #4a5568; fill: #4a5568; }
    svg .mark-added .box { stroke: #2f855a; stroke-dasharray: 6 3; stroke-width: 1.8; }
    svg .mark-removed, figure.before svg .mark-merged, figure.before svg .mark-split { opacity: .6; }
    svg .mark-removed .box { stroke-dasharray: 4 3; }
    svg .mark-removed .name { text-decoration: line-through; }
    svg .unit:focus { outline: none; }
    svg .unit:focus .box, svg .unit.selected .box, svg .unit:target .box { stroke: #13294b; stroke-width: 3; }
    .filters { display: flex; gap: 10px 16px; flex-wrap: wrap; align-items: flex-end; margin: 0 0 12px; }
    .filters label { display: flex; flex-direction: column; gap: 3px; font-size: 12px; color: var(--muted);
      text-transform: uppercase; letter-spacing: .04em; }
    .filters select { font: inherit; font-size: 14px; text-transform: none; letter-spacing: 0; color: var(--ink);
      padding: 5px 8px; border: 1px solid #b5c3d1; border-radius: 6px; background: #fff; max-width: 22em; }
    #filter-count { font-size: 13px; padding-bottom: 6px; }
    #findings-table td.loc code { overflow-wrap: anywhere; font-size: 12px; }
    #findings-table td.loc .dir { color: var(--muted); font-size: 11px; }
    #findings-table td.loc .file { white-space: nowrap; }
    main a { color: #1b4f9c; text-decoration: none; }
    main a.count { color: var(--ink); }
    main a:hover { text-decoration: underline; }
    #findings-table td.msg { min-width: 18em; }
    #findings-table .change { font-size: 12px; color: #6b46c1; font-weight: 600; }
    ul.related { margin: 4px 0 0; padding-left: 18px; font-size: 12.5px; color: var(--muted); }
    ul.related code { word-break: break-all; font-size: 11.5px; }
    tr[hidden] { display: none; }
    tr.flash td { background: #fff8c5; }
    .unit-card { margin-top: 12px; border: 1px solid var(--line); border-left: 6px solid #b5c3d1; border-radius: 8px;
      padding: 12px 16px; background: #fff; }
    .unit-card.sev-error { border-left-color: var(--error); }
    .unit-card.sev-warning { border-left-color: #d98a12; }
    .unit-card.sev-info { border-left-color: var(--info); }
    .unit-card h4 { margin: 0; font-size: 16px; }
    .unit-card ul { margin: 8px 0; padding-left: 0; list-style: none; }
    .unit-card li { margin: 6px 0; }
    .unit-card button { font: inherit; font-size: 13px; border: 1px solid #b5c3d1; background: #f3f5f8;
      border-radius: 6px; padding: 3px 10px; cursor: pointer; }
    @media print {
      /* Landscape: org charts are wide, and the findings table has five columns. */
      @page { size: A4 landscape; margin: 12mm; }
      figure.chart { display: flex; flex-direction: column; }
      /* A chart taller than a page starts a page; its caption and legend follow it, as in print. */
      figure.chart > figcaption, figure.chart > ul.legend { order: 2; margin-top: 6pt; }
      body { background: #fff; font-size: 10.5pt; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      header.top { background: #fff; color: var(--ink); padding: 0 0 8pt; border-bottom: 2pt solid var(--navy); }
      header.top .brand, header.top .sub { color: var(--muted); }
      header.top > *, main, footer { max-width: none; padding-left: 0; padding-right: 0; }
      .card { border: none; box-shadow: none; padding: 0; margin-bottom: 16pt; }
      .filters, .unit-card, .hint, #selftest-result { display: none !important; }
      .scroll { overflow: visible; max-height: none; border: none; background: none; }
      svg.orgchart { max-width: 100%; height: auto; }
      #findings-table tbody tr { display: table-row !important; }
      tr { break-inside: avoid; }
      h2, h3, figure.chart figcaption, ul.legend { break-after: avoid-page; }
      .summary-grid { grid-template-columns: 200px 1fr; }
      details > summary { list-style: none; }
      a { color: inherit; text-decoration: none; }
    }
    """

  /// Filtering, unit cards, links into the chart, printing, and the self-test
  /// (`#selftest`) that the browser check runs. User text is only ever put
  /// into the page with `textContent` or by cloning nodes.
  static let script = """
    (function () {
      'use strict';
      var root = document.documentElement;
      var T = JSON.parse(document.getElementById('orglint-text').textContent);
      var table = document.getElementById('findings-table');
      var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
      var filters = document.querySelector('.filters');
      var severity = document.getElementById('filter-severity');
      var rule = document.getElementById('filter-rule');
      var unit = document.getElementById('filter-unit');
      var counter = document.getElementById('filter-count');

      function each(list, f) { Array.prototype.forEach.call(list, f); }
      function shown(row) { return row.getClientRects().length > 0; }

      function apply() {
        var s = severity.value, r = rule.value, u = unit.value, count = 0;
        rows.forEach(function (row) {
          var ok = (!s || row.getAttribute('data-severity') === s) && (!r || row.getAttribute('data-rule') === r) &&
            (!u || row.getAttribute('data-unit') === u);
          row.hidden = !ok;
          if (ok) { count++; }
        });
        counter.textContent = T.showing.replace('{shown}', String(count)).replace('{total}', String(rows.length));
        return count;
      }
      function setFilters(s, r, u) { severity.value = s; rule.value = r; unit.value = u; return apply(); }
      if (filters && rows.length) {
        filters.hidden = false;
        [severity, rule, unit].forEach(function (select) { select.addEventListener('change', apply); });
        apply();
      }

      function openAround(element) {
        for (var node = element; node; node = node.parentNode) {
          if (node.tagName && node.tagName.toLowerCase() === 'details') { node.open = true; }
        }
      }

      function rowsOf(id) { return rows.filter(function (row) { return row.getAttribute('data-unit') === id; }); }

      function showUnit(box) {
        var figure = box.closest('figure');
        var card = figure && figure.querySelector('.unit-card');
        if (!card) { return; }
        each(document.querySelectorAll('svg .unit.selected'), function (other) { other.classList.remove('selected'); });
        box.classList.add('selected');
        while (card.firstChild) { card.removeChild(card.firstChild); }
        var severities = ['sev-error', 'sev-warning', 'sev-info', 'sev-none'];
        card.className = 'unit-card';
        severities.forEach(function (name) { if (box.classList.contains(name)) { card.classList.add(name); } });
        var heading = document.createElement('h4');
        heading.textContent = box.getAttribute('data-name');
        var meta = document.createElement('div');
        meta.className = 'muted';
        meta.textContent = box.getAttribute('data-unit-id') + ' · ' + box.getAttribute('data-meta');
        card.appendChild(heading);
        card.appendChild(meta);
        var found = rowsOf(box.id);
        var list = document.createElement('ul');
        found.forEach(function (row) {
          var item = document.createElement('li');
          item.appendChild(row.cells[0].firstElementChild.cloneNode(true));
          item.appendChild(document.createTextNode(' ' + row.cells[3].querySelector('.text').textContent + ' '));
          var rule = document.createElement('code');
          rule.textContent = '[' + row.getAttribute('data-rule') + ']';
          item.appendChild(rule);
          var where = document.createElement('div');
          where.className = 'id';
          where.textContent = row.cells[4].textContent;
          item.appendChild(where);
          list.appendChild(item);
        });
        if (found.length) {
          card.appendChild(list);
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = T.showInTable;
          button.addEventListener('click', function () {
            setFilters('', '', box.id);
            document.getElementById('findings').scrollIntoView();
          });
          card.appendChild(button);
        } else {
          var none = document.createElement('p');
          none.className = 'muted';
          none.textContent = T.noFindings;
          card.appendChild(none);
        }
        card.hidden = false;
      }

      each(document.querySelectorAll('.hint'), function (hint) { hint.hidden = false; });
      each(document.querySelectorAll('svg .unit'), function (box) {
        box.addEventListener('click', function () { showUnit(box); });
        box.addEventListener('keydown', function (event) {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); showUnit(box); }
        });
      });

      function go(id) {
        var target = document.getElementById(id);
        if (!target) { return false; }
        openAround(target);
        if (target.classList && target.classList.contains('unit')) { showUnit(target); }
        target.scrollIntoView({ block: 'center' });
        return true;
      }

      document.addEventListener('click', function (event) {
        var link = event.target.closest ? event.target.closest('a') : null;
        var href = link && link.getAttribute('href');
        if (!href || href.charAt(0) !== '#' || href.length < 2) { return; }
        if (href === '#findings') {
          var card = link.getAttribute('data-severity');
          if (card && rows.length) { event.preventDefault(); setFilters(card, '', ''); go('findings'); }
          return;
        }
        if (go(href.slice(1))) { event.preventDefault(); history.replaceState(null, '', href); }
      });

      window.addEventListener('beforeprint', function () {
        each(document.querySelectorAll('details.panel, details.diff'), function (details) { details.open = true; });
        if (rows.length) { setFilters('', '', ''); }
      });

      function selftest() {
        var lines = [], ok = true;
        function check(label, got, want) {
          var pass = got === want;
          ok = ok && pass;
          lines.push((pass ? 'ok ' : 'FAIL ') + label + ': ' + got + (pass ? '' : ' (expected ' + want + ')'));
        }
        function visible() { return rows.filter(shown).length; }
        check('rows', rows.length, Number(table.getAttribute('data-total')));
        check('all shown', visible(), rows.length);
        each(document.querySelectorAll('.counts .count'), function (card) {
          var s = card.getAttribute('data-severity');
          setFilters(s, '', '');
          check('severity ' + s, visible(), Number(card.getAttribute('data-count')));
        });
        each(document.querySelectorAll('table.rules tbody tr'), function (line) {
          var r = line.getAttribute('data-rule');
          setFilters('', r, '');
          check('rule ' + r, visible(), Number(line.getAttribute('data-count')));
        });
        each(unit.options, function (option) {
          if (!option.value) { return; }
          setFilters('', '', option.value);
          var want = document.querySelectorAll('[id="' + option.value + '"] .badge text').length ?
            Number(document.querySelector('[id="' + option.value + '"] .badge text').textContent) : -1;
          check('unit ' + option.value, visible(), want);
        });
        if (rows.length) {
          var first = rows[0];
          var both = setFilters(first.getAttribute('data-severity'), first.getAttribute('data-rule'), '');
          check('severity and rule', visible(), both);
          check('no rule of another severity', rows.filter(function (row) {
            return shown(row) && row.getAttribute('data-severity') !== first.getAttribute('data-severity');
          }).length, 0);
        }
        setFilters('', '', '');
        check('reset', visible(), rows.length);
        var links = document.querySelectorAll('#findings-table a[href^="#"]');
        var broken = 0;
        each(links, function (link) { if (!document.getElementById(link.getAttribute('href').slice(1))) { broken++; } });
        check('links to units that exist', broken, 0);
        var boxes = document.querySelectorAll('svg .unit');
        var withFindings = null;
        each(boxes, function (box) { if (!withFindings && box.querySelector('.badge')) { withFindings = box; } });
        if (withFindings) {
          showUnit(withFindings);
          var card = withFindings.closest('figure').querySelector('.unit-card');
          check('unit card shown', card.hidden, false);
          check('unit card findings', card.querySelectorAll('li').length, rowsOf(withFindings.id).length);
        }
        lines.push('units drawn: ' + boxes.length + ', findings: ' + rows.length);
        var result = document.getElementById('selftest-result');
        result.textContent = lines.join('\\n');
        result.setAttribute('data-status', ok ? 'pass' : 'fail');
        result.hidden = false;
      }

      if (location.hash === '#selftest') {
        selftest();
      } else if (location.hash.length > 1) {
        go(decodeURIComponent(location.hash.slice(1)));
      }
      root.setAttribute('data-report-ready', 'true');
    })();
    """
}
