<%page args="items: string[]"/>
<%def name="box(title: string, n: number = 0)">
<div>${title}${caller.body(n, title)}</div>
</%def>
<%call expr="box(items[0])" args="i: number, s: string">${i.toFixed(0)}${s.toUpperCase()}</%call>
<%self:box title="${items[0]}" n="${2}" args="i: number, s: string">${s}</%self:box>
<%self:box title="plain" args="i, s">${s}</%self:box>
