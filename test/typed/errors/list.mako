<%!
import type { Item } from './types'
%>
<%page args="title: string, items: Item[] = [], limit: number = 10"/>
<%def name="row(item: Item, i: number)">
  <li>${i}. ${item.name}: ${item.price.toFixed(2)}</li>
</%def>
<h1>${title.toUpperCase()}</h1>
% for item in items:
  ${row(item, loop.index)}
  ${item.nmae}
% endfor
${row(items[0])}
<% const shown: number = title %>
% if limit > items.length:
  ${title}
% endif
<%include file="./row.mako" args="n='x'"/>
<%include file="./row.mako" args="n=1, lable='a'"/>
