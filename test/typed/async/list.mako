<%!
interface Item { name: string; price: number }
%>
<%page args="items: Promise<Item[]>, stream: AsyncIterable<Item>, names: string[]"/>
% for item in items:
${item.name.toUpperCase()}
% endfor
% for item in stream:
${item.price.toFixed(2)} ${item.nmae}
% endfor
% for n in names:
${n.length}
% endfor
<%def name="row(rows: Promise<Item[]>)">
% for i, item in rows.then((r) => r.entries()):
${i.toFixed(0)}: ${item.name}
% endfor
</%def>
