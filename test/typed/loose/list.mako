<%page args="items, limit = 10"/>
<%def name="row(item, i)">${i}: ${item.name}</%def>
% for item in items.slice(0, limit):
${row(item)}
% endfor
${row(items[0], 1, 2)}
<%include file="./count.mako" args="n='x'"/>
${anything.goes.here(title)}
<% const shown: number = title %>
