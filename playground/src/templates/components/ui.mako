## A namespace of UI defs, used by the pages, the shell and the browser widget.
<%def name="badge(text)"><span class="badge">${text}</span></%def>
<%def name="card(heading, body)">
<div class="card">
  <h2>${heading}</h2>
  <p>${body}</p>
</div>
</%def>
<%def name="button(label, id)"><button id="${id}" type="button">${label}</button></%def>
