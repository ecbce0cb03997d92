## Rendered in the browser by src/entry-client.ts; edits to it hot-update the DOM.
<%page args="items: string[], clicks: number"/>
<%namespace name="ui" file="/components/ui.mako"/>
<div class="widget">
  <h3 id="widget-title">Client widget</h3>
  <ul>
% for item in items:
    <li class="${loop.even ? 'even' : 'odd'}">${item}</li>
% endfor
  </ul>
  <p>clicks: <span id="clicks">${clicks}</span> ${ui.button('+1', 'bump')}</p>
</div>
