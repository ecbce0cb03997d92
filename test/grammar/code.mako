<%! import { format } from './format.js' %>
<%! import type { Item } from './types' %>
<%!
  const shout = (s: string): string => s.toUpperCase()
  export const title = 'Home'
%>
<% const total = items.reduce((n, i) => n + i.price, 0) %>
<%
  let count = 0
  for (const item of items) {
    if (item.visible) count++
  }
%>
<p>${format(total)} ${count} ${title | shout}</p>
<% return STOP_RENDERING %>
