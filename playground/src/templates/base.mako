## Level 1 of 3: the HTML shell every page inherits (through a section layout).
<%page args="viteHead: string, clientEntry: string, cacheBackend: string"/>
<%namespace name="ui" file="/components/ui.mako"/>
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  ${viteHead | n}
  <title><%block name="title">Mako playground</%block></title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
    nav a { margin-right: 1rem; } nav a.active { font-weight: bold; }
    .card, .widget { border: 1px solid #ccc; border-radius: 6px; padding: 0 1rem; margin: 1rem 0; }
    .badge { background: #333; color: #fff; border-radius: 4px; padding: 0 .4rem; }
    .tip { background: #ffc; padding: .5rem 1rem; }
  </style>
</head>
<body>
  <header>${ui.badge('vite-plugin-mako')} playground</header>
  ${next.body(context.kwargs)}
  <footer><%block name="footer">cache backend: <code id="cache-backend">${cacheBackend}</code></%block></footer>
  <script type="module" src="${clientEntry}"></script>
</body>
</html>
