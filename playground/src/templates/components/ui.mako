## A namespace of UI defs, used by the pages, the shell and the browser widget.
<%def name="badge(text: string)"><span class="badge">${text}</span></%def>
<%def name="card(heading: string, body: string)">
<div class="card">
  <h2>${heading}</h2>
  <p>${body}</p>
</div>
</%def>
<%def name="button(label: string, id: string)"><button id="${id}" type="button">${label}</button></%def>
