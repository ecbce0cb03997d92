<%!
import type { Item } from '../types'
%>
<%page args="items: Item[], title: string = 'Shop'"/>
<%def name="row(item: Item)">
  <li>${item.name}: ${item.price.toFixed(2)}</li>
</%def>
<%def name="summary(count: number)">${count} items</%def>
<h1>${title}</h1>
<ul>
% for item in items:
  ${row(item)}
% endfor
</ul>
