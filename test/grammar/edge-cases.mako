<%def name="card(title, body = '')"
      filter="trim"
      buffered="True">
  <% const label = `${title}: ${body.length}` %><b>${label}</b><% const n = 1 %>${n}
</%def>
% if items.length > 0:  // a JavaScript comment ends the control line
% endif
<script>
% for s in scripts:
  load(${s | n})
% endfor
  const tpl = `${'not Mako: ${'}`
</script>
<p title="a % b ## c">50%% ${pct}%</p>
<%block name="empty"/>
${x}${y}${ z }
% if url.startsWith('https://x'):
% endif  // closes the if
